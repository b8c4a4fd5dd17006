using LlmCourse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// A private database for one test host: a SQLite file, or a fresh PostgreSQL database when the suite runs
/// with <c>LLMCOURSE_TEST_PROVIDER=Postgres</c> (tests/run-all.sh runs every suite both ways).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "LLMCOURSE_TEST_PROVIDER";
    public const string PostgresVariable = "LLMCOURSE_TEST_POSTGRES";

    private readonly string? _postgresName;
    private readonly string? _postgresAdmin;

    private TestDatabase(string provider, string connectionString, string? postgresName, string? postgresAdmin = null)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
        _postgresAdmin = postgresAdmin;
    }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => Provider == "Postgres";

    public static string SelectedProvider =>
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } p && p.Equals("Postgres", StringComparison.OrdinalIgnoreCase) ? "Postgres" : "Sqlite";

    /// <summary>The PostgreSQL server's admin connection string; a clear failure when it is not configured.</summary>
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"This test needs PostgreSQL: set {PostgresVariable} (e.g. \"Host=127.0.0.1;Username=postgres;Password=llmcourse-test\"), " +
                "or run tests/run-all.sh, which starts a server and sets it.");

    /// <summary>A context of this database's provider flavour, outside any host (to arrange or inspect data).</summary>
    public AppDbContext OpenContext() => Context(Provider, ConnectionString);

    /// <summary>A context of the given provider's flavour, which brings that provider's migrations.</summary>
    public static AppDbContext Context(string provider, string connectionString) => provider == "Postgres"
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options);

    public static TestDatabase Create(string workDir, string? provider = null)
    {
        provider ??= SelectedProvider;
        if (provider == "Postgres")
        {
            return CreatePostgres(PostgresAdmin);
        }

        Directory.CreateDirectory(workDir);
        return new TestDatabase("Sqlite", $"Data Source={Path.Combine(workDir, "test.db")};Pooling=False", null);
    }

    /// <summary>A fresh database on the PostgreSQL server that <paramref name="admin"/> connects to.</summary>
    public static TestDatabase CreatePostgres(string admin)
    {
        var name = "llmcourse_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }

        // Small pools that let idle connections go: a suite starts many hosts against one server.
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 40, ConnectionIdleLifetime = 10 };
        return new TestDatabase("Postgres", builder.ConnectionString, name, admin);
    }

    public void Dispose()
    {
        if (_postgresName is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_postgresAdmin ?? PostgresAdmin);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }
}
