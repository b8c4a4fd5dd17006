using System.Net;
using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Accounts;

public sealed class AccountTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task Register_SignsTheLearnerIn_AsLearner()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var account = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(Roles.Learner, await account.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Register_WithMismatchedPasswords_ShowsErrorAndCreatesNobody()
    {
        var client = TestAccounts.NewClient(factory);
        var email = $"x-{Guid.NewGuid():N}@example.com";
        var response = await TestAccounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "X",
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = "something-else-1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The passwords do not match.", await response.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Register_WithoutAntiforgeryToken_IsRefused()
    {
        var client = TestAccounts.NewClient(factory);
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Forged",
            ["Input.Email"] = "forged@example.com",
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = TestAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccount()
    {
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        await TestAccounts.RegisterAsync(factory, email);
        var client = TestAccounts.NewClient(factory);
        for (var i = 0; i < 5; i++)
        {
            var failed = await TestAccounts.SignInResponseAsync(client, email, "wrong-password-9");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // The right password no longer works while locked out (the form says no more than for a wrong one).
        var locked = await TestAccounts.SignInResponseAsync(client, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    [Fact]
    public async Task SignIn_ThenSignOut_EndsTheSession()
    {
        var email = $"out-{Guid.NewGuid():N}@example.com";
        await TestAccounts.RegisterAsync(factory, email);
        var client = await TestAccounts.SignInAsync(factory, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);

        var signOut = await TestAccounts.PostFormAsync(client, "/account/sign-out", [], formUrl: "/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var after = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task ChangePassword_OldStopsWorking_NewWorks()
    {
        var email = $"pw-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(factory, email);
        var changed = await TestAccounts.PostFormAsync(client, "/account/change-password", new()
        {
            ["Input.CurrentPassword"] = TestAccounts.Password,
            ["Input.NewPassword"] = "brand-new-pass-7",
            ["Input.ConfirmPassword"] = "brand-new-pass-7",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, TestAccounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, "brand-new-pass-7")).StatusCode);
    }

    [Fact]
    public async Task Cli_CreatesInstructor_WithPasswordFromStandardInput()
    {
        var email = $"cli-{Guid.NewGuid():N}@example.com";
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await UserCommands.RunAsync(factory.Services, ["users", "create", "--email", email, "--role", "Instructor"], new StringReader("cli-password-123\n"), output, error);

        Assert.Equal(0, code);
        Assert.Contains($"Created {email}", output.ToString());
        var instructor = await TestAccounts.SignInAsync(factory, email, "cli-password-123");
        Assert.Equal(HttpStatusCode.OK, (await instructor.GetAsync("/instructor")).StatusCode);

        var list = new StringWriter();
        Assert.Equal(0, await UserCommands.RunAsync(factory.Services, ["users", "list"], TextReader.Null, list, error));
        Assert.Contains($"{email}\tInstructor", list.ToString());

        Assert.Equal(0, await UserCommands.RunAsync(factory.Services, ["users", "set-role", "--email", email, "--role", "Learner"], TextReader.Null, output, error));
        var relisted = new StringWriter();
        await UserCommands.RunAsync(factory.Services, ["users", "list"], TextReader.Null, relisted, error);
        Assert.Contains($"{email}\tLearner", relisted.ToString());
    }

    [Theory]
    [InlineData("", "no password")]
    [InlineData("short\n", "Could not create")]
    public async Task Cli_BadPassword_FailsAndCreatesNobody(string stdin, string message)
    {
        var email = $"bad-{Guid.NewGuid():N}@example.com";
        var error = new StringWriter();
        var code = await UserCommands.RunAsync(factory.Services, ["users", "create", "--email", email, "--role", "Instructor"], new StringReader(stdin), TextWriter.Null, error);
        Assert.NotEqual(0, code);
        Assert.Contains(message, error.ToString(), StringComparison.OrdinalIgnoreCase);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Cli_UnknownRole_IsRefused()
    {
        var error = new StringWriter();
        var code = await UserCommands.RunAsync(factory.Services, ["users", "create", "--email", "r@example.com", "--role", "Admin"], new StringReader("long-enough-pass-1\n"), TextWriter.Null, error);
        Assert.Equal(1, code);
        Assert.Contains("Unknown role", error.ToString());
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.Instructor)]
    public async Task ApiToken_GivesTheSameClaimsAsSigningIn(string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (user, errors) = await services.GetRequiredService<UserAdmin>().CreateAsync($"claims-{Guid.NewGuid():N}@example.com", TestAccounts.Password, role);
        Assert.True(user is not null, string.Join(" ", errors));
        var (token, _) = await services.GetRequiredService<ApiTokenService>().CreateAsync(user.Id, "claims");

        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/api/v1/me/progress";
        context.Request.Headers.Authorization = $"Bearer {token}";
        var viaToken = await context.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName);
        Assert.True(viaToken.Succeeded);
        var signedIn = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);

        static List<string> Lines(ClaimsPrincipal p) => [.. p.Claims.Select(c => $"{c.Type}={c.Value}").Order(StringComparer.Ordinal)];
        Assert.Equal(Lines(signedIn), Lines(viaToken.Principal!));
        Assert.True(viaToken.Principal!.IsInRole(role));
    }

    [Fact]
    public async Task Instructor_Page_IsForInstructorsOnly()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var denied = await learner.GetAsync("/instructor");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/access-denied", denied.Headers.Location?.PathAndQuery);
        var instructor = await TestAccounts.InstructorAsync(factory);
        var page = await instructor.GetStringAsync("/instructor");
        Assert.Contains("Content problems", page);
    }
}
