using System.Net;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary><c>users reset-password --email …</c>: the name operators look for, the password from standard input, every session ended.</summary>
public sealed class ResetPasswordCommandTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task ResetPassword_ReadsStandardInput_EndsTheSessions_AndTheNewPasswordSignsIn()
    {
        var email = $"operator-reset-{Guid.NewGuid():N}@example.com";
        var signedIn = await TestAccounts.RegisterAsync(factory, email);
        var output = new StringWriter();
        var code = await UserCommands.RunAsync(factory.Services, ["users", "reset-password", "--email", email], new StringReader("set-by-operator-42\n"), output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("has a new password; their sessions have ended", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/dashboard")).StatusCode);
        await TestAccounts.SignInAsync(factory, email, "set-by-operator-42");

        var error = new StringWriter();
        Assert.Equal(2, await UserCommands.RunAsync(factory.Services, ["users", "reset-password", "--email", email], new StringReader(""), new StringWriter(), error));
        Assert.Contains("No password on standard input", error.ToString(), StringComparison.Ordinal);
    }
}
