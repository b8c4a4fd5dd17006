using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// The essay flow end to end, on the suite's database (SQLite, or PostgreSQL with LLMCOURSE_TEST_PROVIDER=Postgres):
/// an attempt with an answered essay waits in "needs grading" with no score; the gradebook and statistics leave it
/// out; an instructor grades it (learners cannot, bad marks store nothing); then the learner sees the mark and the
/// comment as the reveal rules allow, the quiz completes, and a regrade keeps the mark.
/// </summary>
public sealed class EssayGradingTests(EssayAppFactory factory) : IClassFixture<EssayAppFactory>
{
    private const string Answer = "LoRA trains small low-rank adapters; the base weights stay frozen.\nThat is all.";

    [Fact]
    public async Task EssayFlow_NeedsGradingThenGraded_ScoreMarkCommentCompletionAndRegrade()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var (attemptId, review) = await EssayAppFactory.TakeAsync(learner, "essay", "Seven", Answer);

        // Handed in: the score is pending and says so, for the attempt and the essay.
        var summary = review.GetProperty("attempt");
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("passed").ValueKind);
        Assert.True(summary.GetProperty("needsGrading").GetBoolean());
        Assert.Equal("needs-grading", summary.GetProperty("state").GetString());
        var essay = EssayAppFactory.Question(review, EssayAppFactory.Essay);
        Assert.True(essay.GetProperty("needsGrading").GetBoolean());
        Assert.Equal(JsonValueKind.Null, essay.GetProperty("mark").ValueKind);
        Assert.Equal("essay", essay.GetProperty("type").GetString());
        Assert.Equal(1, EssayAppFactory.Question(review, EssayAppFactory.Choice).GetProperty("mark").GetDouble());
        Assert.DoesNotContain("SECRET-RUBRIC", review.GetRawText(), StringComparison.Ordinal);

        var list = await QuizClient.GetJsonAsync(learner, EssayAppFactory.Api("essay"));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("countingPercent").ValueKind);
        Assert.True(list.GetProperty("attempts")[0].GetProperty("needsGrading").GetBoolean());
        Assert.Contains("Waiting for grading", await learner.GetStringAsync($"/weeks/7/essay/attempts/{attemptId}/review"));
        Assert.Contains("Waiting for grading", await learner.GetStringAsync("/weeks/7/essay"));
        var userId = (await factory.AttemptAsync(attemptId)).UserId;
        Assert.False(await Completed(userId));

        // Instructors see it waiting: left out of the statistics and the gradebook's average, marked in the CSVs.
        var instructor = await TestAccounts.InstructorAsync(factory);
        var stats = await instructor.GetStringAsync("/instructor/quizzes/7/essay");
        Assert.Contains("<dt>Submitted attempts</dt><dd>1</dd>", stats);
        Assert.Contains("data-ungraded=\"1\"", stats);
        Assert.Matches(new Regex("<dt>Mean score</dt><dd>(—|&#x2014;)</dd>"), stats);
        var book = await instructor.GetStringAsync("/instructor/gradebook?week=7");
        Assert.Matches(new Regex("data-column=\"w7:essay\">needs grading"), book);
        Assert.Contains("needs grading", await instructor.GetStringAsync("/instructor/gradebook?week=7&csv=true"));
        Assert.Contains(",needs grading,", await instructor.GetStringAsync("/instructor/quizzes/7/essay/attempts.csv"));

        var page = await instructor.GetStringAsync(EssayAppFactory.Grading("essay"));
        Assert.Contains("1 waiting", page);
        Assert.Contains("SECRET-RUBRIC", page);
        Assert.Contains(Answer, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // A learner cannot grade, by page or API; nothing is stored.
        var byLearner = await TestAccounts.PostFormAsync(learner, $"{EssayAppFactory.Grading("essay")}?question=explain-lora&handler=Grade", new() { ["attemptId"] = attemptId, ["mark"] = "4" }, formUrl: "/weeks/7/essay");
        Assert.Equal(HttpStatusCode.Redirect, byLearner.StatusCode);
        Assert.Contains("/account/access-denied", byLearner.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var apiByLearner = await QuizClient.SendAsync(learner, HttpMethod.Put, $"/api/v1/instructor/weeks/7/quizzes/essay/attempts/{attemptId}/grades/explain-lora", """{"mark":4}""");
        Assert.Equal(HttpStatusCode.Forbidden, apiByLearner.StatusCode);

        // Marks outside 0..4, or not numbers, are refused with the reason, and nothing is stored.
        foreach (var bad in new[] { "5", "-1", "abc", "" })
        {
            var refused = await TestAccounts.PostFormAsync(instructor, $"{EssayAppFactory.Grading("essay")}?question=explain-lora&handler=Grade", new() { ["attemptId"] = attemptId, ["mark"] = bad, ["comment"] = "kept" }, formUrl: EssayAppFactory.Grading("essay"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("the mark must be a number from 0 to 4", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await factory.GradeRowsAsync(attemptId));
        Assert.Null((await factory.AttemptAsync(attemptId)).Score);

        // The instructor grades 3 of 4 with a comment; the attempt gets 1 + 3 = 4 of 5 and passes (50%).
        var graded = await TestAccounts.PostFormAsync(instructor, $"{EssayAppFactory.Grading("essay")}?question=explain-lora&handler=Grade", new()
        {
            ["attemptId"] = attemptId,
            ["mark"] = "3",
            ["comment"] = "Good **start**; name the frozen weights. <script>alert('x')</script>",
        }, formUrl: EssayAppFactory.Grading("essay"));
        Assert.Equal(HttpStatusCode.Redirect, graded.StatusCode);
        Assert.Equal($"{EssayAppFactory.Grading("essay")}?question=explain-lora#answer-{attemptId}", graded.Headers.Location!.OriginalString);
        var attempt = await factory.AttemptAsync(attemptId);
        Assert.Equal(4, attempt.Score);
        Assert.True(attempt.Passed);

        // The record says who graded, and the page shows it.
        var row = await factory.WithDbAsync(db => db.QuizManualGrades.AsNoTracking().SingleAsync(g => g.AttemptId == attemptId));
        var grader = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == row.GradedBy));
        Assert.StartsWith("instructor-", grader.Email, StringComparison.Ordinal);
        Assert.Equal((3.0, 4.0), (row.Mark, row.MaxMark));
        Assert.Contains($"by {grader.Email}", await instructor.GetStringAsync(EssayAppFactory.Grading("essay")));

        // The learner sees the score, the essay's mark and the comment (rendered safely), and the quiz is complete.
        var after = await QuizClient.GetJsonAsync(learner, $"{EssayAppFactory.Api("essay")}/{attemptId}/review");
        Assert.Equal(4, after.GetProperty("attempt").GetProperty("score").GetDouble());
        Assert.False(after.GetProperty("attempt").GetProperty("needsGrading").GetBoolean());
        var gradedEssay = EssayAppFactory.Question(after, EssayAppFactory.Essay);
        Assert.Equal(3, gradedEssay.GetProperty("mark").GetDouble());
        Assert.Equal("partial", gradedEssay.GetProperty("state").GetString());
        var comment = gradedEssay.GetProperty("commentHtml").GetString()!;
        Assert.Contains("<strong>start</strong>", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", comment, StringComparison.Ordinal);
        var reviewPage = await learner.GetStringAsync($"/weeks/7/essay/attempts/{attemptId}/review");
        Assert.Contains("Comment from your instructor", reviewPage);
        Assert.Contains("Partial: 3 / 4", reviewPage);
        Assert.DoesNotContain("<script>alert", reviewPage);
        Assert.True(await Completed(userId));

        // Statistics and the gradebook count it now.
        Assert.Contains("data-ungraded=\"0\"", await instructor.GetStringAsync("/instructor/quizzes/7/essay"));
        Assert.Matches(new Regex("data-column=\"w7:essay\">80%"), await instructor.GetStringAsync("/instructor/gradebook?week=7"));

        // A regrade (after any fix to the quiz) keeps the instructor's mark.
        var regrade = await TestAccounts.PostFormAsync(instructor, "/instructor/quizzes/7/essay?handler=Regrade", [], formUrl: "/instructor/quizzes/7/essay");
        Assert.Equal(HttpStatusCode.Redirect, regrade.StatusCode);
        Assert.Equal(4, (await factory.AttemptAsync(attemptId)).Score);
    }

    [Fact]
    public async Task RevealNever_GradedEssay_ScoreShownButNotTheEssaysMarkOrComment()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var (attemptId, _) = await EssayAppFactory.TakeAsync(learner, "essay-never", "Four", Answer);
        var instructor = await TestAccounts.InstructorAsync(factory);

        var graded = await QuizClient.SendAsync(instructor, HttpMethod.Put, $"/api/v1/instructor/weeks/7/quizzes/essay-never/attempts/{attemptId}/grades/explain-lora", """{"mark":2,"comment":"SECRET-COMMENT keep going"}""");
        Assert.Equal(HttpStatusCode.OK, graded.StatusCode);

        // show-marks (immediately) gives the total; reveal: never holds back per-question marks and feedback, the comment with it.
        var review = await QuizClient.GetJsonAsync(learner, $"{EssayAppFactory.Api("essay-never")}/{attemptId}/review");
        Assert.Equal(2, review.GetProperty("attempt").GetProperty("score").GetDouble());
        var essay = EssayAppFactory.Question(review, EssayAppFactory.Essay);
        Assert.Equal(JsonValueKind.Null, essay.GetProperty("mark").ValueKind);
        Assert.Equal(JsonValueKind.Null, essay.GetProperty("commentHtml").ValueKind);
        Assert.DoesNotContain("SECRET-COMMENT", await learner.GetStringAsync($"/weeks/7/essay-never/attempts/{attemptId}/review"));
    }

    [Fact]
    public async Task GradingApi_ProblemDetailsForBadInput_NothingStored_ThenGrades()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var (attemptId, _) = await EssayAppFactory.TakeAsync(learner, "essay", "Seven", Answer);
        var instructor = await TestAccounts.InstructorAsync(factory);
        var url = $"/api/v1/instructor/weeks/7/quizzes/essay/attempts/{attemptId}/grades/explain-lora";

        foreach (var (body, status) in new[]
        {
            ("""{"mark":4.5}""", HttpStatusCode.BadRequest),
            ("""{"mark":-0.5}""", HttpStatusCode.BadRequest),
            ("""{"comment":"no mark"}""", HttpStatusCode.BadRequest),
            ("""{"mark":"three"}""", HttpStatusCode.BadRequest),
            ("""{"mark":2, "comment": 7}""", HttpStatusCode.BadRequest),
            ("[1,2", HttpStatusCode.BadRequest),
        })
        {
            var response = await QuizClient.SendAsync(instructor, HttpMethod.Put, url, body);
            Assert.True(response.StatusCode == status, $"{body}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var tooLong = await QuizClient.SendAsync(instructor, HttpMethod.Put, url, JsonSerializer.Serialize(new { mark = 1, comment = new string('x', 5001) }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 5000", await tooLong.Content.ReadAsStringAsync());

        using (var plain = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("mark=1") })
        {
            plain.Headers.Add("X-CSRF-TOKEN", await TestAccounts.AntiforgeryTokenAsync(instructor, "/"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await instructor.SendAsync(plain)).StatusCode);
        }

        var automatic = await QuizClient.SendAsync(instructor, HttpMethod.Put, $"/api/v1/instructor/weeks/7/quizzes/essay/attempts/{attemptId}/grades/prime", """{"mark":1}""");
        Assert.Equal(HttpStatusCode.BadRequest, automatic.StatusCode);
        Assert.Contains("only essay questions", await automatic.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await QuizClient.SendAsync(instructor, HttpMethod.Put, $"/api/v1/instructor/weeks/7/quizzes/essay/attempts/{attemptId}/grades/nothing", """{"mark":1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await QuizClient.SendAsync(instructor, HttpMethod.Put, url.Replace(attemptId, new string('0', 32), StringComparison.Ordinal), """{"mark":1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await QuizClient.SendAsync(instructor, HttpMethod.Put, url.Replace("/essay/", "/timed/", StringComparison.Ordinal), """{"mark":1}""")).StatusCode);
        Assert.Equal(0, await factory.GradeRowsAsync(attemptId));

        var list = await QuizClient.GetJsonAsync(instructor, "/api/v1/instructor/weeks/7/quizzes/essay/essays");
        var answer = list.GetProperty("questions")[0].GetProperty("answers").EnumerateArray().Single(a => a.GetProperty("attemptId").GetString() == attemptId);
        Assert.Equal("needs-grading", answer.GetProperty("state").GetString());
        Assert.Equal(Answer, answer.GetProperty("text").GetString());

        var ok = await QuizClient.SendAsync(instructor, HttpMethod.Put, url, """{"mark":4,"comment":"Complete."}""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var result = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, result.GetProperty("attemptScore").GetDouble());
        Assert.False(result.GetProperty("attemptNeedsGrading").GetBoolean());

        // Grading again replaces the mark in force and keeps both gradings on record.
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SendAsync(instructor, HttpMethod.Put, url, """{"mark":2.5}""")).StatusCode);
        Assert.Equal(3.5, (await factory.AttemptAsync(attemptId)).Score);
        Assert.Equal(2, await factory.GradeRowsAsync(attemptId));
    }

    [Fact]
    public async Task EmptyEssay_AttemptScoredAtOnce()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var (_, review) = await EssayAppFactory.TakeAsync(learner, "essay", "Seven", "   ");

        Assert.Equal(1, review.GetProperty("attempt").GetProperty("score").GetDouble());
        Assert.False(review.GetProperty("attempt").GetProperty("needsGrading").GetBoolean());
        Assert.Equal("unanswered", EssayAppFactory.Question(review, EssayAppFactory.Essay).GetProperty("state").GetString());
    }

    [Fact]
    public async Task EssayAnswer_OverTheBound_RefusedAndNothingSaved()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var started = await QuizClient.SendAsync(learner, HttpMethod.Post, EssayAppFactory.Api("essay"));
        var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = attempt.GetProperty("attempt").GetProperty("id").GetString()!;
        var essay = EssayAppFactory.QuestionId(attempt, EssayAppFactory.Essay);

        var tooLong = await QuizClient.SendAsync(learner, HttpMethod.Put, $"{EssayAppFactory.Api("essay")}/{id}/answers", JsonSerializer.Serialize(new Dictionary<string, object> { [essay] = new { t = new string('w', 20_001) } }));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 20000", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.QuizAnswers.CountAsync(a => a.AttemptId == id)));

        var page = await learner.GetStringAsync($"/weeks/7/essay/attempts/{id}");
        Assert.Contains($"<textarea id=\"q-{essay}\" name=\"q-{essay}\" rows=\"12\" maxlength=\"20000\"", page);
        Assert.DoesNotContain("SECRET-RUBRIC", page);
    }

    [Fact]
    public void GradebookRow_QuizWaitingForGrading_LeftOutOfTheAverageNotCountedAsZero()
    {
        var learner = new EnrolledLearner("u", "u@example.com", "U", DateTime.UnixEpoch);

        // Graded 100%, waiting (no grade yet), not taken (counts 0): (1 + 0) / 2.
        var row = new GradebookRow(learner, [1.0, null, null], [1, 1, 0], 0, 3, [0, 1, 0]);

        Assert.Equal(0.5, row.QuizAverage);
        Assert.True(row.AwaitsGrading(1));
        Assert.False(row.AwaitsGrading(2));
    }

    private Task<bool> Completed(string userId) =>
        factory.WithDbAsync(db => db.ItemCompletions.AnyAsync(c => c.UserId == userId && c.WeekNumber == 7 && c.ItemId == "essay"));
}
