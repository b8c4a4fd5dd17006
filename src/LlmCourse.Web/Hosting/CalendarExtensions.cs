using LlmCourse.Web.Calendar;

namespace LlmCourse.Web.Hosting;

public static class CalendarExtensions
{
    /// <summary>The course calendar page and its per-user iCalendar feed (docs/operations.md, "Calendar").</summary>
    public static WebApplicationBuilder AddCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CalendarFeeds>();
        return builder;
    }

    public static WebApplication MapCalendar(this WebApplication app)
    {
        app.MapCalendarFeed();
        return app;
    }
}
