using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

/// <summary>
/// What a visitor may see of the course right now: only published weeks whose release time has passed.
/// Every page and API asks here, so a hidden week cannot leak through one of them.
/// </summary>
public sealed class CourseCatalog(CourseStore store, TimeProvider clock)
{
    public CourseSnapshot Snapshot => store.Current;

    public Course Course => store.Current.Course;

    public IReadOnlyList<Week> VisibleWeeks()
    {
        var now = clock.GetUtcNow();
        return [.. store.Current.VisibleWeeks(now)];
    }

    public Week? FindWeek(int number)
    {
        var week = store.Current.FindWeek(number);
        return week is not null && week.IsVisibleAt(clock.GetUtcNow()) ? week : null;
    }

    /// <summary>
    /// Changes whenever what an anonymous visitor sees could change: the content revision, or the set of
    /// weeks released by now. Cached pages are keyed by it.
    /// </summary>
    public string VisibilityKey() =>
        store.Current.Revision + ":" + string.Join(",", VisibleWeeks().Select(w => w.Number));

    /// <summary>Visible items sharing tags with <paramref name="item"/>, most shared first.</summary>
    public IReadOnlyList<ItemLocation> Related(CourseItem item, int max = 5) =>
        store.Current.RelatedItems(item, clock.GetUtcNow(), max);

    public (Week Week, CourseItem Item)? FindItem(int weekNumber, string itemId)
    {
        var week = FindWeek(weekNumber);
        var item = week?.FindItem(itemId);
        return week is null || item is null ? null : (week, item);
    }
}
