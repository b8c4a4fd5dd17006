using LlmCourse.Core.Content;
using LlmCourse.Web.Announcements;
using LlmCourse.Web.Content;
using LlmCourse.Web.Dashboard;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Dashboard;

[Authorize]
public sealed class IndexModel(CourseCatalog catalog, ProgressReader reader, StudyService study, AnnouncementBoard board, TimeProvider clock) : PageModel
{
    public const int CalendarWeeks = 12;

    public IReadOnlyList<Week> Weeks { get; private set; } = [];

    public LearnerProgress Progress { get; private set; } = LearnerProgress.Empty;

    public (Week Week, CourseItem Item, int Slide)? Continue { get; private set; }

    public int CoursePercent { get; private set; }

    public IReadOnlyList<(Week Week, CourseItem Item, DateTime At, string What)> Recent { get; private set; } = [];

    public IReadOnlyDictionary<DateOnly, int> Activity { get; private set; } = new Dictionary<DateOnly, int>();

    public DateOnly Today { get; private set; }

    /// <summary>Spaced-repetition cards due now across the course (reviewed before; new cards are not due).</summary>
    public int DueCards { get; private set; }

    /// <summary>New cards the learner may still start today.</summary>
    public int NewCards { get; private set; }

    public IReadOnlyList<AnnouncementView> Announcements { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Weeks = catalog.VisibleWeeks();
        Progress = await reader.CurrentAsync();
        Continue = Progress.ContinueWhereLeftOff(Weeks);
        var totals = Weeks.Select(Progress.WeekTotals).ToList();
        var total = totals.Sum(t => t.Total);
        CoursePercent = total == 0 ? 0 : (int)Math.Floor(100.0 * totals.Sum(t => t.Done) / total);
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        Activity = Progress.ActivityByDay();
        Recent = RecentActivity(10);

        Announcements = await board.LatestAsync(HttpContext.RequestAborted);
        var queue = await study.DueQueueAsync(ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        DueCards = queue.DueCount;
        NewCards = queue.NewCount;

        // Without any write, the page changes when a card falls due or the UTC day ends (calendar, new-card allowance).
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        DashboardCache.ValidUntil(HttpContext, queue.NextDue is { } next && next < tomorrow ? next : tomorrow);
    }

    public string ContinueUrl((Week Week, CourseItem Item, int Slide) c) =>
        c.Item is Lecture && c.Slide > 0 ? CourseUrls.Slide(c.Week.Number, c.Item.Id, c.Slide) : CourseUrls.Item(c.Week, c.Item);

    private List<(Week, CourseItem, DateTime, string)> RecentActivity(int count)
    {
        var events = new List<(Week, CourseItem, DateTime, string)>();
        foreach (var visit in Progress.Visits)
        {
            if (Find(visit.WeekNumber, visit.ItemId) is var (w, i))
            {
                events.Add((w, i, visit.LastAt, i is Lecture && visit.LastSlide > 0 ? $"Viewed up to slide {visit.LastSlide}" : "Opened"));
            }
        }

        foreach (var completion in Progress.Completions)
        {
            if (Find(completion.WeekNumber, completion.ItemId) is var (w, i) && CompletionRules.Counts(i, completion.Source))
            {
                events.Add((w, i, completion.CompletedAt, "Completed"));
            }
        }

        return [.. events.OrderByDescending(e => e.Item3).Take(count)];
    }

    private (Week, CourseItem)? Find(int weekNumber, string itemId)
    {
        var week = Weeks.FirstOrDefault(w => w.Number == weekNumber);
        return week?.FindItem(itemId) is { } item ? (week, item) : null;
    }
}
