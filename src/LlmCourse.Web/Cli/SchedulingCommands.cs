using System.Globalization;
using LlmCourse.Web.Instructor.Scheduling;

namespace LlmCourse.Web.Cli;

/// <summary>
/// <c>fsrs optimize [--scope course|WEEK/DECK]</c>: queues an optimisation run as the instructor page does and carries
/// it out in this process, printing progress and the result. A run of the scope already under way elsewhere is
/// reported, not duplicated.
/// </summary>
public static class SchedulingCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "fsrs";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scopeIndex = Array.IndexOf(args, "--scope");
        var scope = scopeIndex > 0 && scopeIndex + 1 < args.Length ? args[scopeIndex + 1] : "course";
        if (args.Length < 2 || args[1] != "optimize" || (scopeIndex > 0 && scopeIndex + 1 >= args.Length))
        {
            await error.WriteLineAsync("""
                Usage:
                  fsrs optimize [--scope course|WEEK/DECK]   fit the FSRS weights to every learner's review logs
                """);
            return 2;
        }

        await using var scope1 = services.CreateAsyncScope();
        var runs = scope1.ServiceProvider.GetRequiredService<FsrsRuns>();
        if (!runs.IsScope(scope))
        {
            await error.WriteLineAsync($"'{scope}' is neither 'course' nor a deck of the course; choose one of: {string.Join(", ", runs.Scopes().Select(s => s.Scope))}.");
            return 1;
        }

        var started = await runs.StartAsync(scope, "command line");
        if (!started.Started)
        {
            await error.WriteLineAsync($"Run {started.Run.Id} of {scope} is already {started.Run.Status}; see /instructor/scheduling.");
            return 1;
        }

        var id = started.Run.Id;
        FsrsRunView run;
        if (await runs.ClaimAsync(id))
        {
            await output.WriteLineAsync($"Run {id}: optimising {scope}…");
            var options = services.GetRequiredService<FsrsWorkerOptions>();
            await runs.ExecuteAsync(id, options.OptimizerOptions(), CancellationToken.None);
            run = (await runs.FindAsync(id))!;
        }
        else
        {
            // A running site's worker claimed the run first (it polls the queue): its result is the same, so wait for it.
            await output.WriteLineAsync($"Run {id}: taken by a running instance of the site; waiting for its result (also on /instructor/scheduling)…");
            var waited = await WaitAsync(runs, id);
            if (waited is null)
            {
                await error.WriteLineAsync($"Run {id} has not finished after {WaitLimit.TotalMinutes:0} minutes; follow it on /instructor/scheduling.");
                return 1;
            }

            run = waited;
        }

        if (run.Status == "failed")
        {
            await error.WriteLineAsync($"Run {id} failed: {run.Error}");
            return 1;
        }

        static string N(double? v) => v?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-";
        await output.WriteLineAsync($"Reviews: {run.Reviews} ({run.TrainingReviews} scored for training, {run.HeldOutReviews} held out)");
        await output.WriteLineAsync($"Held-out log loss: {N(run.LogLossBefore)} -> {N(run.LogLossAfter)}");
        await output.WriteLineAsync($"Held-out RMSE (bins): {N(run.RmseBinsBefore)} -> {N(run.RmseBinsAfter)}");
        await output.WriteLineAsync(run.Adopted ? "Adopted: learners of this scope now schedule with the new weights." : "Not adopted: the weights in use stay.");
        await output.WriteLineAsync(run.Explanation);
        return 0;
    }

    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(30);

    private static async Task<FsrsRunView?> WaitAsync(FsrsRuns runs, long id)
    {
        for (var waited = TimeSpan.Zero; waited < WaitLimit; waited += TimeSpan.FromSeconds(1))
        {
            var run = await runs.FindAsync(id);
            if (run is { Finished: true })
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return null;
    }
}
