using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LlmCourse.Web.Hosting;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StartupCheck>("startup")
            .AddCheck<DatabaseCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/healthz</c>: the process is up, the database migrated and the course loaded (200, else 503).
    /// <c>/readyz</c>: the same, and the database answers right now; a load balancer sends traffic only to ready instances.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).DisableHttpMetrics();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = WriteAsync }).DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (report.Status != HealthStatus.Healthy)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "Healthy" : "Unhealthy\n" + string.Join("\n", problems));
    }

    private sealed class StartupCheck(DatabaseState database, CourseStore store) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(
                !database.Migrated ? HealthCheckResult.Unhealthy("database not migrated")
                : !store.IsLoaded ? HealthCheckResult.Unhealthy("course not loaded")
                : HealthCheckResult.Healthy());
    }

    private sealed class DatabaseCheck(AppDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }
        }
    }
}
