using LlmCourse.Core.Content;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Content;

/// <summary>
/// What a visitor may see of the course right now: weeks whose stored state makes them visible at this
/// instant (computed on every request from the TimeProvider, so a scheduled week appears on time with no
/// action). Every page and API asks here, so a hidden week cannot leak through one of them. An instructor
/// previewing a hidden week (cookie set in the instructor area) sees it too; the layout then shows a banner.
/// </summary>
public sealed class CourseCatalog(CourseStore store, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>
    /// The output-cache policy (and tag) of the course pages anonymous visitors see: kept per <see cref="VisibilityKey"/>,
    /// evicted when the course changes.
    /// </summary>
    public const string CachePolicy = "course-pages";

    /// <summary>The cookie listing the week numbers an instructor previews, comma-separated.</summary>
    public const string PreviewCookie = "llmcourse.preview";

    private readonly HashSet<int> _previewShown = [];

    public CourseSnapshot Snapshot => store.Current;

    public Course Course => store.Current.Course;

    /// <summary>Hidden weeks this request has shown because the instructor previews them (the layout's banner lists them).</summary>
    public IReadOnlyCollection<int> PreviewShown => _previewShown;

    public IReadOnlyList<Week> VisibleWeeks()
    {
        var now = clock.GetUtcNow();
        var preview = PreviewWeeks();
        var weeks = store.Current.Course.Weeks.Where(w => w.IsVisibleAt(now) || preview.Contains(w.Number)).ToList();
        _previewShown.UnionWith(weeks.Where(w => !w.IsVisibleAt(now)).Select(w => w.Number));
        return weeks;
    }

    /// <summary>What anyone may see, previews ignored (sitemap, related items).</summary>
    public IReadOnlyList<Week> PublicWeeks() => [.. store.Current.VisibleWeeks(clock.GetUtcNow())];

    public Week? FindWeek(int number)
    {
        var week = store.Current.FindWeek(number);
        if (week is null)
        {
            return null;
        }

        if (week.IsVisibleAt(clock.GetUtcNow()))
        {
            return week;
        }

        if (PreviewWeeks().Contains(number))
        {
            _previewShown.Add(number);
            return week;
        }

        return null;
    }

    /// <summary>
    /// Changes whenever what an anonymous visitor sees could change: the content revision, or the set of
    /// weeks released by now. Cached pages are keyed by it.
    /// </summary>
    public string VisibilityKey() =>
        store.Current.Revision + ":" + string.Join(",", PublicWeeks().Select(w => w.Number));

    /// <summary>Whether week <paramref name="number"/> may be shown to this visitor (preview included).</summary>
    public bool IsWeekVisible(int number) => FindWeek(number) is not null;

    /// <summary>Visible items sharing tags with <paramref name="item"/>, most shared first.</summary>
    public IReadOnlyList<ItemLocation> Related(CourseItem item, int max = 5) =>
        store.Current.RelatedItems(item, clock.GetUtcNow(), max);

    public (Week Week, CourseItem Item)? FindItem(int weekNumber, string itemId)
    {
        var week = FindWeek(weekNumber);
        var item = week?.FindItem(itemId);
        return week is null || item is null ? null : (week, item);
    }

    /// <summary>The weeks the signed-in instructor previews (none for everyone else).</summary>
    public IReadOnlySet<int> PreviewWeeks()
    {
        var context = http.HttpContext;
        if (context is null || !context.User.IsInRole(Roles.Instructor) || !context.Request.Cookies.TryGetValue(PreviewCookie, out var value))
        {
            return new HashSet<int>();
        }

        return ParsePreview(value);
    }

    public static HashSet<int> ParsePreview(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)];
}
