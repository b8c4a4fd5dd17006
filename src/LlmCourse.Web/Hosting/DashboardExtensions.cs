using LlmCourse.Web.Dashboard;

namespace LlmCourse.Web.Hosting;

public static class DashboardExtensions
{
    /// <summary>The dashboard and the copy of it kept per learner (<see cref="DashboardCache"/>).</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DashboardCache>();
        return builder;
    }

    /// <summary>After authentication (the copy is per learner) and before the page it stands in for.</summary>
    public static WebApplication UseDashboardCache(this WebApplication app)
    {
        var cache = app.Services.GetRequiredService<DashboardCache>();
        app.Use((context, next) => cache.InvokeAsync(context, next));
        return app;
    }
}
