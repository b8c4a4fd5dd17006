using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Calls the quiz API as a signed-in learner would from the site's pages (cookie + X-CSRF-TOKEN). Tests write
/// answers keyed by the test questions' authored ids (prime, sum, roman); the API names questions by opaque
/// ids, so <see cref="SaveAsync"/> and <see cref="SubmitAsync"/> swap in the ones the attempt was given.
/// </summary>
public static partial class QuizClient
{
    /// <summary>The test quizzes' questions (<see cref="QuizAppFactory.Quiz"/>) by authored id, with their titles.</summary>
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>
    {
        ["prime"] = "Which number is prime?",
        ["sum"] = "What is forty-two hundred plus forty-two?",
        ["roman"] = "What was the Roman name of Paris?",
    };

    public static string Api(string quizId) => $"/api/v1/weeks/{QuizAppFactory.Week}/quizzes/{quizId}/attempts";

    /// <summary>The id the API gave the test question authored as <paramref name="key"/> in this attempt.</summary>
    public static string QuestionId(JsonElement attempt, string key) =>
        attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("title").GetString() == Titles[key]).GetProperty("id").GetString()!;

    /// <summary><paramref name="json"/> with the authored question ids used as keys replaced by this attempt's ids.</summary>
    public static string WithIds(JsonElement attempt, string json) =>
        AuthoredKey().Replace(json, m => $"\"{QuestionId(attempt, m.Groups[1].Value)}\":");

    /// <summary>The id the attempt page gave the test question authored as <paramref name="key"/> (from its fieldset).</summary>
    public static string PageQuestionId(string html, string key)
    {
        var fieldset = html.Split("<fieldset").Single(f => f.Contains(WebUtility.HtmlEncode(Titles[key]), StringComparison.Ordinal) || f.Contains(Titles[key], StringComparison.Ordinal));
        return Regex.Match(fieldset, "data-question=\"([^\"]+)\"").Groups[1].Value;
    }

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

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string quizId, string attemptId, string answersJson) =>
        await SendAsync(client, HttpMethod.Put, $"{Api(quizId)}/{attemptId}/answers", await KeyedAsync(client, quizId, attemptId, answersJson));

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string quizId, string attemptId, string? answersJson = null) =>
        await SendAsync(client, HttpMethod.Post, $"{Api(quizId)}/{attemptId}/submission", answersJson is null ? null : await KeyedAsync(client, quizId, attemptId, answersJson));

    /// <summary>The answers with this attempt's question ids, or as given when the attempt cannot be read (someone else's).</summary>
    private static async Task<string> KeyedAsync(HttpClient client, string quizId, string attemptId, string json)
    {
        if (!AuthoredKey().IsMatch(json))
        {
            return json;
        }

        var response = await client.GetAsync($"{Api(quizId)}/{attemptId}");
        return response.IsSuccessStatusCode ? WithIds(await response.Content.ReadFromJsonAsync<JsonElement>(), json) : json;
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The choice id of the option labelled <paramref name="text"/> of a test question (by authored id) in an attempt from the API.</summary>
    public static string ChoiceId(JsonElement attempt, string key, string text) =>
        attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == QuestionId(attempt, key))
            .GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("text").GetString() == text)
            .GetProperty("id").GetString()!;

    /// <summary>All three test questions answered right, keyed by this attempt's question ids.</summary>
    public static async Task<string> RightAnswersAsync(HttpClient client, string quizId, string attemptId)
    {
        var attempt = await GetJsonAsync(client, $"{Api(quizId)}/{attemptId}");
        return WithIds(attempt, $$$"""{"prime":{"c":["{{{ChoiceId(attempt, "prime", "Seven")}}}"]},"sum":{"n":"4242"},"roman":{"t":"lutetia-parisiorum"}}""");
    }

    public static string AttemptIdFromLocation(HttpResponseMessage response) =>
        AttemptPath().Match(response.Headers.Location?.OriginalString ?? "").Groups[1].Value;

    [GeneratedRegex("/attempts/([0-9a-f]{32})")]
    private static partial Regex AttemptPath();

    [GeneratedRegex("\"(prime|sum|roman)\":")]
    private static partial Regex AuthoredKey();
}
