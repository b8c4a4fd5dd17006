using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Study;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Instructor.Scheduling;

public enum FsrsRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>A run as the page, the API and the command line show it.</summary>
/// <param name="Parameters">The fitted weights (adopted or not); null until the run has finished.</param>
public sealed record FsrsRunView(
    long Id,
    string Scope,
    string Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Stage,
    double Progress,
    int Reviews,
    int TrainingReviews,
    int HeldOutReviews,
    double? LogLossBefore,
    double? LogLossAfter,
    double? RmseBinsBefore,
    double? RmseBinsAfter,
    bool Adopted,
    string? Outcome,
    string? Explanation,
    string? Error,
    IReadOnlyList<double>? Parameters)
{
    public bool Finished => Status is "succeeded" or "failed";

    public static FsrsRunView From(FsrsOptimizationRun r) => new(
        r.Id,
        r.Scope,
        ((FsrsRunStatus)r.Status).ToString().ToLowerInvariant(),
        r.RequestedBy,
        StudyService.Utc(r.RequestedAt),
        r.StartedAt is { } s ? StudyService.Utc(s) : null,
        r.FinishedAt is { } f ? StudyService.Utc(f) : null,
        r.Stage,
        r.Progress,
        r.Reviews,
        r.TrainingReviews,
        r.HeldOutReviews,
        r.LogLossBefore,
        r.LogLossAfter,
        r.RmseBinsBefore,
        r.RmseBinsAfter,
        r.Adopted,
        r.Outcome,
        r.Explanation,
        r.Error,
        CourseWeights.Parse(r.FittedParameters));
}

/// <summary>A scope the instructor may optimise: the whole course or one deck.</summary>
public sealed record FsrsScopeChoice(string Scope, string Title);

/// <summary>What <see cref="FsrsRuns.StartAsync"/> did.</summary>
/// <param name="Started">False when a run of that scope was already queued or running (<paramref name="Run"/> is that one).</param>
public sealed record FsrsStartResult(FsrsRunView Run, bool Started);

/// <summary>
/// Optimisation runs of the course's FSRS weights: starting one (at most one unfinished per scope, settled by the
/// database so it holds across instances), reading them back, and carrying one out. The run's row is its whole state;
/// <see cref="FsrsOptimizationWorker"/> carries runs out in the background.
/// </summary>
public sealed class FsrsRuns(AppDbContext db, CourseCatalog catalog, CourseScheduling scheduling, TimeProvider clock, FsrsRunSignal signal)
{
    /// <summary>How long a running row may stay silent before another instance takes it over.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>The course, then every deck of the course, visible or not (instructors optimise drafts too).</summary>
    public IReadOnlyList<FsrsScopeChoice> Scopes() =>
        [
            new(CourseWeights.CourseScope, "The whole course"),
            .. catalog.Snapshot.Course.Weeks.SelectMany(w => w.Items.OfType<Core.Content.Deck>()
                .Select(d => new FsrsScopeChoice(CourseWeights.DeckScope(w.Number, d.Id), $"Week {w.Number}: {d.Title}"))),
        ];

    public bool IsScope(string? scope) => scope is not null && Scopes().Any(s => s.Scope == scope);

    /// <summary>Queues a run of <paramref name="scope"/>, unless one is queued or running already.</summary>
    /// <exception cref="ArgumentException">The scope is neither the course nor one of its decks.</exception>
    public async Task<FsrsStartResult> StartAsync(string scope, string requestedBy, CancellationToken ct = default)
    {
        if (!IsScope(scope))
        {
            throw new ArgumentException($"'{scope}' is neither 'course' nor a deck of the course (week/deck).", nameof(scope));
        }

        if (await ActiveAsync(scope, ct) is { } running)
        {
            return new FsrsStartResult(running, false);
        }

        var run = new FsrsOptimizationRun
        {
            Scope = scope,
            ActiveScope = scope,
            Status = (int)FsrsRunStatus.Queued,
            RequestedBy = requestedBy,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.FsrsOptimizationRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request (on this or another instance) queued one a moment earlier: the unique index chose it.
            db.ChangeTracker.Clear();
            return await ActiveAsync(scope, ct) is { } other
                ? new FsrsStartResult(other, false)
                : throw new InvalidOperationException("The run could not be queued.");
        }

        signal.Notify(run.Id);
        return new FsrsStartResult(FsrsRunView.From(run), true);
    }

    public async Task<FsrsRunView?> ActiveAsync(string scope, CancellationToken ct = default) =>
        await db.FsrsOptimizationRuns.AsNoTracking().Where(r => r.ActiveScope == scope).FirstOrDefaultAsync(ct) is { } row
            ? FsrsRunView.From(row)
            : null;

    public async Task<FsrsRunView?> FindAsync(long id, CancellationToken ct = default) =>
        await db.FsrsOptimizationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } row ? FsrsRunView.From(row) : null;

    /// <summary>The latest runs, newest first.</summary>
    public async Task<List<FsrsRunView>> RecentAsync(int count, CancellationToken ct = default) =>
        [.. (await db.FsrsOptimizationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(ct)).Select(FsrsRunView.From)];

    /// <summary>Queued runs, and running ones whose instance fell silent, oldest first: what a worker should pick up.</summary>
    public async Task<List<long>> PendingAsync(CancellationToken ct = default)
    {
        var stale = clock.GetUtcNow().UtcDateTime - StaleAfter;
        return await db.FsrsOptimizationRuns.AsNoTracking()
            .Where(r => r.Status == (int)FsrsRunStatus.Queued || (r.Status == (int)FsrsRunStatus.Running && r.HeartbeatAt < stale))
            .OrderBy(r => r.Id)
            .Select(r => r.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Claims a queued run (or a running one left silent) for this caller; false when another instance has it.
    /// The claim is one conditional UPDATE, so two instances never both win.
    /// </summary>
    public async Task<bool> ClaimAsync(long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - StaleAfter;
        var claimed = await db.FsrsOptimizationRuns
            .Where(r => r.Id == id && (r.Status == (int)FsrsRunStatus.Queued || (r.Status == (int)FsrsRunStatus.Running && r.HeartbeatAt < stale)))
            .ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, (int)FsrsRunStatus.Running)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.HeartbeatAt, now)
                    .SetProperty(r => r.Progress, 0.0)
                    .SetProperty(r => r.Stage, nameof(FsrsOptimizationStage.Preparing)),
                ct);
        return claimed == 1;
    }

    /// <summary>Every review of the scope's cards by every learner, as the optimiser reads them.</summary>
    public async Task<List<FsrsTrainingReview>> ReviewsAsync(string scope, CancellationToken ct = default)
    {
        var query = db.StudyReviews.AsNoTracking();
        if (scope != CourseWeights.CourseScope)
        {
            var slash = scope.IndexOf('/', StringComparison.Ordinal);
            var week = int.Parse(scope[..slash], System.Globalization.CultureInfo.InvariantCulture);
            var deckId = scope[(slash + 1)..];
            query = query.Where(r => r.WeekNumber == week && r.DeckId == deckId);
        }

        var rows = await query
            .Select(r => new { r.UserId, r.WeekNumber, r.DeckId, r.CardId, r.ReviewedAt, r.Rating })
            .ToListAsync(ct);
        return [.. rows
            .Where(r => Enum.IsDefined((Rating)r.Rating))
            .Select(r => new FsrsTrainingReview(r.UserId, StudyService.Key(r.WeekNumber, r.DeckId, r.CardId), StudyService.Utc(r.ReviewedAt), (Rating)r.Rating))];
    }

    /// <summary>The weights <paramref name="scope"/> schedules with now (null: the defaults).</summary>
    public async Task<IReadOnlyList<double>?> CurrentWeightsAsync(string scope, CancellationToken ct = default)
    {
        var weights = await scheduling.WeightsAsync(ct);
        if (scope == CourseWeights.CourseScope)
        {
            return weights.Course;
        }

        return weights.Decks.TryGetValue(scope, out var own) ? own : weights.Course;
    }

    public async Task HeartbeatAsync(long id, FsrsOptimizationProgress? progress, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (progress is null)
        {
            await db.FsrsOptimizationRuns.Where(r => r.Id == id && r.Status == (int)FsrsRunStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, now), ct);
            return;
        }

        var stage = progress.Stage.ToString();
        var fraction = Math.Round(progress.Fraction, 4);
        await db.FsrsOptimizationRuns.Where(r => r.Id == id && r.Status == (int)FsrsRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.HeartbeatAt, now).SetProperty(r => r.Stage, stage).SetProperty(r => r.Progress, fraction), ct);
    }

    /// <summary>Records a finished optimisation and, when its weights were adopted, makes the scope schedule with them.</summary>
    public async Task CompleteAsync(long id, FsrsOptimizationResult result, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = await db.FsrsOptimizationRuns.FirstAsync(r => r.Id == id, ct);
        run.Status = (int)FsrsRunStatus.Succeeded;
        run.ActiveScope = null;
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        run.Progress = 1;
        run.Stage = null;
        run.Reviews = result.Reviews;
        run.TrainingReviews = result.TrainingReviews;
        run.HeldOutReviews = result.HeldOutReviews;
        run.LogLossBefore = result.HeldOutBefore?.LogLoss;
        run.LogLossAfter = result.HeldOutAfter?.LogLoss;
        run.RmseBinsBefore = result.HeldOutBefore?.RmseBins;
        run.RmseBinsAfter = result.HeldOutAfter?.RmseBins;
        run.Adopted = result.Adopted;
        run.Outcome = result.Outcome.ToString();
        run.Explanation = result.Explanation;
        run.FittedParameters = CourseWeights.Format(result.FittedParameters);
        if (result.Adopted)
        {
            var weights = await db.FsrsWeightSets.FirstOrDefaultAsync(w => w.Scope == run.Scope, ct);
            if (weights is null)
            {
                weights = new FsrsWeightSet { Scope = run.Scope };
                db.FsrsWeightSets.Add(weights);
            }

            weights.Parameters = CourseWeights.Format(result.Parameters);
            weights.AdoptedAt = now;
            weights.RunId = run.Id;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task FailAsync(long id, string error, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = error.Length > 2000 ? error[..2000] : error;
        await db.FsrsOptimizationRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(
                u => u.SetProperty(r => r.Status, (int)FsrsRunStatus.Failed)
                    .SetProperty(r => r.ActiveScope, (string?)null)
                    .SetProperty(r => r.FinishedAt, now)
                    .SetProperty(r => r.Stage, (string?)null)
                    .SetProperty(r => r.Error, message),
                CancellationToken.None);
    }

    /// <summary>
    /// Carries out a claimed run: reads the scope's reviews, fits on a worker thread while a heartbeat keeps the row's
    /// progress current, and records the result. Failures are recorded on the run, never thrown.
    /// </summary>
    public async Task ExecuteAsync(long id, FsrsOptimizerOptions options, CancellationToken ct)
    {
        try
        {
            var run = await db.FsrsOptimizationRuns.AsNoTracking().FirstAsync(r => r.Id == id, ct);
            var reviews = await ReviewsAsync(run.Scope, ct);
            var current = await CurrentWeightsAsync(run.Scope, ct);
            var optimizer = new FsrsOptimizer(options with { DayBoundary = scheduling.DayBoundary });
            var progress = new LatestProgress();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var fit = Task.Factory.StartNew(
                () => optimizer.Optimize(reviews, current, progress, ct),
                ct,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            while (!fit.IsCompleted)
            {
                await Task.WhenAny(fit, Task.Delay(TimeSpan.FromMilliseconds(500), clock, done.Token));
                await HeartbeatAsync(id, progress.Latest, ct);
            }

            await done.CancelAsync();
            await CompleteAsync(id, await fit, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The instance is stopping: the row goes back to the queue for the next worker to take.
            await db.FsrsOptimizationRuns.Where(r => r.Id == id && r.Status == (int)FsrsRunStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, (int)FsrsRunStatus.Queued), CancellationToken.None);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FailAsync(id, e.Message);
        }
    }

    /// <summary>Keeps only the newest report; the heartbeat writes it, so the fit never waits on the database.</summary>
    private sealed class LatestProgress : IProgress<FsrsOptimizationProgress>
    {
        private FsrsOptimizationProgress? _latest;

        public FsrsOptimizationProgress? Latest => Volatile.Read(ref _latest);

        public void Report(FsrsOptimizationProgress value) => Volatile.Write(ref _latest, value);
    }
}

/// <summary>Wakes this instance's worker when a run is queued here, so it need not wait for its next poll.</summary>
public sealed class FsrsRunSignal
{
    private readonly System.Threading.Channels.Channel<long> _queued =
        System.Threading.Channels.Channel.CreateUnbounded<long>(new() { SingleReader = true });

    public void Notify(long runId) => _queued.Writer.TryWrite(runId);

    public System.Threading.Channels.ChannelReader<long> Reader => _queued.Reader;
}
