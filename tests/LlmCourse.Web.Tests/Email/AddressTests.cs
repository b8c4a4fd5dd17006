using System.Net;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Email;

/// <summary>Confirming the address of a new account, and changing it: links from received mail, single use, the old address told.</summary>
public sealed class AddressTests(MailAppFactory factory) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task Registration_SendsAConfirmationLink_ThatConfirmsTheAddressWhenItsButtonIsPressed()
    {
        var email = MailTestSupport.NewAddress("confirm");
        await TestAccounts.RegisterAsync(factory, email);
        await factory.SendPendingAsync();
        var mail = Assert.Single(factory.Smtp.To(email), m => m.Subject?.StartsWith("Confirm your email address", StringComparison.Ordinal) == true);
        var link = MailAppFactory.LinkIn(mail, "/account/confirm-email");

        // Opening the link (as a mail scanner would) confirms nothing; the button does, signed out.
        var browser = TestAccounts.NewClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        Assert.False(await ConfirmedAsync(email));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var confirmed = await TestAccounts.PostFormAsync(browser, link, new() { ["user"] = query["user"].ToString(), ["token"] = query["token"].ToString() });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("data-email-confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await ConfirmedAsync(email));
    }

    [Fact]
    public async Task ChangingTheAddress_TakesEffectOnlyFromTheNewAddressesLink_TellsTheOldOne_AndEndsSessions()
    {
        var oldEmail = MailTestSupport.NewAddress("old");
        var newEmail = MailTestSupport.NewAddress("new");
        var client = await TestAccounts.RegisterAsync(factory, oldEmail);
        var other = await TestAccounts.SignInAsync(factory, oldEmail, TestAccounts.Password);

        var wrongPassword = await TestAccounts.PostFormAsync(client, "/account/change-email", new() { ["Input.NewEmail"] = newEmail, ["Input.CurrentPassword"] = "not-the-password-1" });
        Assert.Contains("The current password is not right.", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var asked = await TestAccounts.PostFormAsync(client, "/account/change-email", new() { ["Input.NewEmail"] = newEmail, ["Input.CurrentPassword"] = TestAccounts.Password });
        Assert.Contains("data-change-requested", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.SendPendingAsync();
        var mail = Assert.Single(factory.Smtp.To(newEmail));
        var link = MailAppFactory.LinkIn(mail, "/account/confirm-email-change");
        Assert.Equal(oldEmail, await EmailOfAsync(oldEmail, newEmail));

        var browser = TestAccounts.NewClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        var form = new Dictionary<string, string> { ["user"] = query["user"].ToString(), ["email"] = query["email"].ToString(), ["token"] = query["token"].ToString() };
        var done = await TestAccounts.PostFormAsync(browser, link, new(form));
        Assert.Contains("data-email-changed", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(newEmail, await EmailOfAsync(oldEmail, newEmail));

        await factory.SendPendingAsync();
        var notice = Assert.Single(factory.Smtp.To(oldEmail), m => m.Subject?.Contains("was changed", StringComparison.Ordinal) == true);
        Assert.Contains(newEmail, notice.TextBody, StringComparison.Ordinal);

        foreach (var signedIn in new[] { client, other })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/dashboard")).StatusCode);
        }

        await TestAccounts.SignInAsync(factory, newEmail, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAccounts.PostFormAsync(browser, link, new(form), formUrl: "/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task ConfirmationLink_AfterOneHour_IsRefused()
    {
        var email = MailTestSupport.NewAddress("slow");
        await TestAccounts.RegisterAsync(factory, email);
        await factory.SendPendingAsync();
        var link = MailAppFactory.LinkIn(Assert.Single(factory.Smtp.To(email)), "/account/confirm-email");
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAccounts.NewClient(factory).GetAsync(link)).StatusCode);
    }

    private async Task<bool> ConfirmedAsync(string email)
    {
        await using var db = factory.Database.OpenContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync();
    }

    private async Task<string?> EmailOfAsync(string oldEmail, string newEmail)
    {
        await using var db = factory.Database.OpenContext();
        return await db.Users.Where(u => u.Email == oldEmail || u.Email == newEmail).Select(u => u.UserName).SingleAsync();
    }
}

/// <summary>With <c>Accounts:RequireConfirmedEmail=true</c>, an unconfirmed account cannot sign in, and only the right password learns why.</summary>
public sealed class RequiredConfirmationTests(RequiredConfirmationTests.Factory factory) : IClassFixture<RequiredConfirmationTests.Factory>
{
    public sealed class Factory : MailAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Accounts:RequireConfirmedEmail", "true")];
    }

    [Fact]
    public async Task UnconfirmedAccount_CannotSignIn_TheRightPasswordIsToldToConfirm_AndTheLinkLetsItIn()
    {
        var email = MailTestSupport.NewAddress("required");
        var client = TestAccounts.NewClient(factory);
        var registered = await TestAccounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "Required",
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = TestAccounts.Password,
        });
        Assert.Equal("/account/sign-in", registered.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);

        var wrong = await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, "wrong-password-9");
        Assert.Contains(WebUtility.HtmlEncode(AccountMessages.SignInFailed), await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(factory), email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(AccountMessages.ConfirmFirst), await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await factory.SendPendingAsync();
        var link = MailAppFactory.LinkIn(factory.Smtp.To(email)[^1], "/account/confirm-email");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query);
        await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), link, new() { ["user"] = query["user"].ToString(), ["token"] = query["token"].ToString() });
        var signedIn = await TestAccounts.SignInAsync(factory, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(2, factory.Smtp.To(email).Count(m => m.Subject?.StartsWith("Confirm", StringComparison.Ordinal) == true));
    }
}
