using LlmCourse.Web.Data;
using LlmCourse.Web.Observability;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// Group commit for new quiz attempts. At exam time a class starts within a second, and each start written alone
/// pays a whole save: EF Core's save pipeline, a round trip, a transaction and its commit. Here starts that arrive
/// while a write is under way wait for it and go together in the next one, so a burst costs one save per group
/// (measured in docs/benchmarks.md, "Morning of 2026-12-07"). When nothing is being written a start goes at
/// once: no timer, no added delay.
/// </summary>
/// <remarks>
/// A start is answered only after its row is committed, so nothing is acknowledged that is not stored. One row that
/// cannot be stored (a lost race on the attempt number, an account deleted meanwhile) must not sink the others:
/// the group is then written again row by row, and each start learns its own outcome. A failure of the database
/// itself (after the execution strategy's retries) fails every start of the group, as it would have failed each.
/// A start whose request is aborted meanwhile is still written; the learner finds it in progress.
/// </remarks>
public sealed class AttemptInserts(IServiceScopeFactory scopes, ILogger<AttemptInserts> logger)
{
    /// <summary>Rows per save: a few thousand parameters, well under both databases' limits.</summary>
    public const int MaxGroup = 100;

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private bool _writing;
    private long _saves;

    private sealed record Pending(QuizAttempt Attempt, TaskCompletionSource<bool> Stored);

    /// <summary>Saves that committed so far, each of one or more attempts (the metric <c>llmcourse.quiz.start_group_size</c> has them too).</summary>
    public long Saves => Interlocked.Read(ref _saves);

    /// <summary>
    /// Stores a new attempt. True once it is committed; false when its (learner, quiz, number) was taken meanwhile
    /// by another start, which won the race. Other failures are thrown, with nothing stored.
    /// </summary>
    public Task<bool> InsertAsync(QuizAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var pending = new Pending(attempt, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_gate)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        // The writer runs apart from the requests: none is held, once its own start is stored, to write later groups.
        if (start)
        {
            _ = Task.Run(WriteQueuedAsync);
        }

        return pending.Stored.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                var count = Math.Min(_queue.Count, MaxGroup);
                group = _queue.GetRange(0, count);
                _queue.RemoveRange(0, count);
            }

            try
            {
                await WriteAsync(group);
            }
            catch (Exception ex)
            {
                // WriteAsync settles every start it reaches; this covers a failure before it does (opening the scope).
                logger.LogError(ex, "Writing a group of {Count} quiz starts failed", group.Count);
                foreach (var pending in group)
                {
                    pending.Stored.TrySetException(ex);
                }
            }
        }
    }

    private async Task WriteAsync(List<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.QuizAttempts.AddRange(group.Select(p => p.Attempt));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            Saved(group.Count);
            foreach (var pending in group)
            {
                pending.Stored.TrySetResult(true);
            }

            return;
        }
        catch (DbUpdateException) when (group.Count > 1)
        {
            // Some row was refused and the whole group rolled back: find out which, one row at a time.
            db.ChangeTracker.Clear();
        }
        catch (Exception ex)
        {
            foreach (var pending in group)
            {
                Settle(pending, ex);
            }

            return;
        }

        foreach (var pending in group)
        {
            db.QuizAttempts.Add(pending.Attempt);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                Saved(1);
                pending.Stored.TrySetResult(true);
            }
            catch (Exception ex)
            {
                Settle(pending, ex);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private void Saved(int attempts)
    {
        Interlocked.Increment(ref _saves);
        SiteTelemetry.RecordStartGroup(attempts);
    }

    /// <summary>A lost race answers false (the caller looks again); anything else goes up to its start.</summary>
    /// <remarks>Only a one-row save can mean a lost race: a group's unique violation is resolved row by row first.</remarks>
    private static void Settle(Pending pending, Exception ex)
    {
        if (ex is DbUpdateException && DatabaseErrors.IsUniqueViolation(ex))
        {
            pending.Stored.TrySetResult(false);
        }
        else
        {
            pending.Stored.TrySetException(ex);
        }
    }
}
