using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

public sealed partial class QuizAttemptTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    [Fact]
    public async Task QuizPage_Anonymous_ShowsRulesAndSignInLink()
    {
        var html = await TestAccounts.NewClient(factory).GetStringAsync("/weeks/7/quiz");
        Assert.Contains("Attempts allowed", html);
        Assert.Contains("10 minutes", html);
        Assert.Contains("Your highest attempt", html);
        Assert.Contains("70%", html);
        Assert.Contains("/account/sign-in?returnUrl=%2Fweeks%2F7%2Fquiz", html);
        Assert.DoesNotContain("Start the quiz", html);
    }

    [Fact]
    public async Task PagesWithoutScript_SaveConfirmSubmit_GradeAndShowHistory()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var intro = await client.GetStringAsync("/weeks/7/timed");
        Assert.Contains("Start the quiz", intro);
        Assert.Contains("(2 left)", intro);

        var started = await TestAccounts.PostFormAsync(client, "/weeks/7/timed/attempts", [], formUrl: "/weeks/7/timed");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var attemptId = QuizClient.AttemptIdFromLocation(started);
        var attemptUrl = $"/weeks/7/timed/attempts/{attemptId}";
        var page = await client.GetStringAsync(attemptUrl);
        Assert.Contains("Which number is prime?", page);
        Assert.Contains("<details class=\"quiz-hint\">", page);
        var seven = ChoiceValue(page, "Seven");
        var (prime, sum, roman) = (QuizClient.PageQuestionId(page, "prime"), QuizClient.PageQuestionId(page, "sum"), QuizClient.PageQuestionId(page, "roman"));

        // "Save" stores the choice; the reload shows it ticked.
        var saved = await TestAccounts.PostFormAsync(client, attemptUrl + "?handler=Save", new()
        {
            ["shown"] = $"{prime},{sum},{roman}",
            ["q-" + prime] = seven,
            ["q-" + sum] = "4242",
            ["go"] = "save",
        }, formUrl: attemptUrl);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"value=\"{seven}\" checked=\"checked\"", await client.GetStringAsync(attemptUrl));

        // One question is unanswered: submitting goes to the confirmation page first.
        var submit = await TestAccounts.PostFormAsync(client, attemptUrl + "?handler=Submit", new() { ["shown"] = $"{prime},{sum},{roman}", ["q-" + prime] = seven, ["q-" + sum] = "4242" }, formUrl: attemptUrl);
        Assert.Equal($"{attemptUrl}/submit", submit.Headers.Location?.OriginalString);
        var confirm = await client.GetStringAsync($"{attemptUrl}/submit");
        Assert.Contains("What was the Roman name of Paris?", confirm);

        var done = await TestAccounts.PostFormAsync(client, $"{attemptUrl}/submit", [], formUrl: $"{attemptUrl}/submit");
        Assert.Equal($"{attemptUrl}/review", done.Headers.Location?.OriginalString);
        var review = await client.GetStringAsync($"{attemptUrl}/review");
        Assert.Contains("2 / 3 (66.7%)", review);
        Assert.Contains("<p class=\"quiz-pass\">&#x2713; Passed (pass mark 50%)</p>", review);
        Assert.Contains("SECRETEX3", review);
        Assert.Contains("Lutetia-Parisiorum", review);

        var after = await client.GetStringAsync("/weeks/7/timed");
        Assert.Contains("Grade that counts: <strong>66.7%</strong>", after);
        Assert.Contains($"/weeks/7/timed/attempts/{attemptId}/review", after);
        Assert.Contains("Start a new attempt", after);

        // Passing marks the quiz complete.
        var progress = await QuizClient.GetJsonAsync(client, "/api/v1/me/progress");
        var item = progress.GetProperty("weeks").EnumerateArray().Single(w => w.GetProperty("number").GetInt32() == 7)
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "timed");
        Assert.True(item.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task Api_SaveThenSubmit_GradesOnceAndRefusesRepeat()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "timed");
        var answers = await QuizClient.RightAnswersAsync(client, "timed", id);
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", id, answers)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", id, answers)).StatusCode);

        var first = await QuizClient.SubmitAsync(client, "timed", id);
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var review = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, review.GetProperty("attempt").GetProperty("score").GetDouble());
        Assert.True(review.GetProperty("revealed").GetBoolean());

        var again = await QuizClient.SubmitAsync(client, "timed", id);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Already submitted", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await QuizClient.SaveAsync(client, "timed", id, """{"sum":{"n":"1"}}""")).StatusCode);

        var list = await QuizClient.GetJsonAsync(client, QuizClient.Api("timed"));
        Assert.Equal(100, list.GetProperty("countingPercent").GetDouble());
        Assert.True(list.GetProperty("passed").GetBoolean());
    }

    [Theory]
    [InlineData("""{"nope":{"t":"x"}}""")]
    [InlineData("""{"prime":{"x":1}}""")]
    [InlineData("""[1,2]""")]
    public async Task Api_Save_BadAnswers_400(string body)
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "timed");
        Assert.Equal(HttpStatusCode.BadRequest, (await QuizClient.SaveAsync(client, "timed", id, body)).StatusCode);
    }

    [Fact]
    public async Task Start_BeyondLimit_Refused_PageAndApi()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        for (var i = 0; i < 2; i++)
        {
            var id = await QuizClient.StartAsync(client, "twice");
            Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(client, "twice", id)).StatusCode);
        }

        var third = await QuizClient.SendAsync(client, HttpMethod.Post, QuizClient.Api("twice"));
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("all 2 attempt(s)", await third.Content.ReadAsStringAsync());
        var page = await TestAccounts.PostFormAsync(client, "/weeks/7/twice/attempts", [], formUrl: "/weeks/7/twice");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.DoesNotContain("Start a new attempt", await client.GetStringAsync("/weeks/7/twice"));
    }

    [Fact]
    public async Task Start_WhileInProgress_ReturnsTheOpenAttempt()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "twice");
        var again = await QuizClient.SendAsync(client, HttpMethod.Post, QuizClient.Api("twice"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(id, await again.Content.ReadAsStringAsync());
        var page = await TestAccounts.PostFormAsync(client, "/weeks/7/twice/attempts", [], formUrl: "/weeks/7/twice");
        Assert.Equal(id, QuizClient.AttemptIdFromLocation(page));
    }

    [Fact]
    public async Task OneQuestionPerPage_KeepsOrderAndAnswersAcrossPages()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "twice");
        var url = $"/weeks/7/twice/attempts/{id}";
        var first = await client.GetStringAsync(url);
        Assert.Contains("Question 1 of 3", first);
        Assert.Single(QuestionFieldset().Matches(first));
        var next = await TestAccounts.PostFormAsync(client, url + "?handler=Save&q=1", new() { ["shown"] = QuizClient.PageQuestionId(first, "prime"), ["q-" + QuizClient.PageQuestionId(first, "prime")] = ChoiceValue(first, "Four"), ["go"] = "next" }, formUrl: url);
        Assert.Equal(url + "?q=2", next.Headers.Location?.OriginalString);
        Assert.Equal(QuestionIds(first), QuestionIds(await client.GetStringAsync(url)));
        Assert.Contains("Question 2 of 3", await client.GetStringAsync(url + "?q=2"));
    }

    [Fact]
    public async Task OtherLearner_GetsNotFound_EverywhereForSomeoneElsesAttempt()
    {
        var owner = await TestAccounts.RegisterAsync(factory);
        var other = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(owner, "timed");
        var page = $"/weeks/7/timed/attempts/{id}";
        foreach (var url in new[] { page, page + "/submit", page + "/review", $"{QuizClient.Api("timed")}/{id}", $"{QuizClient.Api("timed")}/{id}/review" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await QuizClient.SaveAsync(other, "timed", id, """{"sum":{"n":"1"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await QuizClient.SubmitAsync(other, "timed", id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.PostFormAsync(other, page + "?handler=Submit", new() { ["confirmed"] = "true" }, formUrl: "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.PostFormAsync(other, page + "/submit", [], formUrl: "/")).StatusCode);

        // The owner's attempt is untouched.
        var attempt = await QuizClient.GetJsonAsync(owner, $"{QuizClient.Api("timed")}/{id}");
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("attempt").GetProperty("submittedAt").ValueKind);
    }

    [Fact]
    public async Task SnapshotIsStored_AndAttemptKeepsItsRevision()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "timed");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var attempt = await db.QuizAttempts.SingleAsync(a => a.Id == id);
        var snapshot = await db.QuizSnapshots.SingleAsync(s => s.Revision == attempt.Revision);
        Assert.Contains("SECRETEX1", snapshot.Markdown);
        Assert.Equal(32, attempt.Id.Length);
    }

    private static string ChoiceValue(string html, string label)
    {
        var match = Regex.Match(html, "value=\"([0-9a-f]+)\"[^>]*>\\s*<label for=\"[^\"]+\">" + Regex.Escape(label) + "</label>");
        Assert.True(match.Success, $"choice {label} not found");
        return match.Groups[1].Value;
    }

    private static string QuestionIds(string html) => string.Join(",", Regex.Matches(html, "id=\"question-([a-z0-9-]+)\"").Select(m => m.Groups[1].Value));

    [GeneratedRegex("<fieldset class=\"quiz-question")]
    private static partial Regex QuestionFieldset();
}
