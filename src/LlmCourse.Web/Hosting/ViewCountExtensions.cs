using LlmCourse.Web.ViewCounts;

namespace LlmCourse.Web.Hosting;

public static class ViewCountExtensions
{
    /// <summary>Per-item view counts, counted off the request path (docs/operations.md, "Views and discussion").</summary>
    public static WebApplicationBuilder AddViewCounts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ViewCountOptions>(builder.Configuration.GetSection("Views"));
        builder.Services.AddSingleton<ViewQueue>();
        builder.Services.AddSingleton<ViewTotals>();
        builder.Services.AddSingleton<ViewCountWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ViewCountWriter>());
        return builder;
    }

    /// <summary>Before the output cache, so a page served from it still counts.</summary>
    public static WebApplication UseViewCounting(this WebApplication app)
    {
        app.UseMiddleware<ViewCountingMiddleware>();
        return app;
    }
}
