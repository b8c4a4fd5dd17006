using System.Net;
using System.Text;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Reliability;

/// <summary>
/// Random and malformed bodies against every state-changing endpoint and form of the authorization matrix
/// (so a new endpoint is fuzzed as soon as it has a rule). A bounded, seeded run: only 4xx or a normal
/// answer is acceptable, never a 5xx, and malformed API calls write nothing.
/// </summary>
public sealed class FuzzTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private const int CasesPerEndpoint = 14;

    [Fact]
    public async Task MalformedBodies_NeverCauseAServerError_AndMalformedApiCallsWriteNothing()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var token = await TestAccounts.AntiforgeryTokenAsync(learner, "/account/sign-in");
        var random = new Random(20261122);
        var failures = new List<string>();

        // The error page answers 500 by design; everything else must not.
        foreach (var rule in AuthorizationMatrixTests.Rules.Where(r => r.Method != "GET" && r.Learner.Status < 500))
        {
            var isApi = rule.Url.StartsWith("/api/", StringComparison.Ordinal);
            var before = isApi ? await RowCountsAsync() : null;
            for (var i = 0; i < CasesPerEndpoint; i++)
            {
                var url = rule.Url.Replace("{token}", random.Next(-5, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                if (random.Next(3) == 0)
                {
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(Junk(random, 20)) + "=" + Uri.EscapeDataString(Junk(random, 40));
                }

                using var request = new HttpRequestMessage(new HttpMethod(rule.Method), url);
                request.Headers.Add("X-CSRF-TOKEN", token);
                request.Content = isApi ? JsonBody(random) : FormBody(random, token);
                var response = await learner.SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    var body = await request.Content.ReadAsStringAsync();
                    failures.Add($"{rule.Key} case {i}: {(int)response.StatusCode} for {body[..Math.Min(body.Length, 200)]}");
                }
            }

            if (isApi && !(await RowCountsAsync()).SequenceEqual(before!))
            {
                failures.Add($"{rule.Key}: malformed calls changed the database");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static HttpContent JsonBody(Random random)
    {
        string[] shapes =
        [
            "",
            "{",
            "[]",
            "null",
            "\"text\"",
            "{\"week\":\"seven\",\"deckId\":5,\"cardId\":null,\"rating\":[]}",
            "{\"week\":7,\"deckId\":\"flashcards\",\"cardId\":\"what-is-fine-tuning\",\"rating\":\"superb\"}",
            "{\"answers\":{\"x\":{\"y\":[1,2,{\"z\":true}]}}}",
            new string('[', 2000) + new string(']', 2000),
            "{\"a\":\"" + new string('x', 200_000) + "\"}",
            Junk(random, 300),
        ];
        var body = shapes[random.Next(shapes.Length)];
        var type = random.Next(4) == 0 ? "text/plain" : "application/json";
        return new StringContent(body, Encoding.UTF8, type);
    }

    private static HttpContent FormBody(Random random, string token)
    {
        var text = new StringBuilder("__RequestVerificationToken=").Append(Uri.EscapeDataString(token));
        var count = random.Next(0, 6);
        string[] names = ["Input.Email", "Input.Password", "answer", "handle", "know", "rating", "cardId", "name", "week", "id", "term", "confirm", "password", "count", "types"];
        for (var i = 0; i < count; i++)
        {
            var value = random.Next(5) switch
            {
                0 => "%FF%FE%00",
                1 => Uri.EscapeDataString(new string('z', 70_000)),
                2 => "-1",
                3 => Uri.EscapeDataString("<script>alert(1)</script>"),
                _ => Uri.EscapeDataString(Junk(random, 30)),
            };
            text.Append('&').Append(names[random.Next(names.Length)]).Append('=').Append(value);
        }

        return new StringContent(text.ToString(), Encoding.UTF8, "application/x-www-form-urlencoded");
    }

    private static string Junk(Random random, int length)
    {
        var chars = new char[random.Next(1, length)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(1, 0xD7FF);
        }

        return new string(chars);
    }

    /// <summary>Rows per table, for every table of the model.</summary>
    private async Task<List<long>> RowCountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var counts = new List<long>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).Where(t => t is not null).Distinct().Order(StringComparer.Ordinal))
        {
            // Table names come from the model, not from input.
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts.Add(await db.Database.SqlQueryRaw<long>(sql).SingleAsync());
        }

        return counts;
    }
}
