using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCourse.Web.Tests.Hosting;

/// <summary>Issue 21: the Prometheus scrape endpoint (operators only) and trace ids in request logs.</summary>
public sealed partial class ObservabilityTests(ObservabilityTests.Factory factory) : IClassFixture<ObservabilityTests.Factory>
{
    public const string Token = "operator-secret-for-tests";

    public sealed class Factory : CourseAppFactory
    {
        public LogCapture Logs { get; } = new();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Observability:MetricsToken", Token),
            // Hosting's own request lines ("Request starting ...") are off by default; an operator turns them on so.
            new("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
        }
    }

    [Fact]
    public async Task Metrics_AfterTraffic_ShowRequestsOutboxAndRuntime()
    {
        // A learner signs up: pages are requested and a confirmation mail goes through the outbox.
        await TestAccounts.RegisterAsync(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var text = "";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (SentMail().Match(text) is { Success: true } sent && double.Parse(sent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Matches(SentMail(), text);
        Assert.True(double.Parse(SentMail().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, text);
        var requests = string.Join('\n', text.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)));
        // Request lines with their route. Not necessarily this host's own: every host of the test process has a meter
        // named Microsoft.AspNetCore.Hosting, and the SDK may keep another host's instrument of that name (seen twice:
        // the scrape held only sign-in and import-quiz lines of tests running beside this one). A site runs one host.
        var names = string.Join(", ", text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).Distinct());
        Assert.True(Regex.IsMatch(requests, @"http_route=""[^""]+"""), requests.Length > 0 ? requests : $"no request lines; the scrape held: {names}");
        Assert.Matches(@"llmcourse_background_runs_total\{[^}]*service=""outbox""", text);

        // The runtime's own: how much the JIT and the GC took, which says where a slow burst's CPU went.
        Assert.Matches(@"(?m)^dotnet_jit_compiled_methods_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"(?m)^dotnet_gc_pause_time_seconds_total\{", text);
        Assert.Matches(@"(?m)^dotnet_thread_pool_queue_length\{", text);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("wrong-token", HttpStatusCode.Forbidden)]
    public async Task Metrics_ForSomeoneElse_AreRefused(string? token, HttpStatusCode expected)
    {
        // The test server's connections come from no address, like a visitor's through the balancer.
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromLearner_AreRefused()
    {
        var learner = await TestAccounts.RegisterAsync(factory);

        var response = await learner.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RequestLog_CarriesTraceIdOfItsActivity()
    {
        // The caller starts the trace; the site continues it, so its request activity has this trace id.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var path = "/weeks/7?trace-test=" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = factory.Logs.Entries.Where(e => e.Message.Contains(path, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal(traceId, line.Scope.GetValueOrDefault("TraceId")?.ToString()));
        Assert.All(lines, line => Assert.False(string.IsNullOrEmpty(line.Scope.GetValueOrDefault("SpanId")?.ToString())));
    }

    [GeneratedRegex(@"llmcourse_outbox_messages_total\{[^}]*outcome=""sent""[^}]*\} ([0-9.e+]+)")]
    private static partial Regex SentMail();

    public sealed record LogEntry(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Keeps every log line with the values of the scopes it was written in.</summary>
    public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                owner._scopes.ForEachScope(
                    (scope, into) =>
                    {
                        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                        {
                            foreach (var (key, value) in pairs)
                            {
                                into[key] = value;
                            }
                        }
                    },
                    values);
                owner.Entries.Enqueue(new LogEntry(category, formatter(state, exception), values));
            }
        }
    }
}
