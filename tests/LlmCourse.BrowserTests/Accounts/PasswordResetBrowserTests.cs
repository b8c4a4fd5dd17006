using System.Text.RegularExpressions;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Accounts;

/// <summary>
/// A learner who forgot their password, on a 320 px phone: asks for a link, the site's mail arrives at a real SMTP
/// server on 127.0.0.1, the link in the received message leads to the reset form, and the new password signs in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PasswordResetBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task ForgotPassword_LinkFromTheReceivedMail_LeadsToAWorkingSignIn()
    {
        var email = $"forgot-{Guid.NewGuid():N}@example.com";
        var page = await browser.NewPageAsync(320, 800);
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Forgetful Learner");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("first-pass-123");
        await page.GetByLabel("Repeat password").FillAsync("first-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");

        // The account page's email section fits the phone too.
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Email" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, "/account");
        // On a phone the site menu is a closed disclosure: open it, as a learner would, to reach "Sign out".
        await page.Locator(".menu-toggle").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.WaitForAddressAsync("**/account/forgot-password");
        await AssertFitsAsync(page, "/account/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-reset-requested]")).ToContainTextAsync("If an account uses that address");

        var mail = await browser.Mail.WaitForAsync(email, "Reset your password", TimeSpan.FromSeconds(60));
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(browser.BaseUrl + "/account/reset-password?", link, StringComparison.Ordinal);

        await page.GotoAsync(link);
        await AssertFitsAsync(page, "/account/reset-password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("second-pass-456");
        await page.GetByLabel("Repeat new password").FillAsync("second-pass-456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await page.WaitForAddressAsync("**/account/sign-in");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed");

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("second-pass-456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your progress" })).ToBeVisibleAsync();

        // The link was spent by the reset.
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("[data-link-refused]")).ToBeVisibleAsync();
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var wide = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            + ".map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join('; ')");
        Assert.True(wide.Length == 0, $"{what} scrolls sideways at 320 px: {wide}");
    }

    [GeneratedRegex(@"http://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
