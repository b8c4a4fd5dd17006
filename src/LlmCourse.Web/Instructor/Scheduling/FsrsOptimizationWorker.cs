using LlmCourse.Core.Study;
using LlmCourse.Web.Observability;

namespace LlmCourse.Web.Instructor.Scheduling;

/// <summary>Settings of background optimisation runs (<c>Scheduling:Optimizer</c>).</summary>
public sealed class FsrsWorkerOptions
{
    /// <summary>How often an instance looks for runs queued elsewhere or left silent by a stopped instance.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Passes over the reviews (fsrs-rs's default is 5).</summary>
    public int Epochs { get; set; } = 5;

    public FsrsOptimizerOptions OptimizerOptions() => new(Epochs: Epochs);
}

/// <summary>
/// Carries out queued optimisation runs, one at a time per instance (the fit is CPU-bound). A run queued on this
/// instance starts at once; the poll picks up runs queued on instances that are busy or gone. Any instance may run
/// any run: the claim in the database decides which one does.
/// </summary>
public sealed class FsrsOptimizationWorker(
    IServiceScopeFactory scopes,
    FsrsRunSignal signal,
    FsrsWorkerOptions options,
    TimeProvider clock,
    ILogger<FsrsOptimizationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPendingAsync(stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var signalled = signal.Reader.WaitToReadAsync(wait.Token).AsTask();
                await Task.WhenAny(signalled, Task.Delay(options.PollInterval, clock, wait.Token));
                await wait.CancelAsync();
                while (signal.Reader.TryRead(out _))
                {
                    // Every signal means "look at the queue", which the next pass does once for all of them.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable; the next poll tries again.
                logger.LogWarning(e, "Looking for FSRS optimisation runs failed.");
                await Task.Delay(options.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunPendingAsync(CancellationToken ct)
    {
        List<long> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<FsrsRuns>().PendingAsync(ct);
        }

        foreach (var id in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            var runs = scope.ServiceProvider.GetRequiredService<FsrsRuns>();
            if (!await runs.ClaimAsync(id, ct))
            {
                continue;
            }

            using var pass = SiteTelemetry.StartPass("fsrs-optimizer");
            pass.Activity?.SetTag("llmcourse.fsrs.run_id", id);
            logger.LogInformation("FSRS optimisation run {RunId} started.", id);
            try
            {
                await runs.ExecuteAsync(id, options.OptimizerOptions(), ct);
            }
            catch (Exception ex)
            {
                pass.Failed(ex);
                throw;
            }

            pass.Succeeded();
            logger.LogInformation("FSRS optimisation run {RunId} finished.", id);
        }
    }
}
