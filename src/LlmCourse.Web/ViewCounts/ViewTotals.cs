using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.ViewCounts;

/// <summary>What an item page shows: total views and distinct signed-in learners.</summary>
public sealed record ItemViews(long Views, int Learners)
{
    public static readonly ItemViews None = new(0, 0);
}

/// <summary>
/// The view totals item pages show, read from the database once per refresh (<c>Views:DisplayRefresh</c>,
/// a minute by default) by <see cref="ViewCountWriter"/>, never per request. When the totals change, the
/// anonymous pages in the output cache are evicted so their next render shows the new figures: a cached
/// page is at most one refresh behind.
/// </summary>
public sealed class ViewTotals(IServiceScopeFactory scopes, IOutputCacheStore cache)
{
    private volatile Dictionary<(int Week, string ItemId), ItemViews> _totals = [];

    public ItemViews For(int week, string itemId) => _totals.TryGetValue((week, itemId), out var views) ? views : ItemViews.None;

    /// <summary>Reads every item's totals (two grouped queries) and evicts cached pages if any changed; true when they did.</summary>
    public async Task<bool> RefreshAsync(CancellationToken ct = default)
    {
        Dictionary<(int, string), ItemViews> next;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var views = await db.Set<ItemViewCount>().AsNoTracking()
                .GroupBy(v => new { v.WeekNumber, v.ItemId })
                .Select(g => new { g.Key.WeekNumber, g.Key.ItemId, Views = g.Sum(v => v.Views) })
                .ToListAsync(ct);
            var learners = (await db.Set<ItemViewer>().AsNoTracking()
                .GroupBy(v => new { v.WeekNumber, v.ItemId })
                .Select(g => new { g.Key.WeekNumber, g.Key.ItemId, Learners = g.Count() })
                .ToListAsync(ct)).ToDictionary(l => (l.WeekNumber, l.ItemId), l => l.Learners);
            next = views.ToDictionary(v => (v.WeekNumber, v.ItemId), v => new ItemViews(v.Views, learners.GetValueOrDefault((v.WeekNumber, v.ItemId))));
            foreach (var ((week, item), count) in learners.Where(l => !next.ContainsKey(l.Key)))
            {
                next[(week, item)] = new ItemViews(0, count);
            }
        }

        var previous = _totals;
        if (previous.Count == next.Count && next.All(e => previous.TryGetValue(e.Key, out var old) && old == e.Value))
        {
            return false;
        }

        _totals = next;
        await cache.EvictByTagAsync(CourseCatalog.CachePolicy, ct);
        return true;
    }
}
