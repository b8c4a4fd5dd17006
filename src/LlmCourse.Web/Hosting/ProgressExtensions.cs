using LlmCourse.Web.Accounts;
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
        return builder;
    }
}
