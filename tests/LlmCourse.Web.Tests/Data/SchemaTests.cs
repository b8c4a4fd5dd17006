using LlmCourse.Web.Data;
using Microsoft.Data.Sqlite;
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
