using System.Net;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

public sealed class HardeningTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/weeks/7/lecture/slides/1")]
    [InlineData("/account/sign-in")]
    [InlineData("/api/v1/course")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesSecurityHeaders(string url)
    {
        using var factory = new CourseAppFactory();
        var response = await factory.CreateClient().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task OutsideDevelopment_HttpRedirectsToHttps_AndHttpsSendsHsts()
    {
        using var factory = new ConfiguredFactory(("Security:RequireHttps", "true"));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://course.example") });
        var plain = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https", plain.Headers.Location?.Scheme);

        var secure = factory.CreateClient(new() { BaseAddress = new Uri("https://course.example") });
        var response = await secure.GetAsync("/");
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Cookies_AreHttpOnlyLax_AndSecureWhenHttpsIsRequired()
    {
        using var factory = new ConfiguredFactory(("Security:RequireHttps", "true"));
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://course.example") });
        var email = $"cookie-{Guid.NewGuid():N}@example.com";
        var response = await TestAccounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "Cookie",
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = TestAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var auth = cookies.Single(c => c.StartsWith("llmcourse.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=lax", auth);
        Assert.Contains("secure", auth);
    }

    [Fact]
    public async Task SignIn_OverTheLimit_Is429WithRetryAfter()
    {
        using var factory = new ConfiguredFactory(("RateLimits:SignInPerMinute", "3"));
        var client = TestAccounts.NewClient(factory);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await TestAccounts.SignInResponseAsync(client, "nobody@example.com", "wrong-password-1")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        var limited = await TestAccounts.SignInResponseAsync(client, "nobody@example.com", "wrong-password-1");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task Registration_OverTheLimit_Is429()
    {
        using var factory = new ConfiguredFactory(("RateLimits:RegisterPerMinute", "2"));
        await TestAccounts.RegisterAsync(factory);
        await TestAccounts.RegisterAsync(factory);
        await Assert.ThrowsAsync<InvalidOperationException>(() => TestAccounts.RegisterAsync(factory));
    }

    [Fact]
    public async Task TokenCreation_OverTheLimit_Is429()
    {
        using var factory = new ConfiguredFactory(("RateLimits:TokenCreationPerMinute", "2"));
        var client = await TestAccounts.RegisterAsync(factory);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await TestAccounts.PostFormAsync(client, "/account?handler=CreateToken", new() { ["name"] = $"t{i}" }, formUrl: "/account")).StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
    }

    [Fact]
    public async Task Api_OverTheLimit_Is429ProblemWithRetryAfter()
    {
        using var factory = new ConfiguredFactory(("RateLimits:ApiPerMinute", "2"));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/course")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/course")).StatusCode);
        var limited = await client.GetAsync("/api/v1/course");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Passwords_AreHashedWithPbkdf2AtLeast100000Iterations()
    {
        using var factory = new CourseAppFactory();
        var email = $"hash-{Guid.NewGuid():N}@example.com";
        await TestAccounts.RegisterAsync(factory, email);
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var hash = Convert.FromBase64String(user!.PasswordHash!);

        // Identity's v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes), salt length, salt, subkey; big-endian.
        Assert.Equal(0x01, hash[0]);
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4));
        Assert.True(iterations >= 100_000, $"only {iterations} iterations");
        Assert.True(user.LockoutEnabled);
    }

    [Fact]
    public async Task Readyz_IsOk_WhenTheDatabaseAnswers()
    {
        using var factory = new CourseAppFactory();
        var response = await factory.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_Is503WithRetryAfter_BeforeTheDatabaseIsMigrated()
    {
        using var factory = new CourseAppFactory();
        var client = factory.CreateClient();
        var state = factory.Services.GetRequiredService<LlmCourse.Web.Hosting.DatabaseState>();
        state.Migrated = false;
        var response = await client.GetAsync("/healthz");
        state.Migrated = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Contains("database not migrated", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    private sealed class ConfiguredFactory(params (string Key, string Value)[] settings) : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }
}
