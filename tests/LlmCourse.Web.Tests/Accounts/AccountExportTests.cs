using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Quizzes;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// Issue 13's point on exports, left over: "download my data" holds what the learner may see elsewhere and
/// nothing more: no authored question ids (one spells its answer), no answer keys, no other learner's data,
/// and no marks of a quiz that holds marks back.
/// </summary>
public sealed partial class AccountExportTests : IClassFixture<QuizAppFactory>
{
    private readonly QuizAppFactory _factory;

    public AccountExportTests(QuizAppFactory factory) => _factory = factory;

    [Fact]
    public async Task Export_QuizAttempts_HoldNoAuthoredIdsAnswerKeysOthersDataOrHiddenMarks()
    {
        var other = await TestAccounts.RegisterAsync(_factory);
        var othersAttempt = await QuizClient.StartAsync(other, "timed");
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(other, "timed", othersAttempt, """{"roman":{"t":"OTHERLEARNERTEXT"}}""")).StatusCode);

        var client = await TestAccounts.RegisterAsync(_factory);
        var leaky = await QuizClient.StartAsync(client, "leaky-id");
        var leakyAttempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("leaky-id")}/{leaky}");
        var leakyId = leakyAttempt.GetProperty("questions")[0].GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SendAsync(client, HttpMethod.Put, $"{QuizClient.Api("leaky-id")}/{leaky}/answers", $$$"""{"{{{leakyId}}}":{"t":"zero-shot"}}""")).StatusCode);
        foreach (var quiz in new[] { "timed", "hidden", "marks-later" })
        {
            var attempt = await QuizClient.StartAsync(client, quiz);
            Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(client, quiz, attempt, await QuizClient.RightAnswersAsync(client, quiz, attempt))).StatusCode);
        }

        var (text, attempts) = await ExportAsync(client);

        // Question ids as the attempts showed them: the authored ones never appear.
        var questions = attempts.Values.SelectMany(a => a.GetProperty("answers").EnumerateArray()).Select(a => a.GetProperty("question").GetString()!).ToList();
        Assert.Equal(1 + (3 * 3), questions.Count);
        Assert.All(questions, id => Assert.Matches(OpaqueId(), id));
        Assert.Equal(leakyId, Assert.Single(attempts["leaky-id"].GetProperty("answers").EnumerateArray()).GetProperty("question").GetString());
        Assert.Contains("zero-shot", text, StringComparison.Ordinal);
        foreach (var word in new[] { "few-shot", "Few-shot", "\"prime\"", "\"sum\"", "\"roman\"", "SECRET", "OTHERLEARNERTEXT", "markdown\"", "marksJson" })
        {
            Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        }

        // Marks: shown where the quiz shows them, held back where it does not.
        Assert.Equal(3, attempts["timed"].GetProperty("score").GetDouble());
        Assert.True(attempts["timed"].GetProperty("passed").GetBoolean());
        foreach (var quiz in new[] { "hidden", "marks-later" })
        {
            Assert.Equal(JsonValueKind.Null, attempts[quiz].GetProperty("score").ValueKind);
            Assert.Equal(JsonValueKind.Null, attempts[quiz].GetProperty("passed").ValueKind);
            Assert.Equal(3, attempts[quiz].GetProperty("maxScore").GetDouble());
        }

        // Once 'marks-later' closes its marks are the learner's to see, in the export too; 'hidden' never.
        _factory.Clock.SetUtcNow(QuizAppFactory.WindowCloses + TimeSpan.FromSeconds(1));
        (_, attempts) = await ExportAsync(client);
        Assert.Equal(3, attempts["marks-later"].GetProperty("score").GetDouble());
        Assert.Equal(JsonValueKind.Null, attempts["hidden"].GetProperty("score").ValueKind);
    }

    private static async Task<(string Text, Dictionary<string, JsonElement> Attempts)> ExportAsync(HttpClient client)
    {
        var response = await client.GetAsync("/account/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var attempts = JsonDocument.Parse(text).RootElement.GetProperty("quizAttempts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("quiz").GetString()!, a => a.Clone());
        return (text, attempts);
    }

    [GeneratedRegex("^q[0-9a-f]{12}$")]
    private static partial Regex OpaqueId();
}
