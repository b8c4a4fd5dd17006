using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LlmCourse.Web.Observability;

/// <summary>
/// The site's own traces and metrics, beside what ASP.NET Core, HttpClient and EF Core report: one activity per
/// background pass (outbox, quiz sweep, FSRS run, content import) and counters of what each pass did. Static, like
/// the framework's own sources, so that a service needs nothing injected to report; OpenTelemetry picks both up by
/// <see cref="Name"/> (Hosting/ObservabilityExtensions). With no listener, starting an activity costs a null check.
/// </summary>
public static class SiteTelemetry
{
    public const string Name = "LlmCourse.Web";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> OutboxMessages = Meter.CreateCounter<long>(
        "llmcourse.outbox.messages", "{message}", "Outbox messages handled by sender passes, by outcome (sent, retrying, failed).");

    private static readonly Counter<long> BackgroundRuns = Meter.CreateCounter<long>(
        "llmcourse.background.runs", "{run}", "Passes of background services, by service and outcome (ok, error).");

    private static readonly Histogram<double> BackgroundDuration = Meter.CreateHistogram<double>(
        "llmcourse.background.duration", "s", "How long a pass of a background service took.");

    private static readonly Counter<long> QuizAttemptsClosed = Meter.CreateCounter<long>(
        "llmcourse.quiz.attempts_closed", "{attempt}", "Quiz attempts closed by the sweeper because their time ran out.");

    private static readonly Counter<long> ContentImports = Meter.CreateCounter<long>(
        "llmcourse.content.files_imported", "{file}", "Course files (pages and images) imported from the content folder while it is watched.");

    private static readonly Histogram<long> StartGroups = Meter.CreateHistogram<long>(
        "llmcourse.quiz.start_group_size", "{attempt}", "New quiz attempts written together in one save (Quizzes/AttemptInserts): its count is saves, its sum attempts.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100] });

    /// <summary>Starts a pass of a background service; dispose the result when the pass ends.</summary>
    public static BackgroundPass StartPass(string service) => new(service, Source.StartActivity($"{service} pass", ActivityKind.Internal));

    public static void RecordOutbox(int sent, int retrying, int failed)
    {
        Add(OutboxMessages, sent, "sent");
        Add(OutboxMessages, retrying, "retrying");
        Add(OutboxMessages, failed, "failed");
    }

    public static void RecordStartGroup(int attempts) => StartGroups.Record(attempts);

    public static void RecordQuizAttemptsClosed(int count)
    {
        if (count > 0)
        {
            QuizAttemptsClosed.Add(count);
        }
    }

    public static void RecordContentImport(int files)
    {
        if (files > 0)
        {
            ContentImports.Add(files);
        }
    }

    private static void Add(Counter<long> counter, int value, string outcome)
    {
        // Zero is still reported once, so an operator sees the series (and its rate of 0) before the first failure.
        counter.Add(value, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>
    /// One pass of a background service: its activity (if anyone listens) and, when disposed, its duration and
    /// outcome. A pass is an error unless <see cref="Succeeded"/> was called.
    /// </summary>
    public sealed class BackgroundPass(string service, Activity? activity) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private bool _succeeded;
        private bool _disposed;

        public Activity? Activity => activity;

        public void Succeeded() => _succeeded = true;

        public void Failed(Exception exception)
        {
            _succeeded = false;
            activity?.AddException(exception);
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            var outcome = _succeeded ? "ok" : "error";
            activity?.SetStatus(_succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            activity?.Dispose();
            var tags = new TagList { { "service", service }, { "outcome", outcome } };
            BackgroundRuns.Add(1, tags);
            BackgroundDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }
}
