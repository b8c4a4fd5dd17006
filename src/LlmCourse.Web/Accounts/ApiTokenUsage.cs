using System.Collections.Concurrent;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// When each API token was last used, written behind the request: a call records its token here (a dictionary
/// write), and the first use after a write starts a <see cref="WriteDelay"/> countdown, after which every token
/// used meanwhile is written in a few statements. A burst of scripts (2,000 quiz starts at exam time) so costs
/// no extra commit per call. The time is kept to the minute, as the account page shows it; a write never moves
/// a token's time back, so instances that write in any order agree. Readers of the time on this instance
/// (<see cref="FlushAsync"/> before the account page and the data export) see their own calls at once; other
/// instances' calls show after their countdown. A failed write keeps the times for the next try, and stopping
/// the site writes what is left; a crash loses at most the last <see cref="WriteDelay"/> of "last used" times,
/// never anything a learner submitted.
/// </summary>
public sealed class ApiTokenUsage(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ApiTokenUsage> logger) : IHostedService
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(10);

    /// <summary>Tokens per statement: well under the parameter limits of both databases.</summary>
    private const int TokensPerStatement = 500;

    private readonly ConcurrentDictionary<long, DateTime> _pending = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Never disposed: it has no timer, and the host may stop this service after disposing its singletons.
    private readonly CancellationTokenSource _stopping = new();
    private int _scheduled;

    /// <summary>How many tokens have a time waiting to be written.</summary>
    public int Pending => _pending.Count;

    /// <summary>Notes that the token was used at <paramref name="usedAt"/> (UTC); written within <see cref="WriteDelay"/>.</summary>
    public void Record(long tokenId, DateTime usedAt)
    {
        Keep(tokenId, ToMinute(usedAt));
        Schedule();
    }

    /// <summary>The minute a use at <paramref name="usedAt"/> is stored as.</summary>
    public static DateTime ToMinute(DateTime usedAt) => new(usedAt.Ticks - (usedAt.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    /// <summary>Writes every recorded time now; false when the database refused (the times are kept for the next try).</summary>
    public async Task<bool> FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var batch = new List<(long TokenId, DateTime At)>();
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var at))
                {
                    batch.Add((id, at));
                }
            }

            if (batch.Count == 0)
            {
                return true;
            }

            try
            {
                await WriteAsync(batch, ct);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                foreach (var (id, at) in batch)
                {
                    Keep(id, at);
                }

                logger.LogWarning(ex, "Could not write when {Count} API token(s) were last used; keeping them for the next try", batch.Count);
                return false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the server has stopped taking requests: ends the countdown and writes what is left.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await FlushAsync(cancellationToken);
    }

    private void Keep(long tokenId, DateTime at) =>
        _pending.AddOrUpdate(tokenId, at, (_, earlier) => earlier >= at ? earlier : at);

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            _ = WriteLaterAsync();
        }
    }

    private async Task WriteLaterAsync()
    {
        try
        {
            await Task.Delay(WriteDelay, clock, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return; // Stopping: StopAsync writes.
        }

        // Cleared before the write, so a use during it starts the next countdown rather than waiting for none.
        Volatile.Write(ref _scheduled, 0);
        if (!await FlushAsync(CancellationToken.None) && !_pending.IsEmpty)
        {
            Schedule();
        }
    }

    private async Task WriteAsync(List<(long TokenId, DateTime At)> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // Calls within one countdown share a minute or two, so this is a statement or two per 500 tokens.
        foreach (var minute in batch.GroupBy(b => b.At))
        {
            var at = minute.Key;
            foreach (var ids in minute.Select(b => b.TokenId).Chunk(TokensPerStatement))
            {
                await db.ApiTokens
                    .Where(t => ids.Contains(t.Id) && (t.LastUsedAt == null || t.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at), ct);
            }
        }
    }
}
