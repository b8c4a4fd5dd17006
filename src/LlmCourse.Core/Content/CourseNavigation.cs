namespace LlmCourse.Core.Content;

/// <summary>An item together with the week it sits in (the week number is half of its URL).</summary>
/// <param name="SharedTags">How many tags it shares with the item it is related to (0 for neighbours).</param>
public sealed record ItemLocation(Week Week, CourseItem Item, int SharedTags = 0);

/// <summary>Navigation the pages need: an item's neighbours in its week and related items by tag.</summary>
public static class CourseNavigation
{
    /// <summary>The item before and after <paramref name="itemId"/> in the week's order (null at either end or when the id is unknown).</summary>
    public static (CourseItem? Previous, CourseItem? Next) Neighbours(this Week week, string itemId)
    {
        ArgumentNullException.ThrowIfNull(week);
        var index = week.Items.ToList().FindIndex(i => string.Equals(i.Id, itemId, StringComparison.Ordinal));
        if (index < 0)
        {
            return (null, null);
        }

        return (index > 0 ? week.Items[index - 1] : null, index < week.Items.Count - 1 ? week.Items[index + 1] : null);
    }

    /// <summary>The item with this id in week <paramref name="weekNumber"/>, or null.</summary>
    public static CourseItem? FindItem(this CourseSnapshot snapshot, int weekNumber, string itemId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.FindWeek(weekNumber)?.FindItem(itemId);
    }

    /// <summary>
    /// Other items in weeks visible at <paramref name="now"/> sharing at least one tag with <paramref name="item"/>
    /// (tags compared ignoring case), most shared tags first, then in course order.
    /// </summary>
    public static IReadOnlyList<ItemLocation> RelatedItems(this CourseSnapshot snapshot, CourseItem item, DateTimeOffset now, int max = 5)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(item);
        var tags = new HashSet<string>(item.Tags, StringComparer.OrdinalIgnoreCase);
        if (tags.Count == 0 || max <= 0)
        {
            return [];
        }

        return snapshot.VisibleWeeks(now)
            .SelectMany(week => week.Items.Select((other, position) => (Week: week, Item: other, Position: position)))
            .Where(x => !ReferenceEquals(x.Item, item) && x.Item.SourceFile != item.SourceFile)
            .Select(x => (x.Week, x.Item, x.Position, Shared: x.Item.Tags.Distinct(StringComparer.OrdinalIgnoreCase).Count(tags.Contains)))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared)
            .ThenBy(x => x.Week.Number)
            .ThenBy(x => x.Position)
            .Take(max)
            .Select(x => new ItemLocation(x.Week, x.Item, x.Shared))
            .ToList();
    }
}
