using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Email;

/// <summary>Announcements: posted by instructors, shown on the home page and dashboard, mailed only to those who opted in with a confirmed address.</summary>
public sealed class AnnouncementTests(MailAppFactory factory) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task Announcement_IsMailedOnlyToOptedInConfirmedLearners_AndShownOnTheHomePageAndDashboard()
    {
        var optedIn = MailTestSupport.NewAddress("in");
        var (learner, inId) = await MailTestSupport.ConfirmedLearnerAsync(factory, optedIn);
        await MailTestSupport.SetPreferencesAsync(factory, inId, announcements: true, digest: false);
        var optedOut = MailTestSupport.NewAddress("out");
        var (_, outId) = await MailTestSupport.ConfirmedLearnerAsync(factory, optedOut);
        await MailTestSupport.SetPreferencesAsync(factory, outId, announcements: false, digest: true);
        var never = MailTestSupport.NewAddress("never");
        await MailTestSupport.ConfirmedLearnerAsync(factory, never);
        var unconfirmed = MailTestSupport.NewAddress("unconfirmed");
        await TestAccounts.RegisterAsync(factory, unconfirmed);
        var unconfirmedId = await UserIdAsync(unconfirmed);
        await MailTestSupport.SetPreferencesAsync(factory, unconfirmedId, announcements: true, digest: false);

        // Warm the dashboard and home page copies first: the announcement must not hide behind them.
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync("/dashboard")).StatusCode);
        await TestAccounts.NewClient(factory).GetStringAsync("/");

        var title = "Office hours moved " + Guid.NewGuid().ToString("N")[..6];
        var instructor = await TestAccounts.InstructorAsync(factory);
        var posted = await TestAccounts.PostFormAsync(instructor, "/announcements/new", new() { ["title"] = title, ["body"] = "Thursday at **4 pm**." });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await factory.SendPendingAsync();

        var mail = Assert.Single(factory.Smtp.To(optedIn), m => m.Subject?.EndsWith(title, StringComparison.Ordinal) == true);
        Assert.Contains("Thursday at **4 pm**.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>4 pm</strong>", mail.HtmlBody, StringComparison.Ordinal);
        foreach (var other in new[] { optedOut, never, unconfirmed })
        {
            Assert.DoesNotContain(factory.Smtp.To(other), m => m.Subject?.EndsWith(title, StringComparison.Ordinal) == true);
        }

        Assert.Contains(WebUtility.HtmlEncode(title), await TestAccounts.NewClient(factory).GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(title), await learner.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(title), await TestAccounts.NewClient(factory).GetStringAsync("/announcements"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostingAnAnnouncement_IsForInstructorsOnly_AndEmptyOnesAreRefused()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var response = await TestAccounts.PostFormAsync(learner, "/announcements/new", new() { ["title"] = "Not allowed", ["body"] = "x" }, formUrl: "/account");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("Not allowed", await TestAccounts.NewClient(factory).GetStringAsync("/announcements"), StringComparison.Ordinal);

        var instructor = await TestAccounts.InstructorAsync(factory);
        var empty = await TestAccounts.PostFormAsync(instructor, "/announcements/new", new() { ["title"] = "  ", ["body"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Give the announcement a title.", html, StringComparison.Ordinal);
        Assert.Contains("Write the announcement.", html, StringComparison.Ordinal);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = factory.Database.OpenContext();
        return db.Users.Single(u => u.Email == email).Id;
    }
}
