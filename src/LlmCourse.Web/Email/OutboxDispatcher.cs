using LlmCourse.Web.Data;
using LlmCourse.Web.Observability;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Email;

/// <summary>The outcome of one sender pass.</summary>
public sealed record OutboxPass(int Claimed, int Sent, int Retrying, int Failed);

/// <summary>
/// One pass of the outbox sender: claim due rows, send them over one connection, record each outcome.
/// <para>
/// A claim is one conditional UPDATE: it sets this pass's token and a lease expiry on rows that are still pending
/// and unclaimed (or whose lease has run out). On PostgreSQL a second UPDATE racing for the same row waits for the
/// first to commit and then re-checks its WHERE clause against the new row, which no longer matches; SQLite runs one
/// writer at a time. Either way a row is held by at most one pass, and every later write is conditional on the
/// token, so a pass whose lease ran out cannot overwrite the pass that took over.
/// </para>
/// <para>
/// Delivery is at least once in the one case no outbox can close: a process that dies after the server accepted a
/// message but before marking it sent. The lease (5 minutes by default) is far longer than one send, a pass stops
/// before its lease runs out, and every attempt carries the same Message-ID so receivers can tell a repeat.
/// </para>
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IMailTransport transport, IOptions<EmailOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private OutboxOptions Settings => options.Value.Outbox;

    public async Task<OutboxPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var pass = SiteTelemetry.StartPass("outbox");
        try
        {
            var result = await RunPassAsync(cancellationToken);
            pass.Activity?.SetTag("llmcourse.outbox.claimed", result.Claimed);
            SiteTelemetry.RecordOutbox(result.Sent, result.Retrying, result.Failed);
            pass.Succeeded();
            return result;
        }
        catch (Exception ex)
        {
            pass.Failed(ex);
            throw;
        }
    }

    private async Task<OutboxPass> RunPassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claim = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Settings.LeaseSeconds);

        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, Settings.BatchSize))
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return new OutboxPass(0, 0, 0, 0);
        }

        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, claim).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new OutboxPass(0, 0, 0, 0);
        }

        int sent = 0, retrying = 0, failed = 0;
        IMailConnection? connection = null;
        try
        {
            try
            {
                connection = await transport.ConnectAsync(cancellationToken);
            }
            catch (Exception ex) when (IsDeliveryFailure(ex))
            {
                logger.LogWarning("Mail server unavailable ({Error}); {Count} messages wait for the next attempt", Describe(ex), rows.Count);
                foreach (var row in rows)
                {
                    _ = await RescheduleAsync(db, row, claim, Describe(ex), permanent: false, cancellationToken) ? failed++ : retrying++;
                }

                return new OutboxPass(rows.Count, 0, retrying, failed);
            }

            var from = options.Value.Smtp.From;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];

                // Leave a margin: a row whose lease is nearly over may be taken by another pass while this one sends.
                if (clock.GetUtcNow().UtcDateTime > until.AddSeconds(-Settings.LeaseSeconds / 5))
                {
                    await ReleaseAsync(db, rows.Skip(i), claim, cancellationToken);
                    break;
                }

                try
                {
                    await connection.SendAsync(OutboxMime.Build(row, from), cancellationToken);
                }
                catch (Exception ex) when (IsDeliveryFailure(ex))
                {
                    var permanent = ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 };
                    logger.LogWarning("Mail {Id} to {To} not sent: {Error}", row.Id, row.ToAddress, Describe(ex));
                    _ = await RescheduleAsync(db, row, claim, Describe(ex), permanent, cancellationToken) ? failed++ : retrying++;
                    if (ex is not SmtpCommandException)
                    {
                        // The connection is gone: the rest wait for the next pass.
                        foreach (var rest in rows.Skip(i + 1))
                        {
                            _ = await RescheduleAsync(db, rest, claim, Describe(ex), permanent: false, cancellationToken) ? failed++ : retrying++;
                        }

                        break;
                    }

                    continue;
                }

                var at = clock.GetUtcNow().UtcDateTime;
                await db.OutboxMessages.Where(m => m.Id == row.Id && m.ClaimToken == claim).ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.SentAt, at)
                        .SetProperty(m => m.LastAttemptAt, at)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.ClaimToken, (string?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                    CancellationToken.None);
                sent++;
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return new OutboxPass(rows.Count, sent, retrying, failed);
    }

    /// <summary>The wait before attempt number <paramref name="attemptsSoFar"/> + 1: base × 2^(attempts − 1), capped.</summary>
    public static TimeSpan Backoff(int attemptsSoFar, OutboxOptions settings)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attemptsSoFar - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RetryMaxSeconds));
    }

    /// <summary>Records a failed attempt; returns true when the message is now failed for good.</summary>
    private async Task<bool> RescheduleAsync(AppDbContext db, OutboxMessage row, string claim, string error, bool permanent, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        var giveUp = permanent || attempts >= Settings.MaxAttempts;
        var at = clock.GetUtcNow().UtcDateTime;
        var next = at + Backoff(attempts, Settings);
        var message = error.Length > 1000 ? error[..1000] : error;
        await db.OutboxMessages.Where(m => m.Id == row.Id && m.ClaimToken == claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastAttemptAt, at)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, message)
                .SetProperty(m => m.ClaimToken, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null),
            CancellationToken.None);
        if (giveUp)
        {
            logger.LogError("Mail {Id} ({Kind}) to {To} failed for good after {Attempts} attempts: {Error}", row.Id, row.Kind, row.ToAddress, attempts, message);
        }

        return giveUp;
    }

    /// <summary>Gives rows back untried, for the next pass (this pass ran short of lease).</summary>
    private static Task ReleaseAsync(AppDbContext db, IEnumerable<OutboxMessage> rows, string claim, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimToken == claim).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.ClaimToken, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
            CancellationToken.None);
    }

    /// <summary>The error for the outbox row and the log: the server's reply code when there is one.</summary>
    private static string Describe(Exception ex) =>
        ex is SmtpCommandException smtp ? $"{(int)smtp.StatusCode} {smtp.Message}" : $"{ex.GetType().Name}: {ex.Message}";

    /// <summary>What a mail server or the network can throw; anything else is a bug and is not swallowed.</summary>
    private static bool IsDeliveryFailure(Exception ex) =>
        ex is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or TimeoutException or UnauthorizedAccessException
            || (ex is OperationCanceledException && ex.InnerException is TimeoutException);
}
