using LlmCourse.Web.Discussion;

namespace LlmCourse.Web.Hosting;

public static class DiscussionExtensions
{
    /// <summary>Threads on course items, in-site notifications and the notifier hook (docs/operations.md, "Views and discussion").</summary>
    public static WebApplicationBuilder AddDiscussion(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DiscussionOptions>(builder.Configuration.GetSection("Discussion"));
        builder.Services.AddScoped<DiscussionService>();
        builder.Services.AddScoped<IDiscussionNotifier, SiteNotifier>();
        builder.Services.AddSingleton<ThreadDigest>();
        builder.Services.AddHostedService<ThreadDigestRefresher>();
        return builder;
    }
}
