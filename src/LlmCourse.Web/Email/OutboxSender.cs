using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Email;

/// <summary>
/// The background sender every instance runs: a pass when woken (this instance just wrote mail) or every
/// <c>Email:Outbox:PollSeconds</c> (mail written by another instance, retries coming due, lapsed claims), and the
/// retention sweep once an hour. A failing pass (database away) is logged and tried again after the poll interval.
/// </summary>
public sealed class OutboxSender(OutboxDispatcher dispatcher, OutboxSignal signal, IServiceScopeFactory scopes, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Outbox;
        var poll = TimeSpan.FromSeconds(Math.Max(0.05, settings.PollSeconds));
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may be waiting: go again at once.
                OutboxPass pass;
                do
                {
                    pass = await dispatcher.RunOnceAsync(stoppingToken);
                }
                while (pass.Claimed >= settings.BatchSize && pass.Sent > 0 && !stoppingToken.IsCancellationRequested);

                if (clock.GetUtcNow() >= nextSweep)
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var removed = await OutboxRetention.ApplyAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings, clock.GetUtcNow(), stoppingToken);
                    if (removed > 0)
                    {
                        logger.LogInformation("Outbox retention removed {Count} old messages", removed);
                    }

                    nextSweep = clock.GetUtcNow().AddHours(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox pass failed; trying again in {Seconds} s", poll.TotalSeconds);
            }

            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Deletes sent messages after <c>SentRetentionDays</c> and failed ones after <c>FailedRetentionDays</c>; pending mail is never deleted.</summary>
public static class OutboxRetention
{
    public static async Task<int> ApplyAsync(AppDbContext db, OutboxOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sentBefore = now.UtcDateTime.AddDays(-Math.Max(0, settings.SentRetentionDays));
        var failedBefore = now.UtcDateTime.AddDays(-Math.Max(0, settings.FailedRetentionDays));
        var sent = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sent && m.SentAt < sentBefore).ExecuteDeleteAsync(cancellationToken);
        var failed = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Failed && m.CreatedAt < failedBefore).ExecuteDeleteAsync(cancellationToken);
        return sent + failed;
    }
}
