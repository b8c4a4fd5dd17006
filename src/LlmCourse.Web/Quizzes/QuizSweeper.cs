using LlmCourse.Web.Observability;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// Closes and grades attempts whose time ran out and that nobody has opened since (pages and the API also
/// close them lazily on read). Runs once a minute (<c>Quizzes:SweepInterval</c>); a failed sweep is logged and
/// retried at the next tick.
/// </summary>
public sealed class QuizSweeper(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<QuizSweeper> logger) : BackgroundService
{
    private readonly TimeSpan _interval = configuration.GetValue("Quizzes:SweepInterval", TimeSpan.FromMinutes(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        using var pass = SiteTelemetry.StartPass("quiz-sweeper");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var closed = await scope.ServiceProvider.GetRequiredService<QuizService>().CloseAllOverdueAsync(ct);
            if (closed > 0)
            {
                logger.LogInformation("Closed {Count} quiz attempt(s) whose time ran out", closed);
            }

            SiteTelemetry.RecordQuizAttemptsClosed(closed);
            pass.Succeeded();
            return closed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            pass.Failed(ex);
            logger.LogError(ex, "Quiz sweep failed");
            return 0;
        }
    }
}
