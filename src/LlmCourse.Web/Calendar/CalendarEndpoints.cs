using LlmCourse.Core.Calendar;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Calendar;

/// <summary>The iCalendar feed, read by calendar apps with the secret address in place of a cookie.</summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/calendar/feed/{feedToken}.ics", FeedAsync)
            .AllowAnonymous()
            .WithName("CalendarFeed")
            .WithSummary("The user's course calendar (RFC 5545) at their secret feed address; 404 for an unknown or revoked address.")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> FeedAsync(string feedToken, CalendarFeeds feeds, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await feeds.UserOfAsync(feedToken, ct) is not { } userId)
        {
            return TypedResults.NotFound();
        }

        var events = await feeds.EventsAsync(userId, await feeds.IsInstructorAsync(userId, ct), ct);

        // The address is a credential: keep it and the learner's dates out of shared caches and referrer logs.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(feeds.Feed(events, $"{http.Request.Scheme}://{http.Request.Host}"), ICalendar.ContentType);
    }
}
