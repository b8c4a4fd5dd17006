using Npgsql;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Hears, on one dedicated PostgreSQL connection, the notices the database's triggers send when a session, an
/// account's security stamp or a learner's version changes (migration <c>ChangeNotifications</c>), and evicts
/// those rows from <see cref="SessionRowCache"/>. The connection is checked every <see cref="CheckEvery"/>; when it
/// fails the cache stops trusting its copies at once, and the listener reconnects with a growing wait.
/// </summary>
public sealed class ChangeListener(SessionRowCache cache, IConfiguration configuration, TimeProvider clock, ILogger<ChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "llmcourse_changes";

    /// <summary>The connection's application name, so operators (and a test) can find it in pg_stat_activity.</summary>
    public const string ApplicationName = "llmcourse-listener";

    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    /// <summary>A check that takes longer than this counts as a lost connection (a silent network, a stuck server).</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default"))
    {
        ApplicationName = ApplicationName,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever broke, the listener must keep trying (an exception here would stop the whole site).
                if (cache.IsLive)
                {
                    retry = FirstRetry;
                }

                cache.Disconnected();
                logger.LogWarning(ex, "The change listener lost its connection; session rows are read from the database until it is back (retry in {Delay} ms).", retry.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(retry, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        cache.Disconnected();
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        connection.Notification += (_, notice) => Apply(notice.Payload);
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Listening from here on: copies read after this point hear of every later change.
        cache.Connected();
        logger.LogInformation("The change listener is connected.");
        await using var check = new NpgsqlCommand("SELECT 1", connection);
        while (true)
        {
            if (await connection.WaitAsync(CheckEvery, stoppingToken))
            {
                continue;
            }

            // Nothing arrived: make sure the connection still answers, not just that it is quiet.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(CheckTimeout);
            await check.ExecuteScalarAsync(timeout.Token);
        }
    }

    /// <summary>Payloads are <c>s:&lt;session id&gt;</c> and <c>u:&lt;user id&gt;</c> (stamp, version or the account itself).</summary>
    private void Apply(string payload)
    {
        if (payload.StartsWith("s:", StringComparison.Ordinal))
        {
            cache.SessionChanged(payload[2..]);
        }
        else if (payload.StartsWith("u:", StringComparison.Ordinal))
        {
            cache.AccountChanged(payload[2..]);
        }
    }
}
