using LlmCourse.Web.Data;
using LlmCourse.Web.Hosting;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Data;

/// <summary>
/// Each provider has its own generated migrations. What keeps them honest: neither set lags behind the model,
/// both sets hold the same migrations, and a migrated database has exactly the schema EF Core would create
/// from the model.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmcourse-schema-").FullName;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void Model_EachProvider_HasNoPendingChanges(string provider)
    {
        // No connection is opened: the model is compared with the provider's latest snapshot.
        using var db = TestDatabase.Context(provider, provider == "Postgres" ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:");
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration holds: add a migration for each provider (docs/development.md).");
    }

    [Fact]
    public void Migrations_BothProviders_HaveTheSameMigrationsInTheSameOrder()
    {
        static List<string> Names(string provider)
        {
            using var db = TestDatabase.Context(provider, provider == "Postgres" ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:");
            return [.. db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..])];
        }

        var sqlite = Names("Sqlite");
        Assert.Equal("Baseline", sqlite[0]);
        Assert.Equal(sqlite, Names("Postgres"));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task MigratedSchema_EachProvider_MatchesModel(string provider)
    {
        using var migrated = TestDatabase.Create(Path.Combine(_dir, "migrated"), provider);
        using var created = TestDatabase.Create(Path.Combine(_dir, "created"), provider);
        await using (var db = migrated.OpenContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = created.OpenContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaDescription.TablesAsync(created);
        Assert.Equal(expected, await SchemaDescription.TablesAsync(migrated));
        Assert.Contains(expected, l => l.StartsWith("AspNetUsers.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_OnPostgres_CreatesAMissingDatabaseOnce_WhenTwoInstancesStartTogether()
    {
        var name = "llmcourse_test_missing_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdmin) { Database = name }.ConnectionString;
        try
        {
            await using var first = TestDatabase.Context("Postgres", connectionString);
            await using var second = TestDatabase.Context("Postgres", connectionString);
            await Task.WhenAll(
                first.MigrateUnderStartupLockAsync(),
                second.MigrateUnderStartupLockAsync());

            Assert.Empty(await first.Database.GetPendingMigrationsAsync());
            Assert.Equal(0, await first.QuizAttempts.CountAsync());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(TestDatabase.PostgresAdmin);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Migrations_AreAllApplied_AndListedInOrder()
    {
        await using var db = TestDatabase.Context("Sqlite", $"Data Source={Path.Combine(_dir, "m.db")};Pooling=False");
        await db.Database.MigrateAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(["Instructor", "Learner"], await db.Roles.Select(r => r.Name!).Order().ToListAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
