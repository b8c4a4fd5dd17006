using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Quizzes;

/// <summary>An attempt with the quiz revision it was taken on and what the learner has saved so far.</summary>
/// <param name="Quiz">The quiz at the attempt's revision (questions, settings, grading).</param>
/// <param name="AttemptsUsed">How many attempts the learner has started at this quiz (for the reveal rules).</param>
/// <param name="Manual">The instructors' grades of the attempt's essays, by authored question id.</param>
public sealed record LoadedAttempt(
    QuizAttempt Attempt, Week Week, Quiz Quiz, IReadOnlyDictionary<string, QuestionResponse> Saved, int AttemptsUsed,
    IReadOnlyDictionary<string, ManualGrade>? Manual = null)
{
    public bool Submitted => Attempt.SubmittedAt is not null;

    /// <summary>Handed in with an essay that no instructor has graded yet: it has no score until then.</summary>
    public bool NeedsGrading => QuizService.NeedsGrading(Attempt);

    /// <summary>The questions in the order this attempt shows them, as a learner may see them.</summary>
    public PublicQuiz Public => PublicProjection.Project(Quiz, Attempt.Seed);

    /// <summary>The ids learners see for this attempt's questions.</summary>
    public PublicQuestionIds Ids => PublicQuestionIds.For(Quiz);

    /// <summary>The saved answers keyed by the ids learners see (the shape the API returns and takes).</summary>
    public IReadOnlyDictionary<string, QuestionResponse> SavedByPublicId =>
        Quiz.Questions.Where(q => Saved.ContainsKey(q.Id)).ToDictionary(q => Ids.Of(q.Id), q => Saved[q.Id], StringComparer.Ordinal);

    /// <summary>The saved answer to the question learners see as <paramref name="publicId"/>, if any.</summary>
    public QuestionResponse? SavedAnswer(string publicId) =>
        Ids.QuestionOf(publicId) is { } questionId ? Saved.GetValueOrDefault(questionId) : null;

    /// <summary>The questions (in this attempt's order) with no saved answer, or only an empty one.</summary>
    public IReadOnlyList<PublicQuestion> Unanswered => [.. Public.Questions.Where(q => SavedAnswer(q.Id) is not { IsEmpty: false })];

    /// <summary>This attempt with <paramref name="answers"/> (keyed by the ids learners see) saved over what it had.</summary>
    public LoadedAttempt WithSaved(IReadOnlyDictionary<string, QuestionResponse> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var saved = new Dictionary<string, QuestionResponse>(Saved, StringComparer.Ordinal);
        foreach (var (publicId, response) in answers)
        {
            if (Ids.QuestionOf(publicId) is { } questionId)
            {
                saved[questionId] = response;
            }
        }

        return this with { Saved = saved };
    }
}

/// <summary>What a submit did, and the attempt as it stands after it (graded when <see cref="Write"/> is done).</summary>
public sealed record SubmitResult(WriteResult Write, LoadedAttempt Attempt);

/// <summary>The learner's standing on a quiz: attempts, the grade that counts, and whether they may start.</summary>
/// <param name="CountingFraction">The grade that counts under the quiz's grading method (0..1); null before any finished attempt, and while marks are held back.</param>
/// <param name="MarksVisible">Whether the learner may see marks now (<c>show-marks</c>); when false, the attempts' scores must not be shown.</param>
public sealed record QuizOverview(
    IReadOnlyList<QuizAttempt> Attempts,
    double? CountingFraction,
    bool Passed,
    StartDecision Decision,
    QuizAttempt? InProgress,
    bool MarksVisible)
{
    /// <summary>The learner's own close date and/or time limit, set by an instructor; null when the quiz's apply.</summary>
    public QuizOverride? Override { get; init; }

    /// <summary>An instructor set the grade that counts by hand (it replaces the grade from attempts).</summary>
    public bool GradeOverridden { get; init; }
}

public enum StartOutcome
{
    Started,

    /// <summary>An attempt is already open; <see cref="StartResult.Attempt"/> is it.</summary>
    InProgress,
    Refused,
}

public sealed record StartResult(StartOutcome Outcome, QuizAttempt? Attempt, string Message);

public enum WriteOutcome
{
    /// <summary>Saved (or, for a submit, graded now).</summary>
    Done,

    /// <summary>The attempt was already submitted; nothing changed.</summary>
    AlreadySubmitted,

    /// <summary>Arrived after the deadline and the grace period; nothing changed (the attempt is closed with what was saved).</summary>
    TooLate,

    /// <summary>An answer names a question the attempt does not have, or does not fit its question; nothing changed.</summary>
    Invalid,
}

/// <param name="QuestionId">For <see cref="WriteOutcome.Invalid"/>: the id (as learners see it) of the question at fault.</param>
public sealed record WriteResult(WriteOutcome Outcome, string Message, string? QuestionId = null)
{
    public static WriteResult Ok { get; } = new(WriteOutcome.Done, "");
}
