using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Discussion;

/// <summary>
/// The thread lists item pages show (what anyone may read: threads whose opening post is not hidden), kept
/// in memory so an item page, cached or not, asks the database nothing. Refreshed at once by this instance's
/// own discussion writes and every <c>Discussion:ListRefresh</c> for other instances' (one cheap read of the
/// threads' count and revisions decides whether to reload). A change evicts the anonymous pages in the output
/// cache, so they show it on their next render.
/// </summary>
public sealed class ThreadDigest(IServiceScopeFactory scopes, IOutputCacheStore cache, ILogger<ThreadDigest> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Dictionary<(int Week, string ItemId), IReadOnlyList<ThreadSummary>> _byItem = [];
    private (int Count, long Revisions)? _stamp;

    /// <summary>An item's threads (or one slide's), pinned first, then the most recently active.</summary>
    public IReadOnlyList<ThreadSummary> For(int week, string itemId, int? slide = null)
    {
        if (!_byItem.TryGetValue((week, itemId), out var threads))
        {
            return [];
        }

        return slide is { } s ? [.. threads.Where(t => t.Slide == s)] : threads;
    }

    /// <summary>After this instance wrote: reload now. A failure only delays the lists until the next periodic refresh.</summary>
    public async Task RefreshAfterWriteAsync(CancellationToken ct)
    {
        try
        {
            await RefreshAsync(force: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not reload the thread lists after a discussion write");
        }
    }

    /// <summary>Reloads the lists when the threads changed (or always, with <paramref name="force"/>); true when what pages show changed.</summary>
    public async Task<bool> RefreshAsync(bool force, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var threads = db.Set<DiscussionThread>();
            var stamp = (await threads.CountAsync(ct), await threads.SumAsync(t => (long)t.Revision, ct));
            if (!force && _stamp == stamp)
            {
                return false;
            }

            var summaries = await DiscussionService.SummariesAsync(db, threads, includeHidden: false, ct);
            _stamp = stamp;
            var next = summaries.GroupBy(s => (s.Week, s.ItemId)).ToDictionary(g => g.Key, g => (IReadOnlyList<ThreadSummary>)[.. g]);
            var previous = _byItem;
            if (previous.Count == next.Count && next.All(e => previous.TryGetValue(e.Key, out var old) && old.SequenceEqual(e.Value)))
            {
                return false;
            }

            _byItem = next;
        }
        finally
        {
            _gate.Release();
        }

        await cache.EvictByTagAsync(CourseCatalog.CachePolicy, ct);
        return true;
    }
}

/// <summary>Refreshes <see cref="ThreadDigest"/> at start and every <c>Discussion:ListRefresh</c>, on the injected clock.</summary>
public sealed class ThreadDigestRefresher(ThreadDigest digest, TimeProvider clock, IOptions<DiscussionOptions> options, ILogger<ThreadDigestRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RefreshAsync(force: true, stoppingToken);
        using var timer = new PeriodicTimer(options.Value.ListRefresh, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(force: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RefreshAsync(bool force, CancellationToken ct)
    {
        try
        {
            await digest.RefreshAsync(force, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not refresh the thread lists; item pages keep the previous ones");
        }
    }
}
