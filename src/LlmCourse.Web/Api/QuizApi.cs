using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="Score">Null until the attempt is submitted.</param>
/// <param name="Deadline">When the attempt must end (UTC); null when untimed.</param>
public sealed record AttemptSummary(
    string Id, int Number, string Revision, DateTimeOffset StartedAt, DateTimeOffset? Deadline, DateTimeOffset? SubmittedAt,
    bool AutoClosed, double? Score, double MaxScore, bool? Passed, string Url);

/// <param name="CountingPercent">The grade that counts under the quiz's grading method, 0..100; null before any finished attempt.</param>
public sealed record QuizAttempts(
    int Week, string QuizId, int? AttemptsAllowed, int AttemptsUsed, bool CanStart, string? StartRefusal,
    double? CountingPercent, bool Passed, IReadOnlyList<AttemptSummary> Attempts);

public sealed record OptionView(string Id, string Html, string Text);

/// <param name="Type">single, multiple, truefalse, short, numeric, matching or ordering.</param>
public sealed record QuestionView(
    string Id, int Number, string Type, string Title, string PromptHtml, double Points, string? HintHtml,
    IReadOnlyList<OptionView> Choices, IReadOnlyList<OptionView> MatchLefts, IReadOnlyList<OptionView> MatchOptions, IReadOnlyList<OptionView> OrderingItems);

/// <param name="Answers">Saved answers keyed by question id, in the shape PUT …/answers takes.</param>
/// <param name="ServerNow">The server's clock, to correct a countdown for the client's clock.</param>
public sealed record AttemptView(AttemptSummary Attempt, DateTimeOffset ServerNow, double? SecondsLeft, string Layout, IReadOnlyList<QuestionView> Questions, JsonElement Answers);

/// <param name="Mark">Null unless the reveal rules allow per-question marks.</param>
/// <param name="Answer">The right answer; null unless revealed.</param>
public sealed record QuestionReviewView(
    string Id, int Number, string Type, string Title, double Points, JsonElement? Response, double? Mark, string? State,
    CorrectAnswer? Answer, string? ExplanationHtml, IReadOnlyList<ChoiceFeedback> Feedback);

public sealed record AttemptReviewView(AttemptSummary Attempt, bool Revealed, IReadOnlyList<QuestionReviewView> Questions);

/// <summary>
/// The signed-in learner's attempts at quizzes, with the same rules as the pages. Errors are problem
/// details: 404 for a quiz or attempt that is not there or not yours; 409 when the attempt limit is
/// reached, the quiz is not open, an attempt is in progress (its id in <c>attemptId</c>), the attempt is
/// already submitted, or answers arrive too late (title "Too late": after the deadline plus the grace
/// period; nothing is stored and the attempt is graded with what was saved before).
/// </summary>
public static class QuizApi
{
    public static RouteGroupBuilder MapQuizApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/weeks/{week:int}/quizzes/{quizId}/attempts").WithTags("Quizzes").RequireAuthorization();

        group.MapGet("", List)
            .WithName("ListMyQuizAttempts")
            .WithSummary("The learner's attempts at a quiz, the grade that counts, and whether a new attempt may start.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", Start)
            .WithName("StartQuizAttempt")
            .WithSummary("Starts an attempt (201 with its questions). 409 when no attempts are left, the quiz is not open, or one is in progress.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{attemptId}", Get)
            .WithName("GetQuizAttempt")
            .WithSummary("An attempt: its questions in the attempt's order (no answers or explanations), saved answers and time left.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{attemptId}/answers", Save)
            .WithName("SaveQuizAnswers")
            .WithSummary("Saves answers, keyed by question id: {\"c\":[choiceIds]}, {\"t\":\"text\"}, {\"n\":\"number\"}, {\"m\":{leftId:rightId}}, {\"o\":[itemIds]}. Idempotent.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{attemptId}/submission", Submit)
            .WithName("SubmitQuizAttempt")
            .WithSummary("Hands the attempt in (optionally with last answers) and returns its review. Grades once: a repeat answers 409.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{attemptId}/review", Review)
            .WithName("ReviewQuizAttempt")
            .WithSummary("The review of a submitted attempt, showing answers and explanations as the quiz's reveal rule allows. 409 before submission.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    private static async Task<Results<Ok<QuizAttempts>, ProblemHttpResult>> List(int week, string quizId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        if (Find(catalog, week, quizId) is not var (w, quiz))
        {
            return NoQuiz(week, quizId);
        }

        var overview = await quizzes.OverviewAsync(UserId(http), w, quiz, http.RequestAborted);
        return TypedResults.Ok(new QuizAttempts(
            w.Number, quiz.Id, quiz.Settings.AttemptsAllowed, overview.Attempts.Count, overview.Decision.Allowed,
            overview.Decision.Allowed ? null : overview.Decision.Message,
            overview.CountingFraction is { } f ? Math.Round(f * 100, 2) : null, overview.Passed,
            [.. overview.Attempts.Select(Summary)]));
    }

    private static async Task<Results<Created<AttemptView>, ProblemHttpResult>> Start(int week, string quizId, CourseCatalog catalog, QuizService quizzes, TimeProvider clock, HttpContext http)
    {
        if (Find(catalog, week, quizId) is not var (w, quiz))
        {
            return NoQuiz(week, quizId);
        }

        var userId = UserId(http);
        var started = await quizzes.StartAsync(userId, w, quiz, http.RequestAborted);
        switch (started.Outcome)
        {
            case StartOutcome.Started:
                // A new attempt is on the current revision with nothing saved, and its number counts the attempts used.
                var attempt = started.Attempt!;
                var loaded = new LoadedAttempt(attempt, w, quiz, new Dictionary<string, QuestionResponse>(), attempt.Number);
                return TypedResults.Created(QuizUrls.ApiAttempt(w.Number, quiz.Id, attempt.Id), View(loaded, clock));
            case StartOutcome.InProgress:
                return TypedResults.Problem(
                    detail: started.Message, statusCode: StatusCodes.Status409Conflict, title: "Attempt in progress",
                    extensions: new Dictionary<string, object?> { ["attemptId"] = started.Attempt!.Id });
            default:
                return Conflict("Cannot start", started.Message);
        }
    }

    private static async Task<Results<Ok<AttemptView>, ProblemHttpResult>> Get(int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, TimeProvider clock, HttpContext http)
    {
        var loaded = await LoadAsync(week, quizId, attemptId, catalog, quizzes, http);
        return loaded is null ? NoAttempt() : TypedResults.Ok(View(loaded, clock));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Save(
        int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        if (await BodyAsync(http) is not { } body || ReadAnswers(body) is not { } answers)
        {
            // Someone else's or a missing attempt is still a 404, whatever the body.
            return await LoadAsync(week, quizId, attemptId, catalog, quizzes, http) is null
                ? NoAttempt()
                : ApiProblems.BadRequest("The body (Content-Type: application/json) must be a JSON object of answers keyed by question id, each one of {\"c\":[…]}, {\"t\":\"…\"}, {\"n\":\"…\"}, {\"m\":{…}}, {\"o\":[…]}.");
        }

        var result = Find(catalog, week, quizId) is var (w, quiz)
            ? await quizzes.SaveAsync(UserId(http), w, quiz, attemptId, answers, http.RequestAborted)
            : null;
        return result is null ? NoAttempt() : result.Outcome == WriteOutcome.Done ? TypedResults.NoContent() : Problem(result);
    }

    private static async Task<Results<Ok<AttemptReviewView>, ProblemHttpResult>> Submit(
        int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        var body = await BodyAsync(http);
        var loaded = await LoadAsync(week, quizId, attemptId, catalog, quizzes, http);
        if (loaded is null)
        {
            return NoAttempt();
        }

        IReadOnlyDictionary<string, QuestionResponse>? answers = null;
        if (body is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json && (answers = ReadAnswers(json)) is null)
        {
            return ApiProblems.BadRequest("The body, when given, must be a JSON object of answers keyed by question id.");
        }

        var result = await quizzes.SubmitAsync(loaded, answers, http.RequestAborted);
        if (result.Outcome != WriteOutcome.Done)
        {
            return Problem(result);
        }

        var graded = await LoadAsync(week, quizId, attemptId, catalog, quizzes, http);
        return TypedResults.Ok(ReviewView(graded!, quizzes));
    }

    private static async Task<Results<Ok<AttemptReviewView>, ProblemHttpResult>> Review(int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        var loaded = await LoadAsync(week, quizId, attemptId, catalog, quizzes, http);
        if (loaded is null)
        {
            return NoAttempt();
        }

        return loaded.Submitted ? TypedResults.Ok(ReviewView(loaded, quizzes)) : Conflict("Not submitted", "The attempt is still in progress; submit it first.");
    }

    private static (Week, Quiz)? Find(CourseCatalog catalog, int week, string quizId) =>
        catalog.FindItem(week, quizId) is (var w, Quiz quiz) ? (w, quiz) : null;

    private static async Task<LoadedAttempt?> LoadAsync(int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http) =>
        Find(catalog, week, quizId) is var (w, quiz) ? await quizzes.LoadAsync(UserId(http), w, quiz, attemptId, http.RequestAborted) : null;

    private static string UserId(HttpContext http) => ProgressReader.UserId(http.User)!;

    /// <summary>
    /// The JSON body, or null when there is none or it is not JSON. Read by hand rather than bound, because a
    /// bound body makes routing skip the endpoint for requests without a JSON content type (the submit's body is optional).
    /// </summary>
    private static async Task<JsonElement?> BodyAsync(HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, QuestionResponse>? ReadAnswers(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var answers = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (ResponseCodec.Deserialize(property.Value.GetRawText()) is not { } response)
            {
                return null;
            }

            answers[property.Name] = response;
        }

        return answers;
    }

    internal static AttemptSummary Summary(QuizAttempt a) => new(
        a.Id, a.Number, a.Revision, QuizService.Utc(a.StartedAt), a.Deadline is { } d ? QuizService.Utc(d) : null,
        a.SubmittedAt is { } s ? QuizService.Utc(s) : null, a.AutoClosed, a.Score, a.MaxScore,
        a.SubmittedAt is null ? null : a.Passed, QuizUrls.Attempt(a.WeekNumber, a.QuizId, a.Id));

    private static AttemptView View(LoadedAttempt loaded, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var projected = loaded.Public;
        double? left = loaded.Attempt.Deadline is { } d && !loaded.Submitted ? Math.Max(0, (QuizService.Utc(d) - now).TotalSeconds) : null;
        using var answers = JsonDocument.Parse(ResponseCodec.SerializeAttempt(loaded.Saved));
        return new AttemptView(
            Summary(loaded.Attempt), now, left,
            projected.Layout == QuizLayout.OneQuestionPerPage ? "one-question-per-page" : "one-page",
            [.. projected.Questions.Select(q => new QuestionView(
                q.Id, q.Number, QuizForm.TypeName(q.Type), q.Title, q.PromptHtml, q.Points, q.HintHtml,
                Options(q.Choices), Options(q.MatchLefts), Options(q.MatchOptions), Options(q.OrderingItems)))],
            answers.RootElement.Clone());
    }

    private static AttemptReviewView ReviewView(LoadedAttempt loaded, QuizService quizzes)
    {
        var options = quizzes.ReviewOptions(loaded);
        return new AttemptReviewView(
            Summary(loaded.Attempt),
            options.RightAnswers,
            [.. quizzes.Review(loaded).Select(r =>
            {
                JsonElement? response = null;
                if (r.Response is { } given)
                {
                    using var doc = JsonDocument.Parse(ResponseCodec.Serialize(given));
                    response = doc.RootElement.Clone();
                }

                return new QuestionReviewView(
                    r.Question.Id, r.Question.Number, QuizForm.TypeName(r.Question.Type), r.Question.Title, r.Question.Points, response,
                    r.Grade?.Mark, r.Grade?.State.ToString().ToLowerInvariant(), r.Answer, r.ExplanationHtml, r.Feedback);
            })]);
    }

    private static List<OptionView> Options(IReadOnlyList<PublicOption> options) => [.. options.Select(o => new OptionView(o.Id, o.Html, o.Text))];

    private static ProblemHttpResult NoQuiz(int week, string quizId) => ApiProblems.NotFound($"Week {week} has no published quiz '{quizId}'.");

    private static ProblemHttpResult NoAttempt() => ApiProblems.NotFound("No such attempt of yours at this quiz.");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    private static ProblemHttpResult Problem(WriteResult result) => result.Outcome switch
    {
        WriteOutcome.Invalid => ApiProblems.BadRequest(result.Message),
        WriteOutcome.TooLate => Conflict("Too late", result.Message),
        _ => Conflict("Already submitted", result.Message),
    };
}
