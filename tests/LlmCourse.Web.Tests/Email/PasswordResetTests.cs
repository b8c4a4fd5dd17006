using System.Net;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using LlmCourse.Web.Pages.Account;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Email;

/// <summary>
/// Forgot password, end to end through a real SMTP server on 127.0.0.1: the mail that arrives is parsed with
/// MimeKit and its link followed, as a person would. Tokens: single use, one hour on the site's clock.
/// </summary>
public sealed class PasswordResetTests(MailAppFactory factory) : IClassFixture<MailAppFactory>
{
    private const string NewPassword = "a-brand-new-pass-7";

    [Fact]
    public async Task ForgotPassword_KnownAndUnknownAddress_GetTheSameAnswer_AndOnlyTheKnownOneGetsMail()
    {
        var known = MailTestSupport.NewAddress("known");
        await TestAccounts.RegisterAsync(factory, known);
        var unknown = MailTestSupport.NewAddress("nobody");
        var before = factory.Smtp.Messages.Count;

        var answers = new List<string>();
        foreach (var email in new[] { known, unknown })
        {
            var response = await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(WebUtility.HtmlEncode(ForgotPasswordModel.SentAnswer), html, StringComparison.Ordinal);
            answers.Add(System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\"[^>]*>", ""));
        }

        Assert.Equal(answers[0], answers[1]);
        await factory.SendPendingAsync();
        Assert.Single(factory.Smtp.To(known), m => m.Subject?.StartsWith("Reset your password", StringComparison.Ordinal) == true);
        Assert.Empty(factory.Smtp.To(unknown));
        Assert.DoesNotContain(await factory.OutboxAsync(), m => m.ToAddress == unknown);
        Assert.True(factory.Smtp.Messages.Count > before);
    }

    [Fact]
    public async Task ResetLink_FromTheReceivedMail_SetsThePassword_EndsEverySession_AndSignsInWithTheNewOne()
    {
        var email = MailTestSupport.NewAddress("reset");
        var first = await TestAccounts.RegisterAsync(factory, email);
        var second = await TestAccounts.SignInAsync(factory, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/dashboard")).StatusCode);

        var mail = await RequestResetMailAsync(email);
        Assert.Equal("Course", mail.From.Mailboxes.Single().Name);
        var link = MailAppFactory.LinkIn(mail, "/account/reset-password");
        var html = mail.HtmlBody ?? "";
        Assert.Contains(WebUtility.HtmlEncode(MailAppFactory.SiteUrl + link), html, StringComparison.Ordinal);

        var browser = TestAccounts.NewClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var done = await SetPasswordAsync(browser, link, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/account/sign-in", done.Headers.Location?.OriginalString);

        // Both browsers that were signed in are signed out at once.
        foreach (var client in new[] { first, second })
        {
            var response = await client.GetAsync("/dashboard");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        // The old password no longer signs in (the form is shown again); the new one does.
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, TestAccounts.Password)).StatusCode);
        var signedIn = await TestAccounts.SignInAsync(factory, email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task ResetLink_UsedOnce_IsRefusedTheSecondTime()
    {
        var email = MailTestSupport.NewAddress("reuse");
        await TestAccounts.RegisterAsync(factory, email);
        var link = MailAppFactory.LinkIn(await RequestResetMailAsync(email), "/account/reset-password");
        var browser = TestAccounts.NewClient(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(browser, link, NewPassword)).StatusCode);

        var again = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("data-link-refused", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Posting the spent token straight away is refused too, and the password stays the one set first.
        var replay = await TestAccounts.PostFormAsync(browser, link, ResetForm(link, "an-attackers-pass-1"), formUrl: "/account/forgot-password");
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        await TestAccounts.SignInAsync(factory, email, NewPassword);
    }

    [Fact]
    public async Task ResetLink_OlderThanOneHour_IsRefused()
    {
        var email = MailTestSupport.NewAddress("late");
        await TestAccounts.RegisterAsync(factory, email);
        var link = MailAppFactory.LinkIn(await RequestResetMailAsync(email), "/account/reset-password");

        factory.Clock.Advance(TimeSpan.FromMinutes(59));
        var browser = TestAccounts.NewClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(link)).StatusCode);
        var late = await TestAccounts.PostFormAsync(browser, link, ResetForm(link, NewPassword), formUrl: "/account/forgot-password");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        await TestAccounts.SignInAsync(factory, email, TestAccounts.Password);
    }

    [Fact]
    public async Task ResetLink_WithAnAlteredToken_IsRefused()
    {
        var email = MailTestSupport.NewAddress("altered");
        await TestAccounts.RegisterAsync(factory, email);
        var link = MailAppFactory.LinkIn(await RequestResetMailAsync(email), "/account/reset-password");
        var altered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAccounts.NewClient(factory).GetAsync(altered)).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ManyRequestsForOneAddress_SendAtMostTheHourlyLimit_WithTheSameAnswer()
    {
        var email = MailTestSupport.NewAddress("flood");
        await TestAccounts.RegisterAsync(factory, email);
        for (var i = 0; i < 6; i++)
        {
            var response = await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
            Assert.Contains(WebUtility.HtmlEncode(ForgotPasswordModel.SentAnswer), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var resets = (await factory.OutboxAsync()).Count(m => m.ToAddress == email && m.Kind == MailKinds.PasswordReset);
        Assert.Equal(3, resets);

        // An hour later the address may have mail again.
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
        Assert.Equal(4, (await factory.OutboxAsync()).Count(m => m.ToAddress == email && m.Kind == MailKinds.PasswordReset));
    }

    private async Task<MimeKit.MimeMessage> RequestResetMailAsync(string email)
    {
        var response = await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await factory.SendPendingAsync();
        return Assert.Single(factory.Smtp.To(email), m => m.Subject?.StartsWith("Reset your password", StringComparison.Ordinal) == true);
    }

    private static Dictionary<string, string> ResetForm(string link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        return new()
        {
            ["user"] = query["user"].ToString(),
            ["token"] = query["token"].ToString(),
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = password,
        };
    }

    private static Task<HttpResponseMessage> SetPasswordAsync(HttpClient browser, string link, string password) =>
        TestAccounts.PostFormAsync(browser, link, ResetForm(link, password));
}
