using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="Score">Null until the attempt is submitted, while an essay in it waits for grading, and while the quiz holds marks back (<c>show-marks</c>).</param>
/// <param name="Deadline">When the attempt must end (UTC); null when untimed.</param>
/// <param name="Passed">Null until the attempt is submitted and graded, and while the quiz holds marks back.</param>
/// <param name="NeedsGrading">Handed in with an essay that an instructor has not graded yet: the score is pending.</param>
/// <param name="State"><c>in-progress</c>, <c>needs-grading</c> or <c>finished</c>.</param>
public sealed record AttemptSummary(
    string Id, int Number, string Revision, DateTimeOffset StartedAt, DateTimeOffset? Deadline, DateTimeOffset? SubmittedAt,
    bool AutoClosed, double? Score, double MaxScore, bool? Passed, string Url, bool NeedsGrading = false, string State = "in-progress");

/// <param name="CountingPercent">The grade that counts under the quiz's grading method, 0..100; null before any finished attempt and while marks are held back.</param>
/// <param name="Passed">Whether the grade that counts passes; null while marks are held back.</param>
/// <param name="MarksShown">Whether scores are shown now; false while the quiz holds marks back (<c>show-marks</c>).</param>
public sealed record QuizAttempts(
    int Week, string QuizId, int? AttemptsAllowed, int AttemptsUsed, bool CanStart, string? StartRefusal,
    double? CountingPercent, bool? Passed, bool MarksShown, IReadOnlyList<AttemptSummary> Attempts);

public sealed record OptionView(string Id, string Html, string Text);

/// <param name="Id">An opaque id for the question in this quiz revision (never the authored one); answers are keyed by it.</param>
/// <param name="Type">single, multiple, truefalse, short, numeric, matching, ordering or essay.</param>
public sealed record QuestionView(
    string Id, int Number, string Type, string Title, string PromptHtml, double Points, string? HintHtml,
    IReadOnlyList<OptionView> Choices, IReadOnlyList<OptionView> MatchLefts, IReadOnlyList<OptionView> MatchOptions, IReadOnlyList<OptionView> OrderingItems);

/// <param name="Answers">Saved answers keyed by question id, in the shape PUT …/answers takes.</param>
/// <param name="ServerNow">The server's clock, to correct a countdown for the client's clock.</param>
public sealed record AttemptView(AttemptSummary Attempt, DateTimeOffset ServerNow, double? SecondsLeft, string Layout, IReadOnlyList<QuestionView> Questions, JsonElement Answers);

/// <param name="Mark">Null unless the quiz shows both answers and marks now, and while an essay waits for grading.</param>
/// <param name="State">correct, partial, incorrect or unanswered; null while marks are not shown.</param>
/// <param name="Answer">The right answer; null unless revealed.</param>
/// <param name="CommentHtml">The grader's comment on an essay, shown with the feedback (<c>reveal</c>).</param>
/// <param name="NeedsGrading">An answered essay no instructor has graded yet.</param>
public sealed record QuestionReviewView(
    string Id, int Number, string Type, string Title, double Points, JsonElement? Response, double? Mark, string? State,
    CorrectAnswer? Answer, string? ExplanationHtml, IReadOnlyList<ChoiceFeedback> Feedback, string? CommentHtml = null, bool NeedsGrading = false);

/// <param name="Revealed">Whether right answers, explanations and feedback are shown (<c>reveal</c>).</param>
/// <param name="MarksShown">Whether the score and pass/fail are shown (<c>show-marks</c>).</param>
public sealed record AttemptReviewView(AttemptSummary Attempt, bool Revealed, bool MarksShown, IReadOnlyList<QuestionReviewView> Questions);

/// <summary>
/// The signed-in learner's attempts at quizzes, with the same rules as the pages. Questions are named by
/// opaque ids (<see cref="PublicQuestionIds"/>). Errors are problem details: 400 for a body that is not
/// JSON of the right shape or an answer that does not fit its question (its id in <c>question</c>); 415 for
/// a body that is not JSON; 404 for a quiz or attempt that is not there or not yours; 409 when the attempt
/// limit is reached, the quiz is not open, an attempt is in progress (its id in <c>attemptId</c>), the
/// attempt is already submitted, or answers arrive too late (title "Too late": after the deadline plus the
/// grace period; nothing is stored and the attempt is graded with what was saved before). A refused
/// request changes nothing. Every answer is <c>Cache-Control: no-store</c>: it is one learner's.
/// </summary>
public static class QuizApi
{
    public static RouteGroupBuilder MapQuizApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/weeks/{week:int}/quizzes/{quizId}/attempts").WithTags("Quizzes").RequireAuthorization()
            .AddEndpointFilter(NoStoreAsync);

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
            .WithSummary("Saves answers, keyed by question id: {\"c\":[choiceIds]}, {\"t\":\"text\"} (short text and essays), {\"n\":\"number\"}, {\"m\":{leftId:rightId}}, {\"o\":[itemIds]}. Idempotent. 400, storing nothing, when an answer does not fit its question.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/{attemptId}/submission", Submit)
            .WithName("SubmitQuizAttempt")
            .WithSummary("Hands the attempt in (optionally with last answers as a JSON body) and returns its review. Grades once: a repeat answers 409. A body that cannot be read answers 400 or 415 and leaves the attempt open.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

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
            overview.CountingFraction is { } f ? Math.Round(f * 100, 2) : null, overview.MarksVisible ? overview.Passed : null, overview.MarksVisible,
            [.. overview.Attempts.Select(a => Summary(a, overview.MarksVisible))]));
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
                return TypedResults.Created(QuizUrls.ApiAttempt(w.Number, quiz.Id, attempt.Id), View(loaded, clock, marks: false));
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
        return loaded is null ? NoAttempt() : TypedResults.Ok(View(loaded, clock, quizzes.MarksVisible(loaded.Quiz)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Save(
        int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        var body = await ReadBodyAsync(http);
        Dictionary<string, QuestionResponse>? answers = null;
        var refusal = body.Refusal
            ?? (body.Json is { } json
                ? ReadAnswers(json, out answers)
                : ApiProblems.BadRequest("The body (Content-Type: application/json) must be a JSON object of answers keyed by question id, each one of {\"c\":[…]}, {\"t\":\"…\"}, {\"n\":\"…\"}, {\"m\":{…}}, {\"o\":[…]}."));
        if (refusal is not null || answers is null)
        {
            // Someone else's or a missing attempt is still a 404, whatever the body.
            return await LoadAsync(week, quizId, attemptId, catalog, quizzes, http) is null ? NoAttempt() : refusal!;
        }

        var result = Find(catalog, week, quizId) is var (w, quiz)
            ? await quizzes.SaveAsync(UserId(http), w, quiz, attemptId, answers, http.RequestAborted)
            : null;
        return result is null ? NoAttempt() : result.Outcome == WriteOutcome.Done ? TypedResults.NoContent() : Problem(result);
    }

    private static async Task<Results<Ok<AttemptReviewView>, ProblemHttpResult>> Submit(
        int week, string quizId, string attemptId, CourseCatalog catalog, QuizService quizzes, HttpContext http)
    {
        var body = await ReadBodyAsync(http);
        var loaded = await LoadAsync(week, quizId, attemptId, catalog, quizzes, http);
        if (loaded is null)
        {
            return NoAttempt();
        }

        // A body that cannot be read must not hand the attempt in with older answers: the last ones would be lost.
        if (body.Refusal is { } refusal)
        {
            return refusal;
        }

        IReadOnlyDictionary<string, QuestionResponse>? answers = null;
        if (body.Json is { ValueKind: not JsonValueKind.Null } json)
        {
            if (ReadAnswers(json, out var read) is { } problem)
            {
                return problem;
            }

            answers = read;
        }

        var submitted = await quizzes.SubmitAsync(loaded, answers, http.RequestAborted);
        return submitted.Write.Outcome == WriteOutcome.Done ? TypedResults.Ok(ReviewView(submitted.Attempt, quizzes)) : Problem(submitted.Write);
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

    /// <summary>A request body: none (<see cref="Json"/> and <see cref="Refusal"/> both null), a JSON value, or why it cannot be read.</summary>
    private sealed record Body(JsonElement? Json, ProblemHttpResult? Refusal);

    /// <summary>
    /// Reads the body by hand rather than binding it, because a bound body makes routing skip the endpoint for
    /// requests without a JSON content type (the submit's body is optional). An empty body is no body; any
    /// other must be JSON (415 otherwise) that parses (400 otherwise).
    /// </summary>
    private static async Task<Body> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length == 0)
        {
            return new Body(null, null);
        }

        if (!http.Request.HasJsonContentType())
        {
            return new Body(null, TypedResults.Problem(
                detail: "The body must be JSON, sent as Content-Type: application/json. Nothing was saved or submitted.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send JSON"));
        }

        try
        {
            using var doc = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return new Body(doc.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return new Body(null, ApiProblems.BadRequest("The body is not valid JSON (truncated?). Nothing was saved or submitted."));
        }
    }

    /// <summary>Reads answers keyed by question id; on failure, the 400 to send (and <paramref name="answers"/> is null).</summary>
    private static ProblemHttpResult? ReadAnswers(JsonElement body, out Dictionary<string, QuestionResponse>? answers)
    {
        answers = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiProblems.BadRequest("The answers must be a JSON object keyed by question id.");
        }

        var read = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            string questionId;
            try
            {
                questionId = property.Name;
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate ("\ud800"): .NET refuses to read it as a string.
                return ApiProblems.BadRequest("A question id in the body is not valid Unicode text.");
            }

            if (ResponseCodec.FromJson(property.Value) is not { } response)
            {
                return InvalidAnswer(questionId, "is not one of {\"c\":[…]}, {\"t\":\"…\"}, {\"n\":\"…\"}, {\"m\":{…}}, {\"o\":[…]} holding valid Unicode text");
            }

            read[questionId] = response;
        }

        answers = read;
        return null;
    }

    private static ProblemHttpResult InvalidAnswer(string questionId, string problem)
    {
        var plain = questionId.Length <= 40 && questionId.All(char.IsAsciiLetterOrDigit);
        return TypedResults.Problem(
            detail: $"The answer to question {(plain ? $"'{questionId}'" : "(id not shown)")} {problem}. Nothing was saved.",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid answer",
            extensions: plain ? new Dictionary<string, object?> { ["question"] = questionId } : null);
    }

    /// <summary>Attempts, answers and scores are one learner's: no browser or proxy may keep a copy.</summary>
    private static async ValueTask<object?> NoStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    /// <param name="marks">Whether the learner may see the attempt's score and pass/fail now.</param>
    internal static AttemptSummary Summary(QuizAttempt a, bool marks)
    {
        var pending = QuizService.NeedsGrading(a);
        return new(
            a.Id, a.Number, a.Revision, QuizService.Utc(a.StartedAt), a.Deadline is { } d ? QuizService.Utc(d) : null,
            a.SubmittedAt is { } s ? QuizService.Utc(s) : null, a.AutoClosed, marks ? a.Score : null, a.MaxScore,
            a.SubmittedAt is null || !marks || pending ? null : a.Passed, QuizUrls.Attempt(a.WeekNumber, a.QuizId, a.Id),
            pending, a.SubmittedAt is null ? "in-progress" : pending ? "needs-grading" : "finished");
    }

    private static AttemptView View(LoadedAttempt loaded, TimeProvider clock, bool marks)
    {
        var now = clock.GetUtcNow();
        var projected = loaded.Public;
        double? left = loaded.Attempt.Deadline is { } d && !loaded.Submitted ? Math.Max(0, (QuizService.Utc(d) - now).TotalSeconds) : null;
        using var answers = JsonDocument.Parse(ResponseCodec.SerializeAttempt(loaded.SavedByPublicId));
        return new AttemptView(
            Summary(loaded.Attempt, marks), now, left,
            projected.Layout == QuizLayout.OneQuestionPerPage ? "one-question-per-page" : "one-page",
            [.. projected.Questions.Select(q => new QuestionView(
                q.Id, q.Number, ContentRules.QuestionTypeName(q.Type), q.Title, q.PromptHtml, q.Points, q.HintHtml,
                Options(q.Choices), Options(q.MatchLefts), Options(q.MatchOptions), Options(q.OrderingItems)))],
            answers.RootElement.Clone());
    }

    private static AttemptReviewView ReviewView(LoadedAttempt loaded, QuizService quizzes)
    {
        var options = quizzes.ReviewOptions(loaded);
        return new AttemptReviewView(
            Summary(loaded.Attempt, options.Score),
            options.RightAnswers,
            options.Score,
            [.. quizzes.Review(loaded).Select(r =>
            {
                JsonElement? response = null;
                if (r.Response is { } given)
                {
                    using var doc = JsonDocument.Parse(ResponseCodec.Serialize(given));
                    response = doc.RootElement.Clone();
                }

                return new QuestionReviewView(
                    r.Question.Id, r.Question.Number, ContentRules.QuestionTypeName(r.Question.Type), r.Question.Title, r.Question.Points, response,
                    r.Grade?.Mark, r.Grade?.State.ToString().ToLowerInvariant(), r.Answer, r.ExplanationHtml, r.Feedback, r.CommentHtml, r.NeedsGrading);
            })]);
    }

    private static List<OptionView> Options(IReadOnlyList<PublicOption> options) => [.. options.Select(o => new OptionView(o.Id, o.Html, o.Text))];

    private static ProblemHttpResult NoQuiz(int week, string quizId) => ApiProblems.NotFound($"Week {week} has no published quiz '{quizId}'.");

    private static ProblemHttpResult NoAttempt() => ApiProblems.NotFound("No such attempt of yours at this quiz.");

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title);

    private static ProblemHttpResult Problem(WriteResult result) => result.Outcome switch
    {
        WriteOutcome.Invalid => TypedResults.Problem(
            detail: result.Message,
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid answer",
            extensions: result.QuestionId is { } question ? new Dictionary<string, object?> { ["question"] = question } : null),
        WriteOutcome.TooLate => Conflict("Too late", result.Message),
        _ => Conflict("Already submitted", result.Message),
    };
}
