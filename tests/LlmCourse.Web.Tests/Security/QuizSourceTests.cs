using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Quizzes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// Issue 13, finding 1: a quiz's source is its answer key, and no route may hand it, or anything derived from
/// it, to anyone but an instructor before the quiz's reveal rule allows.
/// </summary>
public sealed partial class QuizSourceTests(CanaryAppFactory factory) : IClassFixture<CanaryAppFactory>
{
    [Fact]
    public async Task Download_QuizItem_IsForbiddenToLearners()
    {
        var anonymous = TestAccounts.NewClient(factory);
        var learner = await TestAccounts.RegisterAsync(factory);
        var instructor = await TestAccounts.InstructorAsync(factory);
        foreach (var quiz in CanaryAppFactory.Quizzes.Append("quiz"))
        {
            var url = $"/weeks/7/{quiz}/download";
            foreach (var (who, client) in new[] { ("anonymous", anonymous), ("learner", learner) })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} GET {url}: {(int)response.StatusCode}");
                Assert.DoesNotContain("- [x]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Instructors still get the source (they wrote it).
            var own = await instructor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Contains("- [x]", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A lecture's source is still anyone's to download.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/weeks/7/lecture/download")).StatusCode);
    }

    /// <summary>
    /// Walks every GET route the app has (from its <see cref="EndpointDataSource"/>, so a route added later is
    /// walked too), with its parameters filled with the canary quizzes' week, ids and the learner's attempts,
    /// as an anonymous visitor and as a learner who has taken the quizzes, and looks for the canaries planted
    /// in the answer keys.
    /// </summary>
    [Fact]
    public async Task EveryGetRoute_AnonymousAndLearner_NeverShowsQuizAnswerCanaries()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var attempts = new Dictionary<string, List<string>>();
        foreach (var quiz in CanaryAppFactory.Quizzes)
        {
            attempts[quiz] = await TakeAsync(learner, quiz);
        }

        var urls = Urls(attempts);
        Assert.Contains(urls, u => u.StartsWith("/weeks/7/walk-never/download", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith($"/weeks/7/walk-never/attempts/{attempts["walk-never"][0]}/review", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith($"/api/v1/weeks/7/quizzes/walk-last/attempts/{attempts["walk-last"][1]}", StringComparison.Ordinal));

        // The canaries are really in the answer keys: an instructor's download of the source shows them.
        var instructor = await TestAccounts.InstructorAsync(factory);
        Assert.Contains(CanaryAppFactory.Canary, await instructor.GetStringAsync("/weeks/7/walk-never/download"), StringComparison.Ordinal);

        var leaks = new List<string>();
        var walked = 0;
        var found = 0;
        foreach (var (who, client) in new[] { ("anonymous", TestAccounts.NewClient(factory)), ("learner", learner) })
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                walked++;
                found += response.IsSuccessStatusCode && body.Contains("walk-", StringComparison.Ordinal) ? 1 : 0;
                // Every planted canary is "CANARY-…"; the bare word also names a real time zone (Atlantic/Canary), listed on the account page.
                if (body.Contains(CanaryAppFactory.Canary + "-", StringComparison.OrdinalIgnoreCase) || NumericCanary().IsMatch(body))
                {
                    var at = body.IndexOf(CanaryAppFactory.Canary + "-", StringComparison.OrdinalIgnoreCase);
                    leaks.Add($"{who} GET {url} ({(int)response.StatusCode}): …{(at < 0 ? "91735.25" : body.Substring(at, Math.Min(40, body.Length - at)))}…");
                }
            }
        }

        Assert.True(leaks.Count == 0, $"{leaks.Count} of {walked} responses hold an answer key canary:\n" + string.Join("\n", leaks));

        // The walk reached the quizzes' pages, not only refusals.
        Assert.True(found >= 40, $"only {found} of {walked} responses were pages about the walk quizzes");
    }

    /// <summary>Two attempts where the quiz allows (one handed in with a wrong pick, one in progress); none for the quiz not open yet.</summary>
    private static async Task<List<string>> TakeAsync(HttpClient learner, string quiz)
    {
        var api = $"/api/v1/weeks/{CanaryAppFactory.Week}/quizzes/{quiz}/attempts";
        var ids = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            var start = await QuizClient.SendAsync(learner, HttpMethod.Post, api);
            if (start.StatusCode != HttpStatusCode.Created)
            {
                Assert.Equal("walk-later", quiz);
                break;
            }

            var attempt = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
            var id = attempt.GetProperty("attempt").GetProperty("id").GetString()!;
            ids.Add(id);
            if (round == 0)
            {
                // Picks the choice whose feedback holds a canary, so a review that showed feedback would show it.
                var prime = attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("title").GetString() == "Which number is prime?");
                var four = prime.GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("text").GetString() == "Four").GetProperty("id").GetString();
                var body = $$$"""{"{{{prime.GetProperty("id").GetString()}}}":{"c":["{{{four}}}"]}}""";
                var submitted = await QuizClient.SendAsync(learner, HttpMethod.Post, $"{api}/{id}/submission", body);
                Assert.True(submitted.StatusCode == HttpStatusCode.OK, $"{quiz}: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");
            }
        }

        return ids;
    }

    /// <summary>Every GET route, its parameters filled for each canary quiz, with a query where the route reads one.</summary>
    private List<string> Urls(Dictionary<string, List<string>> attempts)
    {
        var urls = new List<string> { "/swagger/v1/swagger.json" };
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET"))
            {
                continue;
            }

            foreach (var quiz in CanaryAppFactory.Quizzes)
            {
                foreach (var path in Fill(endpoint.RoutePattern, quiz, attempts[quiz]))
                {
                    urls.Add(path + Query(path, quiz));
                }
            }
        }

        return [.. urls.Distinct(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> Fill(RoutePattern pattern, string quiz, IReadOnlyList<string> attempts)
    {
        var paths = new List<string> { "" };
        foreach (var segment in pattern.PathSegments)
        {
            var options = new List<string> { "/" };
            foreach (var part in segment.Parts)
            {
                IReadOnlyList<string> values = part switch
                {
                    RoutePatternLiteralPart literal => [literal.Content],
                    RoutePatternSeparatorPart separator => [separator.Content],
                    RoutePatternParameterPart parameter => Values(parameter.Name, quiz, attempts),
                    _ => throw new InvalidOperationException($"Unknown route part in {pattern.RawText}"),
                };
                options = [.. options.SelectMany(o => values.Select(v => o + v))];
            }

            paths = [.. paths.SelectMany(p => options.Select(o => p + o))];
        }

        return paths.Select(p => p.Length == 0 ? "/" : p);
    }

    /// <summary>What each route parameter is filled with. A new parameter name fails here until it is taught, so no route is skipped.</summary>
    private static IReadOnlyList<string> Values(string name, string quiz, IReadOnlyList<string> attempts) => name switch
    {
        "number" or "week" => [CanaryAppFactory.Week.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        "itemId" or "quizId" or "deckId" => [quiz],
        "slide" => ["1"],
        "attemptId" => [.. attempts, new string('0', 32)],
        "code" => ["404"],
        "threadId" or "postId" => ["1", "2"],
        "rest" => ["v1/" + quiz],
        "hash" => ["0123456789abcdef"],
        "id" => ["1"],
        "name" => ["diagram.svg"],
        "feedToken" => ["cal_unknown"],
        _ => throw new InvalidOperationException($"The route walk does not know how to fill '{{{name}}}': add it to {nameof(Values)}."),
    };

    /// <summary>Queries for the routes that read one: searches for the word next to every canary, the editor and history at the quiz's file.</summary>
    private string Query(string path, string quiz) => path switch
    {
        "/search" => $"?q={CanaryAppFactory.Companion}",
        "/instructor/edit" or "/instructor/history" => $"?path={Uri.EscapeDataString(factory.SourceOf(quiz))}",
        "/instructor/gradebook" => "?csv=true",
        _ => "",
    };

    [GeneratedRegex(@"(?<![\w.])91735\.25(?![\w])")]
    private static partial Regex NumericCanary();
}
