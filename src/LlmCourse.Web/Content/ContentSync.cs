using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Content;

/// <summary>
/// Notices content and publishing changes made by other instances: polls the latest audit id (every change
/// writes one) and reloads when it moved. Real time, not the TimeProvider: this is plumbing, not course time.
/// </summary>
public sealed partial class ContentSync(CourseStore store, IServiceScopeFactory scopes, ContentOptions options, ILogger<ContentSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.PollInterval, stoppingToken);
                if (!store.IsLoaded)
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var latest = await db.PublishingAudit.MaxAsync(a => (long?)a.Id, stoppingToken) ?? 0;
                if (latest != store.Sequence)
                {
                    await store.ReloadAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the database for content changes failed; will retry.")]
    private static partial void LogPollFailed(ILogger logger, Exception ex);
}
