using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Deployment;

/// <summary>Two instances behind nginx on one PostgreSQL database, with no sticky sessions.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task LearnerThroughTheBalancer_IsServedByBothInstances_AndLosesNothingWhenOneDies()
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(cluster.BalancerUrl),
        };
        await TestAccounts.RegisterAsync(client);
        for (var slide = 1; slide <= 6; slide++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
        }

        var log = await File.ReadAllTextAsync(cluster.AccessLog);
        foreach (var instance in cluster.Instances)
        {
            Assert.Contains($"127.0.0.1:{instance.Port}", log);
        }

        // A state-changing API call with the cookie and antiforgery token issued by whichever instance answered.
        var token = await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard");
        for (var i = 0; i < 2; i++)
        {
            using var complete = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/progress/weeks/2/items/class-notes/completion");
            complete.Headers.Add("X-CSRF-TOKEN", token);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(complete)).StatusCode);
        }

        cluster.Instances[0].Kill();
        try
        {
            for (var slide = 7; slide <= 9; slide++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
            }

            Assert.Equal("/weeks/7/lecture/slides/9", (await client.GetAsync("/weeks/7/lecture")).Headers.Location?.OriginalString);
            var dashboard = await client.GetStringAsync("/dashboard");
            Assert.Contains("data-week=\"2\" data-done=\"1\"", dashboard);
        }
        finally
        {
            cluster.Instances[0].Start();
            await cluster.Instances[0].WaitReadyAsync();
        }

        // The restarted instance reads the same key ring and data: the cookie still works there, asked directly.
        using var direct = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(cluster.Instances[0].Url) };
        var resumed = await direct.GetAsync("/weeks/7/lecture");
        Assert.Equal("/weeks/7/lecture/slides/9", resumed.Headers.Location?.OriginalString);
    }

    /// <summary>
    /// Issue 21 on the real topology: each instance keeps session rows and dashboard copies, yet whichever instance
    /// nginx picks shows the learner's own last write on the very next request, and a sign-out on one instance is
    /// refused by the other within a second.
    /// </summary>
    [Fact]
    public async Task EitherInstance_ShowsTheLearnersLastWrite_OnTheNextRequest_AndRefusesASignOutWithinASecond()
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(cluster.BalancerUrl),
        };
        await TestAccounts.RegisterAsync(client);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        }

        // Three requests a round, so with round robin each instance takes the write in turn and both read after it.
        for (var slide = 2; slide <= 9; slide++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
            for (var read = 0; read < 2; read++)
            {
                var dashboard = await client.GetStringAsync("/dashboard");
                Assert.Contains($"href=\"/weeks/7/lecture/slides/{slide}\" data-continue", dashboard);
            }
        }

        var log = await File.ReadAllTextAsync(cluster.AccessLog);
        Assert.All(cluster.Instances, instance => Assert.Contains($"127.0.0.1:{instance.Port}", log));

        var cookie = Accounts.SessionTests.AuthCookie(jar);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(client, "/account/sign-out", [], formUrl: "/dashboard")).StatusCode);
        foreach (var instance in cluster.Instances)
        {
            await Eventually.TrueAsync(() => RefusedAsync(instance, cookie), $"the instance on port {instance.Port} refuses the ended session");
        }
    }

    private static async Task<bool> RefusedAsync(SiteProcess instance, string authCookie)
    {
        using var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(instance.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"llmcourse.auth={authCookie}");
        using var response = await direct.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.PathAndQuery.StartsWith("/account/sign-in", StringComparison.Ordinal) == true;
    }

    [Fact]
    public async Task QuizStartedOnOneInstance_IsFinishedOnTheOther_AfterTheFirstDies_WithEveryAnswerKept()
    {
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(cluster.BalancerUrl) };
        await TestAccounts.RegisterAsync(browser);
        var created = await TestAccounts.PostFormAsync(browser, "/account?handler=CreateToken", new() { ["name"] = "cluster" }, formUrl: "/account");
        var token = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "id=\"new-token\" readonly value=\"(llmc_[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("llmc_", token);

        HttpClient Direct(SiteProcess site)
        {
            var client = new HttpClient { BaseAddress = new Uri(site.Url) };
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            return client;
        }

        const string Api = "/api/v1/weeks/7/quizzes/quiz/attempts";
        using var first = Direct(cluster.Instances[0]);
        using var second = Direct(cluster.Instances[1]);
        var started = await first.PostAsync(Api, null);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var attemptId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attempt").GetProperty("id").GetString();
        var attempt = await first.GetFromJsonAsync<JsonElement>($"{Api}/{attemptId}");
        var questions = attempt.GetProperty("questions").EnumerateArray().ToList();
        var half = questions.Count / 2;

        foreach (var question in questions.Take(half))
        {
            var saved = await first.PutAsync($"{Api}/{attemptId}/answers", Json(Answer(question)));
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        cluster.Instances[0].Kill();
        try
        {
            var resumed = await second.GetFromJsonAsync<JsonElement>($"{Api}/{attemptId}");
            foreach (var question in questions.Take(half))
            {
                Assert.True(resumed.GetProperty("answers").TryGetProperty(question.GetProperty("id").GetString()!, out _), "an answer saved on the first instance is missing");
            }

            foreach (var question in questions.Skip(half))
            {
                Assert.Equal(HttpStatusCode.NoContent, (await second.PutAsync($"{Api}/{attemptId}/answers", Json(Answer(question)))).StatusCode);
            }

            var submitted = await second.PostAsync($"{Api}/{attemptId}/submission", null);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            var review = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            Assert.All(review.GetProperty("questions").EnumerateArray(), q => Assert.NotEqual(JsonValueKind.Null, q.GetProperty("response").ValueKind));
        }
        finally
        {
            cluster.Instances[0].Start();
            await cluster.Instances[0].WaitReadyAsync();
        }
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>Some answer of the right shape for a question from the learner's view of an attempt.</summary>
    private static string Answer(JsonElement question)
    {
        var id = question.GetProperty("id").GetString()!;
        string Ids(string list) => string.Join(",", question.GetProperty(list).EnumerateArray().Select(o => $"\"{o.GetProperty("id").GetString()}\""));
        string First(string list) => question.GetProperty(list).EnumerateArray().First().GetProperty("id").GetString()!;
        var value = question.GetProperty("type").GetString() switch
        {
            "single" or "multiple" or "truefalse" => $"{{\"c\":[\"{First("choices")}\"]}}",
            "short" => "{\"t\":\"an answer\"}",
            "numeric" => "{\"n\":\"50\"}",
            "matching" => "{\"m\":{" + string.Join(",", question.GetProperty("matchLefts").EnumerateArray().Zip(question.GetProperty("matchOptions").EnumerateArray(),
                (l, r) => $"\"{l.GetProperty("id").GetString()}\":\"{r.GetProperty("id").GetString()}\"")) + "}}",
            "ordering" => $"{{\"o\":[{Ids("orderingItems")}]}}",
            var other => throw new InvalidOperationException($"unknown question type {other}"),
        };
        return $"{{\"{id}\":{value}}}";
    }
}
