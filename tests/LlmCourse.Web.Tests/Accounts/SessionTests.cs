using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// Issue 13, finding 5 (sessions outlive sign-out and password changes) and the lockout message, probed as an
/// attacker would: a copied cookie replayed after sign-out, a second browser after a password change, guesses
/// at the current password on the change-password and delete forms.
/// </summary>
public sealed partial class SessionTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private static readonly string[] PersonalPages = ["/dashboard", "/account", "/account/export", "/account/change-password"];

    [Fact]
    public async Task SignOut_ReplayedCookie_IsRefused()
    {
        var jar = new CookieContainer();
        var browser = factory.CreateDefaultClient(new CookieContainerHandler(jar));
        await TestAccounts.RegisterAsync(browser);

        // Twice, so this instance keeps the decrypted cookie and the rendered dashboard.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
        var copied = AuthCookie(jar);

        var signOut = await TestAccounts.PostFormAsync(browser, "/account/sign-out", [], formUrl: "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        await AssertSignedOutAsync(factory, copied);
    }

    [Fact]
    public async Task ChangePassword_EndsEveryOtherSessionAtOnce_AndKeepsThisOne()
    {
        var email = $"two-browsers-{Guid.NewGuid():N}@example.com";
        var jar = new CookieContainer();
        var first = factory.CreateDefaultClient(new CookieContainerHandler(jar));
        await TestAccounts.RegisterAsync(first, email);
        var otherJar = new CookieContainer();
        var other = factory.CreateDefaultClient(new CookieContainerHandler(otherJar));
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.SignInResponseAsync(other, email, TestAccounts.Password)).StatusCode);
        foreach (var browser in new[] { first, other })
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me/progress")).StatusCode);
        }

        var otherCookie = AuthCookie(otherJar);
        var firstCookie = AuthCookie(jar);
        var changed = await ChangePasswordAsync(first, TestAccounts.Password, "brand-new-pass-7");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        // No clock moves: the other browser is out on its very next request, and so is this browser's old cookie.
        await AssertSignedOutAsync(factory, otherCookie);
        await AssertSignedOutAsync(factory, firstCookie);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/me/progress")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPasswordGuesses_CountTowardLockout()
    {
        var email = $"guess-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(factory, email);
        for (var i = 0; i < 5; i++)
        {
            var guess = await ChangePasswordAsync(client, $"guess-number-{i}", "attacker-pass-1");
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        Assert.True(await IsLockedOutAsync(factory, email));

        // Locked: the right password neither signs in elsewhere nor changes the password here.
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, TestAccounts.Password)).StatusCode);
        var right = await ChangePasswordAsync(client, TestAccounts.Password, "attacker-pass-1");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, TestAccounts.Password));
    }

    [Fact]
    public async Task DeleteAccount_WrongPasswordGuesses_CountTowardLockout()
    {
        var email = $"delete-guess-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(factory, email);
        for (var i = 0; i < 5; i++)
        {
            var guess = await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = $"guess-number-{i}" });
            Assert.Equal(HttpStatusCode.OK, guess.StatusCode);
        }

        Assert.True(await IsLockedOutAsync(factory, email));
        var right = await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task PasswordConfirmations_OverTheRateLimit_Are429()
    {
        using var limited = new LimitedFactory();
        var client = await TestAccounts.RegisterAsync(limited);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((int)(await ChangePasswordAsync(client, $"guess-number-{i}", "attacker-pass-1")).StatusCode);
        }

        // The delete form shares the allowance: a guess there is the same guess.
        statuses.Add((int)(await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = "guess-number-9" })).StatusCode);
        Assert.Equal([200, 200, 429, 429], statuses);
    }

    [Fact]
    public async Task RoleChange_EndsTheAccountsSessionsAtOnce()
    {
        var instructor = await TestAccounts.InstructorAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await instructor.GetAsync("/instructor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await instructor.GetAsync("/instructor")).StatusCode);
        var email = await EmailOfAsync(instructor);

        var output = new StringWriter();
        Assert.Equal(0, await UserCommands.RunAsync(factory.Services, ["users", "set-role", "--email", email, "--role", Roles.Learner], TextReader.Null, output, TextWriter.Null));

        // The cookie still says Instructor; the session it names is over, so it opens nothing.
        var after = await instructor.GetAsync("/instructor");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery);
        var relisted = await TestAccounts.SignInAsync(factory, email, TestAccounts.Password);
        Assert.StartsWith("/account/access-denied", (await relisted.GetAsync("/instructor")).Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task PasswordReset_ByAnOperator_EndsTheAccountsSessionsAtOnce()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.com";
        var jar = new CookieContainer();
        var browser = factory.CreateDefaultClient(new CookieContainerHandler(jar));
        await TestAccounts.RegisterAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
        var cookie = AuthCookie(jar);

        var error = new StringWriter();
        var code = await UserCommands.RunAsync(factory.Services, ["users", "set-password", "--email", email], new StringReader("operator-set-pass-3\n"), TextWriter.Null, error);
        Assert.True(code == 0, error.ToString());

        await AssertSignedOutAsync(factory, cookie);
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, TestAccounts.Password)).StatusCode);
        await TestAccounts.SignInAsync(factory, email, "operator-set-pass-3");
    }

    [Fact]
    public async Task SlidingRenewal_KeepsAnActiveSession_WhileExpiredOnesAreTidied()
    {
        using var app = new ClockedAppFactory();
        var email = $"sliding-{Guid.NewGuid():N}@example.com";
        var active = await TestAccounts.RegisterAsync(app, email);
        var idle = await TestAccounts.SignInAsync(app, email, TestAccounts.Password);

        // Past half of the 14 days the cookie is renewed on use; the idle browser's is not.
        app.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/dashboard")).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(7));

        // A new sign-in tidies the account's expired sessions: the renewed one is not among them.
        await TestAccounts.SignInAsync(app, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await active.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/dashboard")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.Equal(2, await db.Set<UserSession>().CountAsync(s => s.UserId == user!.Id));
    }

    [Fact]
    public async Task SignIn_LockedUnknownAndWrongPassword_GetTheSameAnswer()
    {
        var locked = $"locked-{Guid.NewGuid():N}@example.com";
        var known = $"known-{Guid.NewGuid():N}@example.com";
        await TestAccounts.RegisterAsync(factory, locked);
        await TestAccounts.RegisterAsync(factory, known);
        var client = TestAccounts.NewClient(factory);
        for (var i = 0; i < 5; i++)
        {
            await TestAccounts.SignInResponseAsync(client, locked, "wrong-password-9");
        }

        Assert.True(await IsLockedOutAsync(factory, locked));
        var answers = new List<string>();
        foreach (var (email, password) in new[] { (locked, TestAccounts.Password), ($"nobody-{Guid.NewGuid():N}@example.com", TestAccounts.Password), (known, "wrong-password-9") })
        {
            var response = await TestAccounts.SignInResponseAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var errors = FormErrors().Match(await response.Content.ReadAsStringAsync());
            Assert.True(errors.Success, "the form shows an error");
            answers.Add(errors.Groups[1].Value);
        }

        Assert.Single(answers.Distinct());
    }

    /// <summary>A copy of a cookie, replayed by another client: every personal page and API refuses it.</summary>
    internal static async Task AssertSignedOutAsync(WebApplicationFactory<Program> app, string authCookie)
    {
        var replay = app.CreateDefaultClient();
        foreach (var url in PersonalPages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", $"llmcourse.auth={authCookie}");
            var response = await replay.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to a cookie whose session is over");
            Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery);
        }

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/progress");
        api.Headers.Add("Cookie", $"llmcourse.auth={authCookie}");
        var apiResponse = await replay.SendAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);
        Assert.Equal("application/problem+json", apiResponse.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Whether the dashboard, asked with this sign-in cookie alone, sends to the sign-in page.</summary>
    internal static async Task<bool> RefusedAsync(WebApplicationFactory<Program> app, string authCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"llmcourse.auth={authCookie}");
        using var response = await app.CreateDefaultClient().SendAsync(request);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.PathAndQuery.StartsWith("/account/sign-in", StringComparison.Ordinal) == true;
    }

    internal static string AuthCookie(CookieContainer jar) =>
        jar.GetAllCookies().FirstOrDefault(c => c.Name == "llmcourse.auth")?.Value ?? throw new InvalidOperationException("No sign-in cookie in the jar.");

    internal static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next) =>
        TestAccounts.PostFormAsync(client, "/account/change-password", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    private static async Task<bool> IsLockedOutAsync(CourseAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }

    private static async Task<string> EmailOfAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/account");
        return AccountEmail().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Value) : throw new InvalidOperationException("No email on /account.");
    }

    [GeneratedRegex("class=\"form-errors[^\"]*\"[^>]*>\\s*<ul>\\s*<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex FormErrors();

    [GeneratedRegex("instructor-[0-9a-f]{32}@example\\.com")]
    private static partial Regex AccountEmail();

    private sealed class LimitedFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:PasswordChecksPerMinute", "2")];
    }
}
