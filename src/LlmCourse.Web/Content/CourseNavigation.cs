using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

public static class CourseNavigation
{
    /// <summary>Other visible items sharing tags with <paramref name="item"/>, most shared tags first.</summary>
    public static IReadOnlyList<(Week Week, CourseItem Item)> Related(IEnumerable<Week> visibleWeeks, Week week, CourseItem item, int max)
    {
        if (item.Tags.Count == 0)
        {
            return [];
        }

        var tags = item.Tags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. visibleWeeks
            .SelectMany(w => w.Items.Select(i => (Week: w, Item: i)))
            .Where(x => !(x.Week.Number == week.Number && x.Item.Id == item.Id))
            .Select(x => (x.Week, x.Item, Shared: x.Item.Tags.Count(tags.Contains)))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared)
            .ThenBy(x => x.Week.Number)
            .Take(max)
            .Select(x => (x.Week, x.Item))];
    }
}
