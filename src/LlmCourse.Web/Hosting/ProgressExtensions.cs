using LlmCourse.Web.Accounts;
using LlmCourse.Web.Dashboard;
using LlmCourse.Web.Progress;

namespace LlmCourse.Web.Hosting;

public static class ProgressExtensions
{
    public static WebApplicationBuilder AddProgress(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ProgressService>();
        builder.Services.AddScoped<ProgressReader>();
        builder.Services.AddScoped<AccountData>();
        builder.Services.AddScoped<ApiTokenService>();
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
