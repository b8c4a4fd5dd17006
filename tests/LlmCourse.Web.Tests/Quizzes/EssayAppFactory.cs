using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// The app with quizzes holding an essay in week 7: "essay" (answers and marks shown after each attempt, pass mark
/// 50%) and "essay-never" (marks shown, answers and feedback never). Each has a choice question worth 1 and an essay
/// worth 4, whose grader information holds SECRET-RUBRIC (never for learners).
/// </summary>
public sealed class EssayAppFactory : ClockedAppFactory
{
    public const string Essay = "Explain in your own words what LoRA trains.";

    public const string Choice = "Which number is prime?";

    public EssayAppFactory()
    {
        var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
        File.WriteAllText(Path.Combine(week, "20-essay.md"), Quiz("essay", "pass-mark: 50"));
        File.WriteAllText(Path.Combine(week, "21-essay-never.md"), Quiz("essay-never", "pass-mark: 50\nreveal: never"));
    }

    public static string Quiz(string id, string settings) => $"""
        ---
        kind: quiz
        id: {id}
        title: "Essay quiz {id}"
        {settings}
        ---
        ## {Choice} {"{#prime}"}

        - [ ] Four
        - [x] Seven

        ## {Essay} {"{#explain-lora type=essay points=4}"}

        Two or three sentences are enough.

        ### Grader information

        SECRET-RUBRIC: full marks for "low-rank adapters" and "frozen base weights".

        ### Explanation

        LoRA trains small low-rank adapter matrices while the base weights stay frozen.
        """;

    public static string Api(string quizId) => $"/api/v1/weeks/7/quizzes/{quizId}/attempts";

    public static string Grading(string quizId) => $"/instructor/quizzes/7/{quizId}/grading";

    /// <summary>Starts an attempt, answers the choice (Seven or Four) and the essay (blank to leave it), hands it in; returns the attempt id and the review.</summary>
    public static async Task<(string AttemptId, JsonElement Review)> TakeAsync(HttpClient learner, string quizId, string pick, string essay)
    {
        var started = await QuizClient.SendAsync(learner, HttpMethod.Post, Api(quizId));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = attempt.GetProperty("attempt").GetProperty("id").GetString()!;
        var prime = QuestionId(attempt, Choice);
        var pickId = attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetString() == prime)
            .GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("text").GetString() == pick).GetProperty("id").GetString();
        var answers = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            [prime] = new { c = new[] { pickId } },
            [QuestionId(attempt, Essay)] = new { t = essay },
        });
        var submitted = await QuizClient.SendAsync(learner, HttpMethod.Post, $"{Api(quizId)}/{id}/submission", answers);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        return (id, await submitted.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static string QuestionId(JsonElement attempt, string title) =>
        attempt.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("title").GetString() == title).GetProperty("id").GetString()!;

    public static JsonElement Question(JsonElement review, string title) =>
        review.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("title").GetString() == title);

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var db = Database.OpenContext();
        return await read(db);
    }

    public Task<int> GradeRowsAsync(string attemptId) => WithDbAsync(db => db.QuizManualGrades.CountAsync(g => g.AttemptId == attemptId));

    public Task<QuizAttempt> AttemptAsync(string attemptId) => WithDbAsync(db => db.QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId));
}
