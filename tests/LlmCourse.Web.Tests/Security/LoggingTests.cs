using System.Collections.Concurrent;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmCourse.Web.Tests.Security;

public sealed class LoggingTests
{
    [Fact]
    public async Task RequestLogs_CarryARequestId_AndNeverAPassword()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = new CourseAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.AddProvider(capture);
            l.AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug);
        }));
        var email = $"logs-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(app, email);
        await TestAccounts.SignInResponseAsync(TestAccounts.NewClient(app), email, "a-wrong-password-77");
        await client.GetAsync("/weeks/7/lecture/slides/2");

        // Lines written while a request is handled (not the start-up lines of the same categories).
        var requestLines = capture.Entries.Where(e => e.Message.StartsWith("Request ", StringComparison.Ordinal)
                                                      || e.Category.StartsWith("Microsoft.AspNetCore.Routing.EndpointMiddleware", StringComparison.Ordinal)
                                                      || e.Category.StartsWith("Microsoft.AspNetCore.Antiforgery", StringComparison.Ordinal)).ToList();
        Assert.True(requestLines.Count > 10, $"only {requestLines.Count} request log lines captured");
        Assert.All(requestLines, e => Assert.Contains("RequestId=", e.Scopes));

        var everything = string.Join("\n", capture.Entries.Select(e => e.Message + " " + e.Scopes));
        Assert.DoesNotContain(TestAccounts.Password, everything);
        Assert.DoesNotContain("a-wrong-password-77", everything);
        Assert.DoesNotContain("Password=", everything, StringComparison.OrdinalIgnoreCase);
    }

    private sealed record Entry(string Category, string Message, string Scopes);

    /// <summary>Keeps every log line with its scopes, as the JSON console formatter would print them.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes.ForEachScope((scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                    }
                    else
                    {
                        list.Add(scope?.ToString() ?? "");
                    }
                }, scopes);
                owner.Entries.Enqueue(new Entry(category, formatter(state, exception) + " " + exception, string.Join(" ", scopes)));
            }
        }
    }
}
