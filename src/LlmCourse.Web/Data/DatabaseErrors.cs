using System.Data.Common;

namespace LlmCourse.Web.Data;

/// <summary>What a database error means, whichever provider raised it and however deep EF Core wrapped it.</summary>
public static class DatabaseErrors
{
    /// <summary>Connection failures and lock timeouts, however deep EF Core wrapped them.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 14:
                    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CANTOPEN
                    return true;
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient || npgsql is Npgsql.PostgresException { SqlState: "57P01" or "57P03" or "55000" or "3D000" }:
                    return true;
                case Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException }:
                    return true;
                case TimeoutException:
                    return true;
                case DbException when e.Message.Contains("does not allow connections", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a write failed only because another row already holds a unique key (a lost race: another start took
    /// the attempt number). Any other failure (a foreign key, a check, the database gone) is not one.
    /// </summary>
    public static bool IsUniqueViolation(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (https://www.sqlite.org/rescode.html).
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                    return true;
                case Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }

        return false;
    }
}
