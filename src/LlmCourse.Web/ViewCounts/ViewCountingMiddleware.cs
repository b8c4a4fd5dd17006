using System.Globalization;
using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.ViewCounts;

/// <summary>
/// Counts views of item pages. It runs before the output cache, so a page served from the cache counts too,
/// and after the response is made, so only a 200 counts (a hidden week's 404 never does). Counting is a
/// check of the endpoint's metadata and the User-Agent, and a non-blocking write to <see cref="ViewQueue"/>:
/// no cookie, no database, no waiting. What "a view" is:
/// <list type="bullet">
/// <item>a GET of an item page (notes, flashcards, quiz introduction) answered 200;</item>
/// <item>for a lecture, a visit: a slide page counts unless the visitor came from another page of the same
/// lecture (the Referer, which the site's Referrer-Policy sends for its own pages), so reading 13 slides is one view;</item>
/// <item>not by bots (<see cref="Bots"/>), browser prefetches, or instructors (who preview and author).</item>
/// </list>
/// </summary>
public sealed class ViewCountingMiddleware(RequestDelegate next, ViewQueue queue, TimeProvider clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<CountsViewsAttribute>() is null)
        {
            return next(context);
        }

        return CountAfterAsync(context);
    }

    private async Task CountAfterAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK && ToView(context) is { } view)
        {
            queue.Enqueue(view);
        }
    }

    private PageView? ToView(HttpContext context)
    {
        var request = context.Request;
        if (Bots.IsBot(request.Headers.UserAgent) || IsPrefetch(request))
        {
            return null;
        }

        var user = context.User;
        if (user.IsInRole(Roles.Instructor))
        {
            return null;
        }

        var values = request.RouteValues;
        if (!int.TryParse(Convert.ToString(values["number"], CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || values["itemId"] is not string itemId)
        {
            return null;
        }

        if (values.ContainsKey("slide") && CameFromSameLecture(request, week, itemId))
        {
            return null;
        }

        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        return new PageView(week, itemId, userId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    private static bool IsPrefetch(HttpRequest request) =>
        request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the Referer is a page of this lecture on this site (its slides, transcript or discussion).</summary>
    private static bool CameFromSameLecture(HttpRequest request, int week, string lectureId)
    {
        if (!Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
            || !string.Equals(referer.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return referer.AbsolutePath.StartsWith(CourseUrls.Item(week, lectureId) + "/", StringComparison.Ordinal);
    }
}
