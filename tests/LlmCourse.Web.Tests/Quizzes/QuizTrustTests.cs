using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Issue 13 ("Trust the quiz"), findings 2 to 7 and the quiz points after them: completion only from a grade,
/// bounded answers, unreadable submissions, opaque question ids, marks held back, and no-store.
/// </summary>
public sealed partial class QuizTrustTests : IClassFixture<QuizAppFactory>
{
    private readonly QuizAppFactory _factory;

    // Only ShowMarksAfterClose moves the clock (past the close date, which no other test here depends on).
    public QuizTrustTests(QuizAppFactory factory) => _factory = factory;

    // Finding 2: a learner cannot mark a quiz complete without passing it.

    [Fact]
    public async Task MarkComplete_QuizByHand_IsRefusedAndRecordsNothing()
    {
        var email = $"complete-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(_factory, email);

        var api = await QuizClient.SendAsync(client, HttpMethod.Put, "/api/v1/me/progress/weeks/7/items/timed/completion");
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var page = await TestAccounts.PostFormAsync(client, "/weeks/7/timed?handler=Complete", [], formUrl: "/weeks/7/timed");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("cannot be marked complete by hand", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.False(await CompletedAsync(client, "timed"));
        Assert.Equal(0, await CompletionRowsAsync(email));
        Assert.Equal("0", await GradebookItemsCompletedAsync(email));

        // Notes and lectures are still marked complete by hand.
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SendAsync(client, HttpMethod.Put, "/api/v1/me/progress/weeks/7/items/lecture/completion")).StatusCode);
        Assert.True(await CompletedAsync(client, "lecture"));
    }

    [Fact]
    public async Task MarkComplete_QuizMarkedByHandBeforeTheFix_DoesNotCount()
    {
        var email = $"old-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(_factory, email);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.ItemCompletions.Add(new ItemCompletion { UserId = userId, WeekNumber = 7, ItemId = "timed", CompletedAt = DateTime.UtcNow, Source = CompletionRules.ByHand });
            await db.SaveChangesAsync();
        }

        Assert.False(await CompletedAsync(client, "timed"));
        Assert.Equal("0", await GradebookItemsCompletedAsync(email));
    }

    [Fact]
    public async Task Completion_Quiz_ComesOnlyFromAPassingGrade()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var first = await QuizClient.StartAsync(client, "twice");
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(client, "twice", first, """{"sum":{"n":"1"}}""")).StatusCode);
        Assert.False(await CompletedAsync(client, "twice"));

        var second = await QuizClient.StartAsync(client, "twice");
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(client, "twice", second, await QuizClient.RightAnswersAsync(client, "twice", second))).StatusCode);
        Assert.True(await CompletedAsync(client, "twice"));
    }

    // Finding 3: saved answers are checked against their question.

    [Theory]
    [InlineData("timed", "roman", "text of 5,000,000 characters")]
    [InlineData("timed", "roman", "text of 501 characters")]
    [InlineData("timed", "prime", "20,000 unknown choice ids")]
    [InlineData("timed", "prime", "two picks on a single choice")]
    [InlineData("timed", "prime", "the same pick twice")]
    [InlineData("timed", "prime", "text for a choice question")]
    [InlineData("timed", "sum", "number of 101 characters")]
    [InlineData("quiz", "Match each sampling parameter to its effect", "unknown matching items")]
    [InlineData("quiz", "Put the steps of supervised learning in order", "two of five positions")]
    public async Task SaveAnswers_OutOfBounds_Is400NamingTheQuestion_AndStoresNothing(string quizId, string question, string bad)
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, quizId);
        var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api(quizId)}/{attemptId}");
        var title = QuizClient.Titles.GetValueOrDefault(question, question);
        var questionId = attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;
        string Choice(string text) => QuizClient.ChoiceId(attempt, "prime", text);
        var answer = bad switch
        {
            "text of 5,000,000 characters" => $$"""{"t":"{{new string('a', 5_000_000)}}"}""",
            "text of 501 characters" => $$"""{"t":"{{new string('a', 501)}}"}""",
            "20,000 unknown choice ids" => $$"""{"c":[{{string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"x{i:x8}\""))}}]}""",
            "two picks on a single choice" => $$"""{"c":["{{Choice("Seven")}}","{{Choice("Four")}}"]}""",
            "the same pick twice" => $$"""{"c":["{{Choice("Seven")}}","{{Choice("Seven")}}"]}""",
            "text for a choice question" => """{"t":"Seven"}""",
            "number of 101 characters" => $$"""{"n":"{{new string('4', 101)}}"}""",
            "unknown matching items" => """{"m":{"made-up":"also-made-up"}}""",
            _ => """{"o":["a","b"]}""",
        };

        // One good answer next to the bad one: nothing of the request is stored.
        var other = attempt.GetProperty("questions").EnumerateArray().First(q => q.GetProperty("id").GetString() != questionId && q.GetProperty("type").GetString() is "short" or "numeric");
        var good = $$$"""{"{{{other.GetProperty("id").GetString()}}}":{"{{{(other.GetProperty("type").GetString() == "short" ? "t" : "n")}}}":"42"}}""";
        var response = await QuizClient.SendAsync(client, HttpMethod.Put, $"{QuizClient.Api(quizId)}/{attemptId}/answers", good[..^1] + $",\"{questionId}\":{answer}}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(questionId, problem.GetProperty("question").GetString());
        Assert.Contains(questionId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("detail").GetString()!.Length < 400, "the problem does not echo the answer");
        Assert.Equal("{}", (await QuizClient.GetJsonAsync(client, $"{QuizClient.Api(quizId)}/{attemptId}")).GetProperty("answers").GetRawText());
        Assert.Equal(0, await AnswerRowsAsync(attemptId));
    }

    [Theory]
    [InlineData("\\ud800x")]
    [InlineData("x\\udc00")]
    public async Task SaveAnswers_LoneSurrogate_Is400(string escaped)
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "timed");
        var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("timed")}/{attemptId}");

        var response = await QuizClient.SendAsync(client, HttpMethod.Put, $"{QuizClient.Api("timed")}/{attemptId}/answers", $$$"""{"{{{QuizClient.QuestionId(attempt, "roman")}}}":{"t":"{{{escaped}}}"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await AnswerRowsAsync(attemptId));
    }

    [Fact]
    public async Task FormSave_OutOfBounds_IsRefusedAndStoresNothing()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "timed");
        var url = $"/weeks/7/timed/attempts/{attemptId}";
        var page = await client.GetStringAsync(url);
        var (sum, roman) = (QuizClient.PageQuestionId(page, "sum"), QuizClient.PageQuestionId(page, "roman"));

        var response = await TestAccounts.PostFormAsync(client, url + "?handler=Save", new()
        {
            ["shown"] = $"{sum},{roman}",
            ["q-" + sum] = "4242",
            ["q-" + roman] = new string('a', 600),
            ["go"] = "save",
        }, formUrl: url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not saved", html, StringComparison.Ordinal);
        Assert.Contains("500", html, StringComparison.Ordinal);
        Assert.Equal(0, await AnswerRowsAsync(attemptId));
    }

    // Finding 4: a submission whose body cannot be read grades nothing.

    [Theory]
    [InlineData("application/json", HttpStatusCode.BadRequest)]   // truncated JSON
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)] // JSON, but not said to be
    public async Task Submit_UnreadableBody_IsRefusedAndAttemptStaysOpen(string contentType, HttpStatusCode expected)
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "timed");
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", attemptId, """{"sum":{"n":"1"}}""")).StatusCode);
        var right = await QuizClient.RightAnswersAsync(client, "timed", attemptId);
        var body = contentType == "application/json" ? right[..(right.Length / 2)] : right;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{QuizClient.Api("timed")}/{attemptId}/submission")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("X-CSRF-TOKEN", await TestAccounts.AntiforgeryTokenAsync(client, "/"));
        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("timed")}/{attemptId}");
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("attempt").GetProperty("submittedAt").ValueKind);
        Assert.Equal(QuizClient.WithIds(attempt, """{"sum":{"n":"1"}}"""), attempt.GetProperty("answers").GetRawText());

        // The learner resends properly and the final answers count.
        var submitted = await QuizClient.SubmitAsync(client, "timed", attemptId, right);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(3, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attempt").GetProperty("score").GetDouble());
    }

    // Question ids: learners get opaque ids, and the publish check flags an id that holds its answer.

    [Fact]
    public async Task QuestionIds_SentToLearners_AreOpaqueStableAndWorkForSaving()
    {
        var quiz = (Quiz)_factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(7)!.FindItem("quiz")!;
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "quiz");
        var url = $"{QuizClient.Api("quiz")}/{attemptId}";
        var json = await client.GetStringAsync(url);
        var page = await client.GetStringAsync($"/weeks/7/quiz/attempts/{attemptId}");

        var ids = JsonDocument.Parse(json).RootElement.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetString()!).ToList();
        Assert.Equal(quiz.Questions.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(OpaqueId(), id));
        foreach (var authored in quiz.Questions.Select(q => q.Id))
        {
            Assert.DoesNotContain($"\"{authored}\"", json, StringComparison.Ordinal);
            foreach (var token in new[] { $"data-question=\"{authored}\"", $"name=\"q-{authored}", $"id=\"question-{authored}\"", $"\"{authored}\"" })
            {
                Assert.DoesNotContain(token, page, StringComparison.Ordinal);
            }
        }

        // The same ids on every request (autosave keeps working), and answers keyed by them are stored.
        Assert.Equal(ids, (await QuizClient.GetJsonAsync(client, url)).GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetString()!));
        var shortId = JsonDocument.Parse(json).RootElement.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("type").GetString() == "short").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SendAsync(client, HttpMethod.Put, $"{url}/answers", $$$"""{"{{{shortId}}}":{"t":"few-shot learning"}}""")).StatusCode);
        Assert.Contains("value=\"few-shot learning\"", await client.GetStringAsync($"/weeks/7/quiz/attempts/{attemptId}"), StringComparison.Ordinal);

        // The authored id is not accepted in place of the opaque one.
        var authoredShort = quiz.Questions.Single(q => q.Type == QuestionType.ShortText).Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await QuizClient.SendAsync(client, HttpMethod.Put, $"{url}/answers", $$$"""{"{{{authoredShort}}}":{"t":"x"}}""")).StatusCode);
    }

    [Fact]
    public async Task PublishCheck_QuestionIdHoldingItsAnswer_WarnsOnTheWeekPage()
    {
        var instructor = await TestAccounts.InstructorAsync(_factory);

        var html = await instructor.GetStringAsync("/instructor/weeks/7");

        Assert.Contains("Warnings (publishing is not blocked)", html, StringComparison.Ordinal);
        var warning = Regex.Match(html, "<tr class=\"publish-warning\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("14-leaky-id.md", warning, StringComparison.Ordinal);
        Assert.Contains("few-shot", warning, StringComparison.Ordinal);
        Assert.Contains("Few-shot", warning, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "class=\"publish-warning\""));
    }

    // Marks: show-marks holds back scores as well as answers.

    [Fact]
    public async Task ShowMarksNever_UnlimitedAttempts_HoldsBackScoresInPagesAndApi()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "hidden");
        var submitted = await QuizClient.SubmitAsync(client, "hidden", attemptId, await QuizClient.RightAnswersAsync(client, "hidden", attemptId));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var surfaces = new Dictionary<string, JsonElement>
        {
            ["submission"] = await submitted.Content.ReadFromJsonAsync<JsonElement>(),
            ["review API"] = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("hidden")}/{attemptId}/review"),
            ["attempt API"] = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("hidden")}/{attemptId}"),
        };
        foreach (var (where, json) in surfaces)
        {
            var summary = json.GetProperty("attempt");
            Assert.True(summary.GetProperty("score").ValueKind == JsonValueKind.Null, $"{where} shows the score");
            Assert.True(summary.GetProperty("passed").ValueKind == JsonValueKind.Null, $"{where} shows pass/fail");
            Assert.NotNull(summary.GetProperty("submittedAt").GetString());
        }

        var review = surfaces["review API"];
        Assert.False(review.GetProperty("marksShown").GetBoolean());
        Assert.All(review.GetProperty("questions").EnumerateArray(), q => Assert.Equal(JsonValueKind.Null, q.GetProperty("mark").ValueKind));
        var list = await QuizClient.GetJsonAsync(client, QuizClient.Api("hidden"));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("countingPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, list.GetProperty("passed").ValueKind);
        Assert.False(list.GetProperty("marksShown").GetBoolean());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("attempts")[0].GetProperty("score").ValueKind);

        foreach (var url in new[] { $"/weeks/7/hidden/attempts/{attemptId}/review", "/weeks/7/hidden" })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("3 / 3", html, StringComparison.Ordinal);
            Assert.DoesNotContain("100%", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Passed", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Grade that counts: <strong>", html, StringComparison.Ordinal);
            Assert.Contains("This quiz does not show marks", html, StringComparison.Ordinal);
        }

        // Handing in completes a quiz that shows no marks (waiting for the pass mark would tell it).
        Assert.True(await CompletedAsync(client, "hidden"));

        // Another attempt is allowed and just as quiet.
        var again = await QuizClient.StartAsync(client, "hidden");
        var second = await QuizClient.SubmitAsync(client, "hidden", again, """{"sum":{"n":"1"}}""");
        Assert.Equal(JsonValueKind.Null, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attempt").GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task ShowMarksAfterClose_ShowsMarksOnceTheQuizCloses()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "marks-later");
        await QuizClient.SubmitAsync(client, "marks-later", attemptId, await QuizClient.RightAnswersAsync(client, "marks-later", attemptId));
        var reviewUrl = $"/weeks/7/marks-later/attempts/{attemptId}/review";

        var before = await client.GetStringAsync(reviewUrl);
        Assert.DoesNotContain("3 / 3", before, StringComparison.Ordinal);
        Assert.Contains("Your mark is shown after the quiz closes", before, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await QuizClient.GetJsonAsync(client, QuizClient.Api("marks-later"))).GetProperty("countingPercent").ValueKind);

        _factory.Clock.SetUtcNow(QuizAppFactory.WindowCloses + TimeSpan.FromSeconds(1));
        Assert.Contains("3 / 3 (100%)", await client.GetStringAsync(reviewUrl), StringComparison.Ordinal);
        var list = await QuizClient.GetJsonAsync(client, QuizClient.Api("marks-later"));
        Assert.Equal(100, list.GetProperty("countingPercent").GetDouble());
        Assert.Equal(3, list.GetProperty("attempts")[0].GetProperty("score").GetDouble());
    }

    // No-store: attempt and review pages, and the quiz API, are one learner's.

    [Fact]
    public async Task AttemptAndReviewPages_AndQuizApi_SendNoStore()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var attemptId = await QuizClient.StartAsync(client, "timed");
        var page = $"/weeks/7/timed/attempts/{attemptId}";
        var api = $"{QuizClient.Api("timed")}/{attemptId}";
        var before = new[] { page, page + "/submit", api, QuizClient.Api("timed"), "/weeks/7/timed" };
        var responses = new List<(string Url, HttpResponseMessage Response)>();
        foreach (var url in before)
        {
            responses.Add((url, await client.GetAsync(url)));
        }

        var submitted = await QuizClient.SubmitAsync(client, "timed", attemptId);
        responses.Add(("POST submission", submitted));
        foreach (var url in new[] { page + "/review", api + "/review" })
        {
            responses.Add((url, await client.GetAsync(url)));
        }

        foreach (var (url, response) in responses)
        {
            Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
        }
    }

    private static async Task<bool> CompletedAsync(HttpClient client, string itemId)
    {
        var progress = await QuizClient.GetJsonAsync(client, "/api/v1/me/progress");
        return progress.GetProperty("weeks").EnumerateArray().Single(w => w.GetProperty("number").GetInt32() == 7)
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == itemId).GetProperty("completed").GetBoolean();
    }

    private async Task<int> CompletionRowsAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.ItemCompletions.CountAsync(c => c.UserId == userId);
    }

    private async Task<int> AnswerRowsAsync(string attemptId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizAnswers.CountAsync(a => a.AttemptId == attemptId);
    }

    /// <summary>The learner's "items completed" in the instructor's gradebook CSV.</summary>
    private async Task<string> GradebookItemsCompletedAsync(string email)
    {
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var csv = await instructor.GetStringAsync("/instructor/gradebook?week=7&csv=true");
        var lines = csv.Split("\r\n");
        var column = Array.IndexOf(lines[0].Split(','), "items_completed"); // by name: the CSV gains columns over time
        Assert.True(column >= 0, lines[0]);
        return lines.Single(l => l.StartsWith(email, StringComparison.Ordinal)).Split(',')[column];
    }

    [GeneratedRegex("^q[0-9a-f]{12}$")]
    private static partial Regex OpaqueId();
}
