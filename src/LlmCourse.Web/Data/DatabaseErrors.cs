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
}
