using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="State"><c>needs-grading</c>, <c>graded</c> or <c>unanswered</c>.</param>
/// <param name="Mark">The mark in force, on the question's present points; null until graded.</param>
/// <param name="CommentHtml">The comment as the learner sees it (rendered from <paramref name="Comment"/>).</param>
/// <param name="GradedBy">The grading instructor's email.</param>
public sealed record EssayAnswerView(
    string AttemptId, int AttemptNumber, string Learner, string LearnerName, DateTimeOffset SubmittedAt, string? Text, string State,
    double? Mark, double Points, string? Comment, string? CommentHtml, string? GradedBy, DateTimeOffset? GradedAt);

/// <param name="QuestionId">The question's authored id (instructors see it in statistics and exports too).</param>
public sealed record EssayQuestionView(string QuestionId, string Title, double Points, int NeedsGrading, int Graded, int Unanswered, IReadOnlyList<EssayAnswerView> Answers);

public sealed record EssayGradingView(int Week, string QuizId, IReadOnlyList<EssayQuestionView> Questions);

/// <param name="Mark">Points given, from 0 to the question's points.</param>
/// <param name="Comment">Optional, Markdown (shown to the learner through the site's safe pipeline), at most 5000 characters.</param>
public sealed record GradeRequest(double? Mark, string? Comment);

/// <param name="AttemptScore">The attempt's score now; null while another essay in it still waits for grading.</param>
public sealed record GradeResponse(string AttemptId, string QuestionId, double Mark, bool AttemptNeedsGrading, double? AttemptScore, double AttemptMaxScore, string Message);

/// <summary>
/// Instructors grading essays by hand, as on the grading page: every handed-in answer to a quiz's essays, and a grade
/// for one of them. Errors are problem details: 400 for a mark or comment that is refused (nothing is stored), 404 for
/// a quiz, attempt or question that is not there, 415 for a body that is not JSON; learners get 403.
/// </summary>
public static class GradingApi
{
    public static RouteGroupBuilder MapGradingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instructor/weeks/{week:int}/quizzes/{quizId}").WithTags("Instructor")
            .RequireAuthorization(Policies.Instructor)
            .AddEndpointFilter(NoStoreAsync);

        group.MapGet("/essays", List)
            .WithName("ListEssayAnswers")
            .WithSummary("Every handed-in answer to the quiz's essay questions, with its grade if it has one; those waiting for grading first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/attempts/{attemptId}/grades/{questionId}", Grade)
            .WithName("GradeEssayAnswer")
            .WithSummary("Grades one essay answer: {\"mark\": 0..points, \"comment\": \"Markdown\"}. Records who graded it; the attempt gets its score once no essay in it waits. 400, storing nothing, for a refused mark or comment.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return api;
    }

    private static async Task<Results<Ok<EssayGradingView>, ProblemHttpResult>> List(int week, string quizId, QuizReports reports, EssayGrading grading, HttpContext http)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NoQuiz(week, quizId);
        }

        var questions = new List<EssayQuestionView>();
        foreach (var essay in await grading.SummaryAsync(w.Number, quiz, http.RequestAborted))
        {
            var answers = await grading.AnswersAsync(w.Number, quiz, essay.Question.Id, http.RequestAborted);
            questions.Add(new EssayQuestionView(
                essay.Question.Id, essay.Question.Title, essay.Question.Points, essay.NeedsGrading, essay.Graded, essay.Unanswered,
                [.. answers.Select(a => new EssayAnswerView(
                    a.AttemptId, a.AttemptNumber, a.LearnerEmail, a.LearnerName, QuizService.Utc(a.SubmittedAt), a.Text,
                    !a.Answered ? "unanswered" : a.Grade is null ? "needs-grading" : "graded",
                    a.Grade is { } g ? (g.MaxMark > 0 ? g.Mark / g.MaxMark * a.Points : g.Mark) : null, a.Points,
                    a.Grade?.Comment, a.Grade?.CommentHtml, a.Grade?.GradedBy, a.Grade is { } given ? QuizService.Utc(given.GradedAt) : null))]));
        }

        return TypedResults.Ok(new EssayGradingView(w.Number, quiz.Id, questions));
    }

    // The body is read here rather than bound, so that a request of another content type still meets authorization
    // (401/403) before it is told 415.
    private static async Task<Results<Ok<GradeResponse>, ProblemHttpResult>> Grade(
        int week, string quizId, string attemptId, string questionId, QuizReports reports, EssayGrading grading, HttpContext http)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NoQuiz(week, quizId);
        }

        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON", detail: "The body is {\"mark\": number, \"comment\": \"…\"} as application/json. Nothing was stored.");
        }

        GradeRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<GradeRequest>(http.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?.Mark is not { } mark)
        {
            return ApiProblems.BadRequest("The body must be a JSON object {\"mark\": number, \"comment\": \"…\"} with a numeric mark. Nothing was stored.");
        }

        var result = await grading.GradeAsync(w.Number, quiz, attemptId, questionId, mark, request.Comment, ProgressReader.UserId(http.User)!, http.RequestAborted);
        return result.Outcome switch
        {
            GradeOutcome.Done => TypedResults.Ok(new GradeResponse(attemptId, questionId, mark, result.AttemptScore is null, result.AttemptScore, result.AttemptMaxScore, result.Message)),
            GradeOutcome.Invalid => TypedResults.Problem(detail: result.Message, statusCode: StatusCodes.Status400BadRequest, title: "Grade refused"),
            _ => ApiProblems.NotFound(result.Message),
        };
    }

    private static ProblemHttpResult NoQuiz(int week, string quizId) => ApiProblems.NotFound($"Week {week} has no quiz '{quizId}'.");

    /// <summary>Learners' answers and grades: no browser or proxy may keep a copy.</summary>
    private static async ValueTask<object?> NoStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }
}
