using System.Data.Common;
using LlmCourse.Web.Data;
using LlmCourse.Web.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LlmCourse.Web.Hosting;

public static class PersistenceExtensions
{
    /// <summary>
    /// EF Core on SQLite (default: <c>data/llmcourse.db</c> under the content root) or PostgreSQL
    /// (<c>Database:Provider=Postgres</c>). Each provider has its own context type and generated migrations;
    /// the rest of the site asks for <see cref="AppDbContext"/> and gets the configured one.
    /// </summary>
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        var provider = DatabaseProvider.Of(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        var commandTimeout = builder.Configuration.GetValue("Database:CommandTimeoutSeconds", 30);
        builder.Services.AddSingleton<DatabaseState>();

        // Pooled: a request reuses a context (and its resolved services) instead of building one.
        switch (provider.ToUpperInvariant())
        {
            case "SQLITE":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var folder = Path.Combine(builder.Environment.ContentRootPath, "data");
                    Directory.CreateDirectory(folder);
                    connectionString = $"Data Source={Path.Combine(folder, "llmcourse.db")}";
                }

                var sqlitePragmas = new SqlitePragmas(builder.Configuration.GetValue("Database:BusyTimeoutMs", 5000));
                builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(options => options
                    .UseSqlite(connectionString, o => o.CommandTimeout(commandTimeout))
                    .AddInterceptors(sqlitePragmas));
                break;
            case "POSTGRES":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
                }

                // Transient failures (a failover, a restarted server) are retried where that is safe: Data/ResilientExecutionStrategy.
                connectionString = WithNpgsqlDefaults(connectionString);
                var retries = builder.Configuration.GetValue("Database:RetryCount", 3);
                var retryDelay = TimeSpan.FromSeconds(builder.Configuration.GetValue("Database:RetryMaxDelaySeconds", 2.0));
                builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>(options => options
                    .UseNpgsql(connectionString, o => o.CommandTimeout(commandTimeout)
                        .ExecutionStrategy(dependencies => new ResilientExecutionStrategy(dependencies, retries, retryDelay))));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }

        return builder;
    }

    /// <summary>
    /// Npgsql settings the site's queries profit from, unless the connection string sets them itself. Every request
    /// runs the same few statements on connections rented and returned per query: auto-preparation lets PostgreSQL
    /// parse and plan each statement once per connection, and skipping the reset on return (nothing in the site
    /// leaves session state on a pooled connection: the start-up lock unlocks itself, the change listener has its
    /// own unpooled connection) saves a round of statements per query. Behind PgBouncer in transaction mode, set
    /// <c>Max Auto Prepare=0</c>. Measured in docs/benchmarks.md ("2,000 starts on PostgreSQL").
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!keys.Contains("MaxAutoPrepare"))
        {
            npgsql.MaxAutoPrepare = 64;
        }

        if (!keys.Contains("NoResetOnClose"))
        {
            npgsql.NoResetOnClose = true;
        }

        return npgsql.ConnectionString;
    }

    /// <summary>Brings the database up to date before the server starts taking requests.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.MigrateUnderStartupLockAsync();

        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        app.Services.GetRequiredService<DatabaseState>().Migrated = true;
    }

    /// <summary>
    /// Per-connection SQLite settings. synchronous=NORMAL is safe with WAL (a power cut may lose the last
    /// commits but never corrupts the file) and avoids an fsync per transaction. Pooled connections keep
    /// their native handle, and the settings with it, so each handle is set up once rather than on every
    /// open (EF opens a connection per query).
    /// </summary>
    /// <param name="busyTimeoutMs">How long a statement waits for a lock before the request answers 503.</param>
    private sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            if (connection is not SqliteConnection { Handle: { } handle } || _configured.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, handle);
        }
    }
}

/// <summary>Whether the database is migrated and ready; read by the health check.</summary>
public sealed class DatabaseState
{
    private volatile bool _migrated;

    public bool Migrated
    {
        get => _migrated;
        set => _migrated = value;
    }
}
