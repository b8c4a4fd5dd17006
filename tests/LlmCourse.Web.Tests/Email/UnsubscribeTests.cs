using System.Net;
using LlmCourse.Web.Email;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Email;

/// <summary>
/// Course mail's unsubscribe: the <c>List-Unsubscribe</c> headers of RFC 2369 and RFC 8058 on the message as it
/// arrived, a one-click POST without cookies (as mail programs send it), the footer link's page signed out, and
/// tokens that were altered or made up.
/// </summary>
public sealed class UnsubscribeTests(MailAppFactory factory) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task AnnouncementMail_HasOneClickHeaders_AndAPostWithoutCookiesUnsubscribes()
    {
        var (email, userId) = await SubscribedLearnerAsync();
        var mail = await PostAnnouncementAndReceiveAsync(email, "Headers");

        var header = mail.Headers["List-Unsubscribe"];
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<" + MailAppFactory.SiteUrl + UnsubscribeLinks.OneClickPath + "?token=", header, StringComparison.Ordinal);
        var oneClick = header!.Trim('<', '>')[MailAppFactory.SiteUrl.Length..];

        // A mail program: no cookies, no antiforgery token, the RFC 8058 body.
        using var program = factory.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });
        var response = await program.PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await OptedInAsync(userId));

        // The next announcement is not mailed to them.
        await PostAnnouncementAsync("After unsubscribing");
        await factory.SendPendingAsync();
        Assert.DoesNotContain(factory.Smtp.To(email), m => m.Subject?.Contains("After unsubscribing", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task OneClick_WithoutTheRfcBody_OrWithAnAlteredToken_ChangesNothing()
    {
        var (email, userId) = await SubscribedLearnerAsync();
        var mail = await PostAnnouncementAndReceiveAsync(email, "Tamper");
        var oneClick = mail.Headers["List-Unsubscribe"]!.Trim('<', '>')[MailAppFactory.SiteUrl.Length..];
        using var program = factory.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false });

        var noBody = await program.PostAsync(oneClick, new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);

        var tokenAt = oneClick.IndexOf("token=", StringComparison.Ordinal) + "token=".Length + 10;
        var altered = oneClick[..tokenAt] + (oneClick[tokenAt] == 'x' ? 'y' : 'x') + oneClick[(tokenAt + 1)..];
        var tampered = await program.PostAsync(altered, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);

        var madeUp = await program.PostAsync(UnsubscribeLinks.OneClickPath + "?token=bm90LWEtdG9rZW4", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.BadRequest, madeUp.StatusCode);

        // A token made for one account cannot be turned into another's: the payload is inside the protection.
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAccounts.NewClient(factory).GetAsync(altered.Replace(UnsubscribeLinks.OneClickPath, UnsubscribeLinks.PagePath, StringComparison.Ordinal))).StatusCode);
        Assert.True(await OptedInAsync(userId));
    }

    [Fact]
    public async Task FooterLink_WorksSignedOut_OpeningOnlyAsks_AndTheButtonUnsubscribes()
    {
        var (email, userId) = await SubscribedLearnerAsync();
        var mail = await PostAnnouncementAndReceiveAsync(email, "Footer");
        var page = MailAppFactory.LinkIn(mail, UnsubscribeLinks.PagePath);
        Assert.Contains(WebUtility.HtmlEncode(MailAppFactory.SiteUrl + page), mail.HtmlBody, StringComparison.Ordinal);

        var stranger = TestAccounts.NewClient(factory);
        var asked = await stranger.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Stop sending me announcements", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await OptedInAsync(userId));

        var token = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + page).Query)["token"].ToString();
        var withoutAntiforgery = await stranger.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutAntiforgery.StatusCode);
        Assert.True(await OptedInAsync(userId));

        var done = await TestAccounts.PostFormAsync(stranger, page, new() { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("data-unsubscribed", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await OptedInAsync(userId));
    }

    private async Task<(string Email, string UserId)> SubscribedLearnerAsync()
    {
        var email = MailTestSupport.NewAddress("list");
        var (_, userId) = await MailTestSupport.ConfirmedLearnerAsync(factory, email);
        await MailTestSupport.SetPreferencesAsync(factory, userId, announcements: true, digest: false);
        return (email, userId);
    }

    private async Task<MimeKit.MimeMessage> PostAnnouncementAndReceiveAsync(string email, string title)
    {
        await PostAnnouncementAsync(title);
        await factory.SendPendingAsync();
        return Assert.Single(factory.Smtp.To(email), m => m.Subject?.EndsWith(title, StringComparison.Ordinal) == true);
    }

    private async Task PostAnnouncementAsync(string title)
    {
        var instructor = await TestAccounts.InstructorAsync(factory);
        var posted = await TestAccounts.PostFormAsync(instructor, "/announcements/new", new() { ["title"] = title, ["body"] = "Body of " + title });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    private async Task<bool> OptedInAsync(string userId)
    {
        await using var db = factory.Database.OpenContext();
        return await db.EmailPreferences.Where(p => p.UserId == userId).Select(p => p.Announcements).SingleAsync();
    }
}
