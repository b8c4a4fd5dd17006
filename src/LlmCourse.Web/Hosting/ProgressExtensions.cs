using LlmCourse.Web.Progress;

namespace LlmCourse.Web.Hosting;

public static class ProgressExtensions
{
    /// <summary>Learners' progress records (visits, completions), read once per request.</summary>
    public static WebApplicationBuilder AddProgress(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProgressService>();
        builder.Services.AddScoped<ProgressReader>();
        return builder;
    }
}
