using System.Data.Common;
using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics;

namespace LlmCourse.Web.Hosting;

/// <summary>
/// When the database cannot be reached (server stopped, file locked past the busy timeout), answer
/// 503 with <c>Retry-After</c> instead of a generic error: the request changed nothing, and trying again
/// shortly will work once the database is back. No state is kept here, so service resumes by itself.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        // The middleware may already point the request at the error page; the original path decides the format.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
        LogUnavailable(logger, path, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            await ApiProblemWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"The database is unavailable; nothing was changed. Try again in {RetryAfterSeconds} seconds.");
        }
        else
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily unavailable</title>" +
                "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\" class=\"container status-page\">" +
                "<p class=\"status-code\">503</p><h1>Temporarily unavailable</h1>" +
                $"<p>We cannot reach our database just now, so this page cannot be shown. Nothing was changed. Please try again in a few seconds.</p>" +
                "<p><a href=\"/\">The course pages</a> still work.</p></main></body></html>",
                cancellationToken);
        }

        return true;
    }

    /// <summary>Connection failures and lock timeouts, however deep EF Core wrapped them.</summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while serving {Path} ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string path, string error);
}
