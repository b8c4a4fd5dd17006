using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Dashboard;
using LlmCourse.Web.Components.Progress;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;

namespace LlmCourse.Components.Tests.Dashboard;

public sealed class DashboardComponentsTests : BunitContext
{
    [Fact]
    public void CourseProgress_Percent_BigNumberAndBarLabelledByTheHeading()
    {
        var cut = Render<CourseProgress>(ps => ps.Add(p => p.Percent, 40));

        cut.MarkupMatches("""
            <div class="card course-progress" aria-labelledby="course-progress-heading">
              <h2 id="course-progress-heading">Course</h2>
              <p class="big-number" data-course-percent="40">40%</p>
              <progress max="100" value="40" aria-labelledby="course-progress-heading">40%</progress>
            </div>
            """);
    }

    [Fact]
    public void ActivityCalendar_Wednesday_LastColumnEndsWithFutureDaysAndCellsAreShadedByCount()
    {
        // Wednesday 10 June 2026: the last column is the week of Monday 8 June, the first one week earlier.
        var today = new DateOnly(2026, 6, 10);
        var activity = new Dictionary<DateOnly, int>
        {
            [new(2026, 6, 1)] = 1,  // Monday of the first column: level 1
            [new(2026, 6, 9)] = 4,  // yesterday: level 2
            [today] = 9,            // level 3
            [new(2026, 5, 31)] = 5, // a Sunday before the calendar: not shown, not counted
        };

        var cut = Render<ActivityCalendar>(ps => ps.Add(p => p.Today, today).Add(p => p.Activity, activity).Add(p => p.Weeks, 2));

        cut.Find("thead").MarkupMatches("""
            <thead><tr>
              <th scope="col"><span class="visually-hidden">Day</span></th>
              <th scope="col"><span class="visually-hidden">Week of 1 Jun</span></th>
              <th scope="col"><span class="visually-hidden">Week of 8 Jun</span></th>
            </tr></thead>
            """);
        Assert.Equal(["Mon", "", "Wed", "", "Fri", "", "Sun"], cut.FindAll("tbody th[scope=row]").Select(th => th.TextContent));
        Assert.Equal(14, cut.FindAll("td.cal-cell").Count);

        cut.Find("td[data-day='2026-06-01']").MarkupMatches("""
            <td class="cal-cell cal-1" data-day="2026-06-01" title="Mon 1 Jun: 1"><span class="visually-hidden">1 Jun: 1</span></td>
            """);
        Assert.Contains("cal-0", cut.Find("td[data-day='2026-06-02']").ClassName);
        Assert.Contains("cal-2", cut.Find("td[data-day='2026-06-09']").ClassName);
        Assert.Contains("cal-3", cut.Find("td[data-day='2026-06-10']").ClassName);
        Assert.Contains("cal-future", cut.Find("td[data-day='2026-06-11']").ClassName);
        Assert.Contains("cal-future", cut.Find("td[data-day='2026-06-14']").ClassName);
        Assert.Empty(cut.FindAll("td[data-day='2026-05-31']"));

        // Rows are days: the second row holds the Tuesdays of both weeks.
        Assert.Equal(["2026-06-02", "2026-06-09"], cut.FindAll("tbody tr")[1].QuerySelectorAll("td").Select(td => td.GetAttribute("data-day")));

        cut.Find("p#calendar-summary").MarkupMatches("""<p id="calendar-summary" class="meta">Active on 3 of the last 14 days.</p>""");
        Assert.Equal("calendar-summary", cut.Find("table.calendar").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void ActivityCalendar_Sunday_WholeLastWeekIsPastAndNothingActive()
    {
        var today = new DateOnly(2026, 6, 14);

        var cut = Render<ActivityCalendar>(ps => ps.Add(p => p.Today, today).Add(p => p.Activity, new Dictionary<DateOnly, int>()).Add(p => p.Weeks, 1));

        Assert.Equal(
            ["2026-06-08", "2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-13", "2026-06-14"],
            cut.FindAll("td").Select(td => td.GetAttribute("data-day")));
        Assert.Empty(cut.FindAll(".cal-future"));
        Assert.All(cut.FindAll("td"), td => Assert.Contains("cal-0", td.ClassName));
        Assert.Equal("Active on 0 of the last 7 days.", cut.Find("#calendar-summary").TextContent);
    }

    [Fact]
    public void WeekProgress_OneDoneOneStartedOneUntouched_CountsBarAndMarks()
    {
        var week = new Week(2, "Transformers", "", "", true, null, [Item("notes"), Item("deck"), Item("extra")], "weeks/02/week.md");
        var progress = new LearnerProgress(
            [new ItemVisit { WeekNumber = 2, ItemId = "deck", Day = new(2026, 6, 1), LastAt = new(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc) }],
            [new ItemCompletion { WeekNumber = 2, ItemId = "notes", Source = "manual", CompletedAt = new(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc) }]);

        var cut = Render<WeekProgress>(ps => ps.Add(p => p.Week, week).Add(p => p.Progress, progress));

        cut.MarkupMatches("""
            <li class="card" data-week="2" data-done="1" data-total="3">
              <div class="week-progress-row">
                <a href="/weeks/2"><span class="week-number">Week 2</span> Transformers</a>
                <span class="meta">1 of 3 done</span>
              </div>
              <progress max="3" value="1" aria-label="Week 2: 1 of 3 items done">1 / 3</progress>
              <ul class="item-marks">
                <li><span class="mark mark-done" title="Completed">✓<span class="visually-hidden"> Completed</span></span> <a href="/weeks/2/notes">Notes notes</a></li>
                <li><span class="mark mark-started" title="In progress">◐<span class="visually-hidden"> In progress</span></span> <a href="/weeks/2/deck">Notes deck</a></li>
                <li> <a href="/weeks/2/extra">Notes extra</a></li>
              </ul>
              <a class="meta" href="/account/reset?week=2">Reset this week…</a>
            </li>
            """);
    }

    [Fact]
    public void ProgressMark_NoState_RendersNothing()
    {
        Assert.Equal("", Render<ProgressMark>(ps => ps.Add(p => p.State, null)).Markup.Trim());
        Assert.Equal("", Render<ProgressMark>(ps => ps.Add(p => p.State, new ItemState(false, false, 0, 0, null, null))).Markup.Trim());
    }

    private static Notes Item(string id) => new()
    {
        Id = id,
        Title = $"Notes {id}",
        Kind = ItemKind.Notes,
        SourceFile = $"weeks/02/{id}.md",
        Markdown = "",
        Revision = "0000000000000000",
        Html = "",
        Toc = [],
        WordCount = 0,
        ReadingMinutes = 1,
        Text = "",
    };
}
