using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LlmCourse.Web.Tests.Data;

/// <summary>
/// A database's schema read back from its catalog as sorted lines, so two databases built different ways
/// (migrated, created from the model, upgraded from the hand-written migrations) can be compared.
/// </summary>
internal static partial class SchemaDescription
{
    /// <summary>Tables, columns (type, nullability, default, key), indexes and foreign keys; the history table left out.</summary>
    public static Task<List<string>> TablesAsync(TestDatabase database) =>
        database.IsPostgres ? PostgresTablesAsync(database.ConnectionString) : Task.FromResult(SqliteTables(database.ConnectionString));

    /// <summary>Triggers and (PostgreSQL) functions, with their SQL whitespace-normalised: what the model cannot describe.</summary>
    public static async Task<List<string>> TriggersAsync(TestDatabase database)
    {
        List<string> lines;
        if (database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            lines = await ReadAsync(
                connection,
                "SELECT event_object_table || ' trigger ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation || ': ' || action_statement " +
                "FROM information_schema.triggers WHERE trigger_schema = 'public'");
            lines.AddRange(await ReadAsync(
                connection,
                "SELECT 'function ' || p.proname || ': ' || p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"));
        }
        else
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            lines = await ReadAsync(connection, "SELECT tbl_name || ' trigger ' || name || ': ' || sql FROM sqlite_master WHERE type = 'trigger'");
        }

        return [.. lines.Select(l => Whitespace().Replace(l, " ").Trim()).Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> PostgresTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = await ReadAsync(
            connection,
            "SELECT table_name || '.' || column_name || ' type=' || data_type || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') || " +
            "' identity=' || is_identity || ' max=' || coalesce(character_maximum_length, 0) " +
            "FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '!_!_EF%' ESCAPE '!'");
        lines.AddRange(await ReadAsync(
            connection,
            "SELECT tablename || ' index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '!_!_EF%' ESCAPE '!'"));
        lines.AddRange(await ReadAsync(
            connection,
            "SELECT tc.table_name || ' fk ' || tc.constraint_name || ' ' || kcu.column_name || ' -> ' || ccu.table_name || ' on delete ' || rc.delete_rule " +
            "FROM information_schema.table_constraints tc " +
            "JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name " +
            "JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name " +
            "JOIN information_schema.referential_constraints rc ON tc.constraint_name = rc.constraint_name " +
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<string> SqliteTables(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
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

    private static async Task<List<string>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

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
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
