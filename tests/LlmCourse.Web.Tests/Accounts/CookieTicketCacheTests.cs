using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.Accounts;

public sealed class CookieTicketCacheTests
{
    [Fact]
    public async Task RememberedCookie_StillGoesThroughTheSessionCheck()
    {
        using var app = new CourseAppFactory();
        var format = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        Assert.IsType<CookieTicketCache>(format);

        var email = $"stamp-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(app, email);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.True(((CookieTicketCache)format).Count > 0, "the cookie was remembered");

        // Any change of the security stamp, by any tool: the remembered cookie stops working on the next request
        // (on PostgreSQL, once the database's notice has arrived: within a second), not when Identity's 30-minute
        // check would have come round.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        await Eventually.TrueAsync(
            async () =>
            {
                using var after = await client.GetAsync("/dashboard");
                return after.StatusCode == System.Net.HttpStatusCode.Redirect && after.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true;
            },
            "the remembered cookie is refused");
    }

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("cookie-test")));

    [Fact]
    public void SameCookie_IsDecryptedOnce_AndEachCallerGetsItsOwnCopy()
    {
        var cache = new CookieTicketCache(_inner, _clock);
        var cookie = cache.Protect(Ticket("user-1"));

        var first = cache.Unprotect(cookie)!;
        first.Principal.Identities.Single().AddClaim(new Claim("changed", "by the first caller"));
        var second = cache.Unprotect(cookie)!;

        Assert.Equal(1, _inner.Unprotected);
        Assert.Equal("user-1", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Null(second.Principal.FindFirst("changed"));
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Copy_IsKeptForItsLifetimeOnly()
    {
        var cache = new CookieTicketCache(_inner, _clock);
        var cookie = cache.Protect(Ticket("user-1"));
        cache.Unprotect(cookie);

        _clock.Advance(CookieTicketCache.Lifetime - TimeSpan.FromMilliseconds(1));
        cache.Unprotect(cookie);
        Assert.Equal(1, _inner.Unprotected);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("user-1", cache.Unprotect(cookie)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(2, _inner.Unprotected);
    }

    [Fact]
    public void ForgedOrTamperedCookie_IsRejectedEveryTime_AndNotKept()
    {
        var cache = new CookieTicketCache(_inner, _clock);
        var cookie = cache.Protect(Ticket("user-1"));
        var tampered = cookie[..^4] + (cookie[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect("not a cookie"));
        Assert.Equal(3, _inner.Unprotected);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Memory_IsBounded()
    {
        var cache = new CookieTicketCache(_inner, _clock);
        for (var i = 0; i < CookieTicketCache.MaxEntries + 10; i++)
        {
            Assert.NotNull(cache.Unprotect(cache.Protect(Ticket($"user-{i}"))));
        }

        Assert.Equal(CookieTicketCache.MaxEntries, cache.Count);

        // Expired copies make room again.
        _clock.Advance(CookieTicketCache.Lifetime);
        cache.Unprotect(cache.Protect(Ticket("late")));
        Assert.Equal(1, cache.Count);
    }

    private static AuthenticationTicket Ticket(string userId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "Identity.Application")), "Identity.Application");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
