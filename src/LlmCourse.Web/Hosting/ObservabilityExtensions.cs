using System.Net;
using System.Security.Cryptography;
using System.Text;
using LlmCourse.Web.Observability;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LlmCourse.Web.Hosting;

/// <summary>Settings under <c>Observability</c> (docs/operations.md, Observability).</summary>
public sealed class ObservabilityOptions
{
    /// <summary>
    /// Where OTLP goes (e.g. <c>http://otel-collector:4317</c>). Empty: the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable decides; neither set: nothing is exported and no traces are kept.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The path Prometheus scrapes.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>A bearer token that opens the metrics path from anywhere; empty: no token opens it.</summary>
    public string? MetricsToken { get; set; }

    /// <summary>Whether a scrape from this machine (loopback, not through a proxy) needs no token.</summary>
    public bool MetricsFromLoopback { get; set; } = true;
}

public static class ObservabilityExtensions
{
    /// <summary>
    /// OpenTelemetry: metrics of requests, outgoing HTTP, EF Core, Npgsql's connection pool and the site's own
    /// background services, always collected for the scrape endpoint and pushed by OTLP when configured; traces of
    /// the same, kept only when OTLP is configured (otherwise nobody would read them). Every log line written while
    /// a request or pass runs carries its trace and span ids in its scope.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Observability").Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        builder.Services.AddSingleton(settings);
        // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself (endpoint, protocol, headers);
        // the configuration key only names an endpoint, spoken to over gRPC.
        var otlp = settings.OtlpEndpoint;
        var exporting = !string.IsNullOrWhiteSpace(otlp) || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "llmcourse", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Microsoft.EntityFrameworkCore", "Npgsql", "System.Runtime", SiteTelemetry.Name)
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (exporting)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp));
                }
            });
        if (exporting)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsQuiet(context.Request.Path, settings))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(SiteTelemetry.Name)
                .AddOtlpExporter(o => Point(o, otlp)));
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeScopes = true;
                logs.AddOtlpExporter(o => Point(o, otlp));
            });
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, for operators only: a request from this machine that did not come through a
    /// proxy, or one bearing <c>Observability:MetricsToken</c>. Anyone else gets 404 (403 for a wrong token), so
    /// the path tells a visitor nothing.
    /// </summary>
    public static WebApplication MapObservability(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<ObservabilityOptions>();
        app.MapPrometheusScrapingEndpoint(settings.MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            var refusal = Refusal(context, settings);
            if (refusal != 0)
            {
                context.Response.StatusCode = refusal;
                context.Response.Headers.CacheControl = "no-store";
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await next(context);
        }), optionsName: null).DisableHttpMetrics();
        return app;
    }

    /// <summary>0 when the caller may read metrics, else the status to answer.</summary>
    internal static int Refusal(HttpContext context, ObservabilityOptions settings)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return !string.IsNullOrEmpty(settings.MetricsToken) && SameSecret(authorization["Bearer ".Length..].Trim(), settings.MetricsToken)
                ? 0 : StatusCodes.Status403Forbidden;
        }

        // X-Forwarded-For means a proxy on this machine passed the request on from somewhere else.
        var local = settings.MetricsFromLoopback
            && context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For");
        return local ? 0 : StatusCodes.Status404NotFound;
    }

    private static bool SameSecret(string offered, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(offered)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>Health probes and scrapes come every few seconds and say nothing about users: no traces for them.</summary>
    private static bool IsQuiet(PathString path, ObservabilityOptions settings) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(settings.MetricsPath);

    private static void Point(OtlpExporterOptions options, string? endpoint)
    {
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            options.Endpoint = new Uri(endpoint);
        }
    }
}
