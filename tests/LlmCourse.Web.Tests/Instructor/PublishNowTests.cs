using System.Net;
using LlmCourse.Web.Data;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>"Publish now" is offered only while learners cannot see the week yet.</summary>
public sealed class PublishNowTests : IDisposable
{
    private const string PublishButton = ">Publish now</button>";

    private readonly PublishingApp _app = new();

    [Fact]
    public async Task WeekPage_PublishedWeek_HidesPublishNow_DraftAndScheduledWeeks_ShowIt()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);

        var published = await instructor.GetStringAsync("/instructor/weeks/7");
        Assert.Contains("week-state\">Published<", published, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishButton, published, StringComparison.Ordinal);
        Assert.Contains("Unpublish (back to draft)", published, StringComparison.Ordinal);

        Assert.Contains(PublishButton, await instructor.GetStringAsync("/instructor/weeks/9"), StringComparison.Ordinal);

        var scheduled = await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().ScheduleAsync(9, _app.Clock.GetUtcNow().AddDays(1), "test"));
        Assert.True(scheduled.Done, string.Join("\n", scheduled.Problems));
        Assert.Contains(PublishButton, await instructor.GetStringAsync("/instructor/weeks/9"), StringComparison.Ordinal);

        // Once the release instant passes, learners see it: nothing is left to publish.
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var released = await instructor.GetStringAsync("/instructor/weeks/9");
        Assert.Contains("Published (released", released, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishButton, released, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishNow_PostedForAPublishedWeek_ChangesNothing()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var audit = await AuditCountAsync();

        var response = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/7?handler=Publish", [], formUrl: "/instructor/weeks/7");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Week 7 is already published.", await instructor.GetStringAsync("/instructor/weeks/7"), StringComparison.Ordinal);
        Assert.Equal(audit, await AuditCountAsync());
    }

    private Task<int> AuditCountAsync() => _app.WithServiceAsync(s => s.GetRequiredService<AppDbContext>().PublishingAudit.CountAsync());

    public void Dispose() => _app.Dispose();
}
