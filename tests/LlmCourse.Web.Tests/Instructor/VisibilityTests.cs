using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>Draft → scheduled → released → unpublished, seen through every door learners have: pages, API, search, sitemap, progress.</summary>
public sealed class VisibilityTests : IDisposable
{
    private readonly PublishingApp _app = new();

    private enum Visible
    {
        No,
        Yes,
    }

    [Fact]
    public async Task ScheduledWeek_AppearsAtReleaseInstant_AndUnpublishHidesItAgain()
    {
        await _app.AddDraftWeekAsync();
        var anonymous = TestAccounts.NewClient(_app.Factory);
        var learner = await TestAccounts.RegisterAsync(_app.Factory);
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        HttpClient[] everyone = [anonymous, learner, instructor];

        await AssertEverywhereAsync(everyone, learner, Visible.No);

        var release = _app.Clock.GetUtcNow().AddHours(2);
        var scheduled = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Schedule",
            new() { ["releaseAt"] = release.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) }, formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("Scheduled for", await instructor.GetStringAsync("/instructor/weeks/9"));

        _app.Clock.SetUtcNow(release.AddSeconds(-1));
        await AssertEverywhereAsync(everyone, learner, Visible.No);

        _app.Clock.SetUtcNow(release);
        await AssertEverywhereAsync(everyone, learner, Visible.Yes);

        var unpublished = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Unpublish", [], formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        await AssertEverywhereAsync(everyone, learner, Visible.No);

        var audit = await instructor.GetStringAsync("/instructor/audit");
        Assert.Contains(">schedule<", audit);
        Assert.Contains(">unpublish<", audit);
    }

    [Fact]
    public async Task Publish_ShowsWeekImmediately_AndRecordsWhoAndWhen()
    {
        await _app.AddDraftWeekAsync();
        var anonymous = TestAccounts.NewClient(_app.Factory);
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var response = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Publish", [], formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/weeks/9/zebra-notes")).StatusCode);
        var page = await instructor.GetStringAsync("/instructor/weeks/9");
        Assert.Contains("set by instructor-", page);
    }

    [Fact]
    public async Task Preview_ShowsHiddenWeekToThatInstructorOnly_WithBanner()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var otherInstructor = await TestAccounts.InstructorAsync(_app.Factory);
        var learner = await TestAccounts.RegisterAsync(_app.Factory);

        var toggled = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Preview", new() { ["on"] = "true" }, formUrl: "/instructor/weeks/9");
        Assert.Equal("/weeks/9", toggled.Headers.Location?.OriginalString);

        var page = await instructor.GetStringAsync("/weeks/9/zebra-notes");
        Assert.Contains("preview-banner", page);
        Assert.Contains("zebracorn", page);
        Assert.DoesNotContain("preview-banner", await instructor.GetStringAsync("/weeks/7"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherInstructor.GetAsync("/weeks/9")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/weeks/9")).StatusCode);
        Assert.DoesNotContain("/weeks/9", await instructor.GetStringAsync("/sitemap.xml"));

        await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Preview", new() { ["on"] = "false" }, formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.NotFound, (await instructor.GetAsync("/weeks/9")).StatusCode);
    }

    private static async Task AssertEverywhereAsync(HttpClient[] clients, HttpClient learner, Visible expected)
    {
        var yes = expected == Visible.Yes;
        foreach (var client in clients)
        {
            Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/weeks/9")).StatusCode);
            Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/weeks/9/zebra-notes")).StatusCode);
            Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/weeks/9/zebra-notes/download")).StatusCode);
            Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/weeks/9/print")).StatusCode);
            Assert.Equal(yes ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/weeks/9/items/zebra-notes")).StatusCode);
            Assert.Equal(yes, (await client.GetStringAsync("/api/v1/course")).Contains("Extra week", StringComparison.Ordinal));
            Assert.Equal(yes, (await client.GetStringAsync("/")).Contains("Extra week", StringComparison.Ordinal));
            Assert.Equal(yes, (await client.GetStringAsync("/search?q=zebracorn")).Contains("/weeks/9/zebra-notes", StringComparison.Ordinal));
            Assert.Equal(yes, (await client.GetStringAsync("/sitemap.xml")).Contains("/weeks/9/zebra-notes", StringComparison.Ordinal));
        }

        var progress = await learner.GetStringAsync("/api/v1/me/progress");
        Assert.Equal(yes, progress.Contains("\"zebra-notes\"", StringComparison.Ordinal));
    }

    public void Dispose() => _app.Dispose();
}
