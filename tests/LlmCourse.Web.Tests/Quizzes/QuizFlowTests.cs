using System.Net;
using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>Issue 14, point 4: the quiz flow says each thing once.</summary>
public sealed class QuizFlowTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    [Fact]
    public async Task ApiSubmit_WithLastAnswers_ReturnsTheAttemptGraded()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "timed");
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", id, """{"sum":{"n":"4242"}}""")).StatusCode);
        var body = QuizClient.WithIds(await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("timed")}/{id}"), """{"roman":{"t":"Lutetia-Parisiorum"}}""");

        var submitted = await QuizClient.SendAsync(client, HttpMethod.Post, $"{QuizClient.Api("timed")}/{id}/submission", body);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // The review comes from the graded attempt: two of three right, both saves (before and with the submit) counted.
        using var review = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync());
        var attempt = review.RootElement.GetProperty("attempt");
        Assert.NotEqual(JsonValueKind.Null, attempt.GetProperty("submittedAt").ValueKind);
        Assert.Equal(2, attempt.GetProperty("score").GetDouble());
        Assert.Equal(2, review.RootElement.GetProperty("questions").EnumerateArray().Count(q => q.GetProperty("response").ValueKind != JsonValueKind.Null));
    }

    [Fact]
    public void Unanswered_FollowsTheAttemptOrder_AndWhatWasSavedSinceLoading()
    {
        var quiz = Assert.IsType<Quiz>(CourseLoader.ParseItem(new ContentFile("weeks/07-x/09-flow.md", QuizAppFactory.Quiz("flow", "shuffle-questions: true"))).Value);
        var loaded = new LoadedAttempt(
            new QuizAttempt { Id = "a", Seed = 12345, Revision = quiz.Revision, QuizId = quiz.Id },
            new Week(7, "W", "", "", true, null, [quiz], "weeks/07-x/week.md"),
            quiz,
            new Dictionary<string, QuestionResponse> { ["prime"] = new ChoiceResponse([]) },
            1);

        // Nothing answered (an empty pick is no answer): all three, in the order this attempt shows them.
        Assert.Equal(loaded.Public.Questions.Select(q => q.Id), loaded.Unanswered.Select(q => q.Id));

        var ids = loaded.Ids;
        var later = loaded.WithSaved(new Dictionary<string, QuestionResponse>
        {
            [ids.Of("sum")] = new NumericResponse("4242"),
            [ids.Of("roman")] = new TextResponse("   "),
            ["not-a-question"] = new TextResponse("ignored"),
        });
        Assert.Equal(
            loaded.Public.Questions.Where(q => q.Id != ids.Of("sum")).Select(q => q.Id),
            later.Unanswered.Select(q => q.Id));
        Assert.Equal(3, loaded.Unanswered.Count);
    }
}
