using System.Globalization;
using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmCourse.Web.Api;

/// <summary>
/// Every error the JSON API answers is RFC 9457 problem details, whatever produced it: an endpoint, routing
/// (404, and 405 with <c>Allow</c>), model binding (400 for unreadable JSON, 415 for another content type), the
/// body size limit (413) or an exception. Without this the site's HTML error pages would answer them.
/// </summary>
public static class ApiErrors
{
    /// <summary>The largest request body the API reads (<c>Api:MaxBodyBytes</c>): above any course file, answer set or review.</summary>
    public const long DefaultMaxBodyBytes = 10 * 1024 * 1024;

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>For an error status with no body yet (status code pages): the problem that explains it.</summary>
    public static Task WriteStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read: the body must be well-formed JSON with the documented fields and types.",
            StatusCodes.Status404NotFound => "There is nothing at this address in the API; /swagger lists every route.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not accept {http.Request.Method}; it accepts {http.Response.Headers.Allow}.",
            StatusCodes.Status413PayloadTooLarge => "The request body is larger than the API accepts.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return ApiProblemWriter.WriteAsync(http, status, detail);
    }

    /// <summary>
    /// Refuses a body over <paramref name="maxBytes"/>: at once when its length is declared, and otherwise by
    /// the server while it is read (Kestrel throws a 413 <see cref="BadHttpRequestException"/>, answered below).
    /// </summary>
    public static async Task LimitBodyAsync(HttpContext context, RequestDelegate next, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await ApiProblemWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the API accepts ({maxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        await next(context);
    }

    /// <summary>An exception while serving the API: a bad request keeps its own status (413, 400), anything else is a 500; both as problems.</summary>
    public sealed class ExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "";
            if (!path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (exception is BadHttpRequestException bad)
            {
                await ApiProblemWriter.WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than the API accepts."
                    : "The request could not be read.");
            }
            else
            {
                await ApiProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong on our side; try again later.");
            }

            return true;
        }
    }
}
