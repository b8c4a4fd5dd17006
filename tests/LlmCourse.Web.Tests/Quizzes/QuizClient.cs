using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>Calls the quiz API as a signed-in learner would from the site's pages (cookie + X-CSRF-TOKEN).</summary>
public static partial class QuizClient
{
    public static string Api(string quizId) => $"/api/v1/weeks/{QuizAppFactory.Week}/quizzes/{quizId}/attempts";

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-CSRF-TOKEN", await TestAccounts.AntiforgeryTokenAsync(client, "/"));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Starts an attempt and returns its id.</summary>
    public static async Task<string> StartAsync(HttpClient client, string quizId)
    {
        var response = await SendAsync(client, HttpMethod.Post, Api(quizId));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("attempt").GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> SaveAsync(HttpClient client, string quizId, string attemptId, string answersJson) =>
        SendAsync(client, HttpMethod.Put, $"{Api(quizId)}/{attemptId}/answers", answersJson);

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string quizId, string attemptId, string? answersJson = null) =>
        SendAsync(client, HttpMethod.Post, $"{Api(quizId)}/{attemptId}/submission", answersJson);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The choice id of the option labelled <paramref name="text"/> in an attempt from the API.</summary>
    public static string ChoiceId(JsonElement attempt, string questionId, string text) =>
        attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == questionId)
            .GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("text").GetString() == text)
            .GetProperty("id").GetString()!;

    /// <summary>All three test questions answered right.</summary>
    public static async Task<string> RightAnswersAsync(HttpClient client, string quizId, string attemptId)
    {
        var attempt = await GetJsonAsync(client, $"{Api(quizId)}/{attemptId}");
        return $$$"""{"prime":{"c":["{{{ChoiceId(attempt, "prime", "Seven")}}}"]},"sum":{"n":"4242"},"roman":{"t":"lutetia-parisiorum"}}""";
    }

    public static string AttemptIdFromLocation(HttpResponseMessage response) =>
        AttemptPath().Match(response.Headers.Location?.OriginalString ?? "").Groups[1].Value;

    [GeneratedRegex("/attempts/([0-9a-f]{32})")]
    private static partial Regex AttemptPath();
}
