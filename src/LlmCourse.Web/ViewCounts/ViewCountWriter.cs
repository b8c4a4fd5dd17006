using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.ViewCounts;

/// <summary>
/// Drains <see cref="ViewQueue"/> every <c>Views:FlushInterval</c> (on the injected clock) and adds the batch
/// to the database in one transaction: per (item, day) one upsert <c>Views = Views + n</c>, per new (item,
/// learner) one insert that a unique key makes idempotent. Instances share nothing but the database, and
/// each upsert is atomic, so no view is lost or counted twice however many instances write at once. A
/// failed write keeps the batch for the next tick; on shutdown (after the server has stopped taking
/// requests) the queue is flushed once more. Every <c>Views:DisplayRefresh</c> it re-reads the totals shown.
/// </summary>
public sealed class ViewCountWriter(
    ViewQueue queue, ViewTotals totals, IServiceScopeFactory scopes, TimeProvider clock, IOptions<ViewCountOptions> options, ILogger<ViewCountWriter> logger)
    : BackgroundService
{
    /// <summary>Learners waiting to be written, at most (a long database outage must not grow memory without end).</summary>
    private const int MaxPendingViewers = 100_000;

    /// <summary>(item, learner) pairs this instance already wrote; forgotten wholesale when it grows past this.</summary>
    private const int MaxKnownViewers = 200_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(int Week, string ItemId, DateOnly Day), long> _pendingViews = [];
    private readonly HashSet<(int Week, string ItemId, string UserId)> _pendingViewers = [];
    private readonly HashSet<(int Week, string ItemId, string UserId)> _knownViewers = [];
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private long _reportedDrops;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RefreshAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.FlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
                if (clock.GetUtcNow() - _lastRefresh >= options.Value.DisplayRefresh)
                {
                    await RefreshAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes every queued view now; returns how many views were written (0 when nothing was, or the write failed and was kept).</summary>
    public async Task<long> FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            Drain();
            if (_pendingViews.Count == 0 && _pendingViewers.Count == 0)
            {
                return 0;
            }

            var written = _pendingViews.Values.Sum();
            try
            {
                await WriteAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not write {Views} view(s); keeping them for the next try", written);
                return 0;
            }

            if (_knownViewers.Count + _pendingViewers.Count > MaxKnownViewers)
            {
                _knownViewers.Clear();
            }

            _knownViewers.UnionWith(_pendingViewers);
            _pendingViews.Clear();
            _pendingViewers.Clear();
            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-reads the totals pages show. A failure keeps the previous figures.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        _lastRefresh = clock.GetUtcNow();
        try
        {
            await totals.RefreshAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not read the view totals; pages keep the previous figures");
        }
    }

    private void Drain()
    {
        while (queue.TryDequeue(out var view))
        {
            var key = (view.Week, view.ItemId, view.Day);
            _pendingViews[key] = _pendingViews.GetValueOrDefault(key) + 1;
            if (view.UserId is { } userId && !_knownViewers.Contains((view.Week, view.ItemId, userId)) && _pendingViewers.Count < MaxPendingViewers)
            {
                _pendingViewers.Add((view.Week, view.ItemId, userId));
            }
        }

        var dropped = queue.Dropped;
        if (dropped > _reportedDrops)
        {
            logger.LogWarning("The view queue was full: {Dropped} view(s) not counted since start (Views:QueueCapacity)", dropped);
            _reportedDrops = dropped;
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var ((week, itemId, day), views) in _pendingViews)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "ItemViewCounts" ("WeekNumber", "ItemId", "Day", "Views") VALUES ({week}, {itemId}, {day}, {views})
                ON CONFLICT ("WeekNumber", "ItemId", "Day") DO UPDATE SET "Views" = "ItemViewCounts"."Views" + excluded."Views"
                """,
                ct);
        }

        // A learner whose account was deleted meanwhile is skipped, not a failed batch.
        foreach (var (week, itemId, userId) in _pendingViewers)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "ItemViewers" ("WeekNumber", "ItemId", "UserId", "FirstViewedAt")
                SELECT {week}, {itemId}, {userId}, {now} WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = {userId})
                ON CONFLICT ("WeekNumber", "ItemId", "UserId") DO NOTHING
                """,
                ct);
        }

        await transaction.CommitAsync(ct);
    }
}
