using LlmCourse.Web.Data;
using LlmCourse.Web.Hosting;
using Microsoft.Data.Sqlite;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand, so this is what keeps them honest: a database built by the
/// migrations must have exactly the schema EF Core would create from the model.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmcourse-schema-").FullName;

    [Fact]
    public async Task MigratedSchema_Sqlite_MatchesModel()
    {
        var migrated = Path.Combine(_dir, "migrated.db");
        var created = Path.Combine(_dir, "created.db");
        await using (var db = Context(migrated))
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = Context(created))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = Describe(created);
        var actual = Describe(migrated);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, l => l.StartsWith("AspNetUsers.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigratedSchema_Postgres_MatchesModel()
    {
        using var migratedDb = TestDatabase.Create(_dir, "Postgres");
        using var createdDb = TestDatabase.Create(_dir, "Postgres");
        await using (var db = PostgresContext(migratedDb.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = PostgresContext(createdDb.ConnectionString))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await DescribePostgresAsync(createdDb.ConnectionString);
        var actual = await DescribePostgresAsync(migratedDb.ConnectionString);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, l => l.StartsWith("AspNetUsers.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_OnPostgres_CreatesAMissingDatabaseOnce_WhenTwoInstancesStartTogether()
    {
        var name = "llmcourse_test_missing_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdmin) { Database = name }.ConnectionString;
        try
        {
            await using var first = PostgresContext(connectionString);
            await using var second = PostgresContext(connectionString);
            await Task.WhenAll(
                first.WithStartupLockAsync(() => first.Database.MigrateAsync()),
                second.WithStartupLockAsync(() => second.Database.MigrateAsync()));

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
        await using var db = Context(Path.Combine(_dir, "m.db"));
        await db.Database.MigrateAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static AppDbContext Context(string path) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);

    private static AppDbContext PostgresContext(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql(connectionString)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options);

    /// <summary>The same description from PostgreSQL's catalog: columns, identity, indexes, foreign keys.</summary>
    private static async Task<List<string>> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        async Task Read(string sql, Func<Npgsql.NpgsqlDataReader, string> line)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(line(reader));
            }
        }

        await Read(
            "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, ''), is_identity, coalesce(character_maximum_length, 0) " +
            "FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '!_!_EF%' ESCAPE '!'",
            r => $"{r.GetString(0)}.{r.GetString(1)} type={r.GetString(2)} null={r.GetString(3)} default={r.GetString(4)} identity={r.GetString(5)} max={r.GetInt32(6)}");
        await Read(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '!_!_EF%' ESCAPE '!'",
            r => $"{r.GetString(0)} index {r.GetString(1)}: {r.GetString(2)}");
        await Read(
            "SELECT tc.table_name, tc.constraint_name, kcu.column_name, ccu.table_name, rc.delete_rule " +
            "FROM information_schema.table_constraints tc " +
            "JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name " +
            "JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name " +
            "JOIN information_schema.referential_constraints rc ON tc.constraint_name = rc.constraint_name " +
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'",
            r => $"{r.GetString(0)} fk {r.GetString(1)} {r.GetString(2)} -> {r.GetString(3)} on delete {r.GetString(4)}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Tables, columns (type, nullability, default, key position), indexes and foreign keys, as sorted lines.</summary>
    private static List<string> Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        var lines = new List<string>();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '!_!_EF%' ESCAPE '!'")
            .Select(r => r[0]!).ToList();
        foreach (var table in tables)
        {
            foreach (var c in Query(connection, $"PRAGMA table_info('{table}')"))
            {
                lines.Add($"{table}.{c[1]} type={c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            }

            foreach (var i in Query(connection, $"PRAGMA index_list('{table}')"))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info('{i[1]}')").Select(x => x[2]));
                lines.Add($"{table} index {i[1]} unique={i[2]} origin={i[3]} ({columns})");
            }

            foreach (var f in Query(connection, $"PRAGMA foreign_key_list('{table}')"))
            {
                lines.Add($"{table} fk {f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }

            var autoincrement = Query(connection, $"SELECT sql FROM sqlite_master WHERE name='{table}'").Single()[0]!.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
            lines.Add($"{table} autoincrement={autoincrement}");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string?[]> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
