using LlmCourse.Web.Content;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCourse.Web.Hosting;

public static class HealthExtensions
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StartupCheck>("startup");
        return builder;
    }

    /// <summary><c>/healthz</c>: 200 once the database is migrated and the course loaded, 503 before.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz").DisableHttpMetrics();
        return app;
    }

    private sealed class StartupCheck(DatabaseState database, CourseStore store) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(
                !database.Migrated ? HealthCheckResult.Unhealthy("database not migrated")
                : !store.IsLoaded ? HealthCheckResult.Unhealthy("course not loaded")
                : HealthCheckResult.Healthy());
    }
}
