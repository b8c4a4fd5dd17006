namespace LlmCourse.Web.Data;

/// <summary>Which database the site runs on: <c>Database:Provider</c>, SQLite unless it names PostgreSQL.</summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static string Of(IConfiguration configuration) => configuration["Database:Provider"] ?? Sqlite;

    public static bool IsPostgres(IConfiguration configuration) => string.Equals(Of(configuration), Postgres, StringComparison.OrdinalIgnoreCase);

    public static bool IsSqlite(IConfiguration configuration) => string.Equals(Of(configuration), Sqlite, StringComparison.OrdinalIgnoreCase);
}
