using System.Globalization;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Email;

/// <summary>
/// Operators' view of the outbox: <c>mail list [--status pending|sent|failed] [--limit N]</c> shows what was sent,
/// what waits and what failed (with the last error); <c>mail retry --id N</c> gives a failed message another round
/// of attempts; <c>mail purge</c> applies the retention settings now (the sender also does, hourly).
/// </summary>
public static class MailCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "mail";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var settings = scope.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value.Outbox;
        var verb = args.Length > 1 ? args[1] : "";
        switch (verb)
        {
            case "list":
                var query = db.OutboxMessages.AsNoTracking();
                if (Option(args, "--status") is { } statusText)
                {
                    if (!Enum.TryParse<OutboxStatus>(statusText, ignoreCase: true, out var status) || !Enum.IsDefined(status))
                    {
                        await error.WriteLineAsync($"Unknown status '{statusText}'. Use pending, sent or failed.");
                        return 2;
                    }

                    query = query.Where(m => m.Status == status);
                }

                var limit = int.TryParse(Option(args, "--limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 50;
                var rows = await query.OrderByDescending(m => m.Id).Take(limit).ToListAsync();
                await output.WriteLineAsync("id\tstatus\tkind\tto\tcreated (UTC)\tattempts\tsent or next attempt (UTC)\tsubject\tlast error");
                foreach (var m in rows)
                {
                    var when = m.Status == OutboxStatus.Sent ? m.SentAt : m.Status == OutboxStatus.Pending ? m.NextAttemptAt : m.LastAttemptAt;
                    await output.WriteLineAsync(string.Join('\t',
                        m.Id.ToString(CultureInfo.InvariantCulture), m.Status.ToString().ToLowerInvariant(), m.Kind, m.ToAddress, Format(m.CreatedAt),
                        m.Attempts.ToString(CultureInfo.InvariantCulture), Format(when), m.Subject, m.LastError ?? ""));
                }

                var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
                await output.WriteLineAsync(string.Join(", ", Enum.GetValues<OutboxStatus>().Select(s =>
                    $"{counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0} {s.ToString().ToLowerInvariant()}")));
                return 0;

            case "retry" when long.TryParse(Option(args, "--id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                var now = clock.GetUtcNow().UtcDateTime;
                var retried = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Pending)
                    .SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.NextAttemptAt, now));
                if (retried == 0)
                {
                    await error.WriteLineAsync($"No failed message with id {id}.");
                    return 1;
                }

                await output.WriteLineAsync($"Message {id} will be sent again by a running instance.");
                return 0;

            case "purge":
                var removed = await OutboxRetention.ApplyAsync(db, settings, clock.GetUtcNow(), CancellationToken.None);
                await output.WriteLineAsync($"Removed {removed} messages: sent more than {settings.SentRetentionDays} days ago, or failed and written more than {settings.FailedRetentionDays} days ago.");
                return 0;

            default:
                await error.WriteLineAsync("""
                    Usage:
                      mail list [--status pending|sent|failed] [--limit N]   the newest messages first, then counts by status
                      mail retry --id N                                      send a failed message again
                      mail purge                                             delete old sent and failed messages now (Email:Outbox:*RetentionDays)
                    """);
                return 2;
        }
    }

    private static string Format(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
