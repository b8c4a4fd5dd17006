using LlmCourse.Web.Announcements;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Hosting;

public static class CachingExtensions
{
    /// <summary>
    /// Anonymous course pages are rendered once per content revision and visible-week set, then served
    /// from memory. Signed-in pages (which show progress) and responses that set cookies are never cached.
    /// </summary>
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(options =>
        {
            options.AddPolicy(CourseCatalog.CachePolicy, policy => policy
                .Expire(TimeSpan.FromMinutes(10))
                .SetVaryByRouteValue("*")
                .SetVaryByQuery("*")
                // The page carries the visitor's chosen colour scheme and the course's announcements, so each is cached apart.
                .VaryByValue(context => new("course", context.RequestServices.GetRequiredService<CourseCatalog>().VisibilityKey()
                    + "|" + (Appearance.Theme.Chosen(context) ?? Appearance.Theme.System)
                    + "|" + context.RequestServices.GetRequiredService<AnnouncementBoard>().Version))
                .Tag(CourseCatalog.CachePolicy));
        });
        return builder;
    }

    public static WebApplication UseCaching(this WebApplication app)
    {
        app.UseOutputCache();
        var store = app.Services.GetRequiredService<CourseStore>();
        var cache = app.Services.GetRequiredService<IOutputCacheStore>();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CachingExtensions));

        // The key already changes with the revision; evicting frees the memory of the old revision at once. The
        // event cannot be awaited, so the eviction observes its own failure: logged, never an unobserved task.
        store.Changed += snapshot => _ = EvictAsync(cache, logger);
        return app;
    }

    private static async Task EvictAsync(IOutputCacheStore cache, ILogger logger)
    {
        try
        {
            await cache.EvictByTagAsync(CourseCatalog.CachePolicy, default);
        }
        catch (Exception ex)
        {
            // Stale entries still expire with their key (the revision is part of it); only memory is held longer.
            LogEvictionFailed(logger, ex);
        }
    }

    private static readonly Action<ILogger, Exception?> LogEvictionFailed =
        LoggerMessage.Define(LogLevel.Warning, new EventId(1, "CacheEvictionFailed"), "Evicting the old revision's cached pages failed.");
}
