using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Quizzes;
using Npgsql;

namespace LlmCourse.Web.Tests.Reliability;

/// <summary>
/// Issue 21, connection resilience: the PostgreSQL server restarts while learners keep saving quiz answers. Every
/// save the site acknowledged (204) is in the database afterwards, and a save it could not make is refused with
/// 503 and Retry-After, never a 500. The server restarted is a second cluster on port 5433 that
/// tests/start-postgres.sh makes for this test alone (restarting the shared one would break every test running
/// beside it); hence the category: it runs in the PostgreSQL pass only, and leaves the server running whatever happens.
/// </summary>
[Trait("Category", "Cluster")]
public sealed partial class PostgresRestartTests
{
    private const int Learners = 4;

    [Fact]
    public async Task ServerRestart_UnderAnswerSaves_KeepsEveryAcknowledgedSave()
    {
        using var database = TestDatabase.CreatePostgres(PostgresServer.Admin);
        using var factory = new RestartFactory(database);
        var streams = new List<SaveStream>();
        for (var i = 0; i < Learners; i++)
        {
            var client = await TestAccounts.RegisterAsync(factory);
            var attemptId = await QuizClient.StartAsync(client, "restart");
            var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("restart")}/{attemptId}");
            streams.Add(new SaveStream(client, attemptId, QuizClient.QuestionId(attempt, "roman"), await TestAccounts.AntiforgeryTokenAsync(client, "/")));
        }

        using var stop = new CancellationTokenSource();
        var saving = streams.Select(s => Task.Run(() => SaveUntilStoppedAsync(s, stop.Token))).ToList();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await PostgresServer.RestartAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(saving);
            await PostgresServer.EnsureRunningAsync();
        }

        var stored = await StoredAsync(database);
        foreach (var stream in streams)
        {
            Assert.True(stream.Unexpected.Count == 0, "answers other than 204 or 503 + Retry-After: " + string.Join(", ", stream.Unexpected));
            Assert.True(stream.LastAcknowledged > 0, "no save acknowledged");
            Assert.True(stored.TryGetValue(stream.AttemptId, out var saved), $"attempt {stream.AttemptId} has no answer");

            // Saves of one stream are sequential: the stored one is the last acknowledged, or a later one the site
            // wrote but could not report (the connection died with the reply).
            Assert.InRange(saved, stream.LastAcknowledged, stream.LastSent);
        }

        Assert.True(streams.Sum(s => s.Acknowledged) > Learners * 5, "too few saves to prove anything");
    }

    private static async Task SaveUntilStoppedAsync(SaveStream stream, CancellationToken stop)
    {
        // Keep going after the stop until one more save is acknowledged, so the last word is a known one.
        for (var k = 1; !stop.IsCancellationRequested || stream.LastAcknowledged < stream.LastSent; k++)
        {
            stream.LastSent = k;
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{QuizClient.Api("restart")}/{stream.AttemptId}/answers");
            request.Headers.Add("X-CSRF-TOKEN", stream.Antiforgery);
            request.Content = new StringContent($$$"""{"{{{stream.QuestionId}}}":{"t":"save-{{{k}}}"}}""", Encoding.UTF8, "application/json");
            HttpResponseMessage response;
            try
            {
                response = await stream.Client.SendAsync(request, CancellationToken.None);
            }
            catch (HttpRequestException ex)
            {
                stream.Unexpected.Add($"save {k}: {ex.Message}");
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                stream.LastAcknowledged = k;
                stream.Acknowledged++;
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
            {
                await Task.Delay(200, CancellationToken.None);
            }
            else
            {
                stream.Unexpected.Add($"save {k}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                if (stream.Unexpected.Count > 20)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The number of the stored save of each attempt, read straight from the database.</summary>
    private static async Task<Dictionary<string, int>> StoredAsync(TestDatabase database)
    {
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "AttemptId", "ResponseJson" FROM "QuizAnswers" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            stored[reader.GetString(0)] = int.Parse(SaveNumber().Match(reader.GetString(1)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        NpgsqlConnection.ClearAllPools();
        return stored;
    }

    [GeneratedRegex("save-([0-9]+)")]
    private static partial Regex SaveNumber();

    private sealed class SaveStream(HttpClient client, string attemptId, string questionId, string antiforgery)
    {
        public HttpClient Client { get; } = client;

        public string AttemptId { get; } = attemptId;

        public string QuestionId { get; } = questionId;

        public string Antiforgery { get; } = antiforgery;

        public int LastSent { get; set; }

        public int LastAcknowledged { get; set; }

        public int Acknowledged { get; set; }

        public List<string> Unexpected { get; } = [];
    }

    private sealed class RestartFactory : CourseAppFactory
    {
        public RestartFactory(TestDatabase database)
            : base(database)
        {
            var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
            File.WriteAllText(Path.Combine(week, "09-restart.md"), QuizAppFactory.Quiz("restart", "attempts: unlimited\npass-mark: 50"));
        }
    }

    /// <summary>The cluster "restart" on 127.0.0.1:5433 (tests/start-postgres.sh), driven with Debian's pg_ctlcluster.</summary>
    private static class PostgresServer
    {
        public const string Cluster = "restart";
        public const int Port = 5433;

        /// <summary>The shared server's credentials, on this cluster's port.</summary>
        public static string Admin => new NpgsqlConnectionStringBuilder(TestDatabase.PostgresAdmin) { Port = Port }.ConnectionString;

        public static async Task RestartAsync()
        {
            var (code, output) = await RunAsync("pg_ctlcluster", Version(), Cluster, "restart");
            Assert.True(code == 0, "pg_ctlcluster restart: " + output);
        }

        public static async Task EnsureRunningAsync()
        {
            var (_, status) = await RunAsync("pg_lsclusters", "-h");
            if (!status.Split('\n').Any(line => line.Contains($" {Cluster} ", StringComparison.Ordinal) && line.Contains("online", StringComparison.Ordinal)))
            {
                await RunAsync("pg_ctlcluster", Version(), Cluster, "start");
            }

            for (var i = 0; i < 60; i++)
            {
                if ((await RunAsync("pg_isready", "-q", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code == 0)
                {
                    return;
                }

                await Task.Delay(500);
            }

            Assert.Fail("PostgreSQL is not running again after the restart test");
        }

        private static string Version() =>
            Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).OrderBy(v => int.Parse(v!, System.Globalization.CultureInfo.InvariantCulture)).Last()!;

        private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }
    }
}
