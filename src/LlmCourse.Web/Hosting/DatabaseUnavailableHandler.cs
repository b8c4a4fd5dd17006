using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Components;
using LlmCourse.Web.Components.Hosting;
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
        if (!DatabaseErrors.IsUnavailable(exception))
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
            // A Razor component, rendered without the layout, which reads the account and so the database.
            var page = await ComponentHtml.RenderAsync<DatabaseUnavailablePage>(
                context.RequestServices, new Dictionary<string, object?> { [nameof(DatabaseUnavailablePage.RetryAfterSeconds)] = RetryAfterSeconds });
            await context.Response.WriteAsync(page, cancellationToken);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable while serving {Path} ({Error}); answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string path, string error);
}
