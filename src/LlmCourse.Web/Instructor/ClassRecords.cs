using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;

namespace LlmCourse.Web.Instructor;

/// <summary>A learner as instructors see them in the overview and gradebook.</summary>
public sealed record EnrolledLearner(string Id, string Email, string Name, DateTime JoinedAt);

/// <summary>
/// What every learner has done, read in one go for the overview and the gradebook: accounts in the Learner
/// role, their viewing and completion records, and their handed-in quiz attempts.
/// </summary>
public sealed class ClassRecords(
    IReadOnlyList<EnrolledLearner> learners,
    IReadOnlyList<ItemVisit> visits,
    IReadOnlyList<ItemCompletion> completions,
    IReadOnlyList<QuizAttempt> submittedAttempts,
    IReadOnlyDictionary<(string UserId, int Week, string QuizId), LearnerGradeOverride>? gradeOverrides = null)
{
    private readonly IReadOnlyDictionary<(string UserId, int Week, string QuizId), LearnerGradeOverride> _gradeOverrides =
        gradeOverrides ?? new Dictionary<(string, int, string), LearnerGradeOverride>();

    private readonly Dictionary<string, LearnerProgress> _progress = Progress(learners, visits, completions);

    private readonly ILookup<(string UserId, int Week, string QuizId), QuizAttempt> _attempts =
        submittedAttempts.ToLookup(a => (a.UserId, a.WeekNumber, a.QuizId));

    public IReadOnlyList<EnrolledLearner> Learners { get; } = learners;

    public LearnerProgress ProgressOf(string userId) => _progress.GetValueOrDefault(userId) ?? LearnerProgress.Empty;

    /// <summary>
    /// The grade that counts (0..1): an instructor's override when there is one, else the grade under the quiz's
    /// grading method; null before any attempt is handed in.
    /// </summary>
    public double? GradeOf(string userId, int weekNumber, Quiz quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var attempts = _attempts[(userId, weekNumber, quiz.Id)].ToList();
        return GradeOverrides.Counting(
            attempts.Count == 0 ? null : QuizService.CountingFraction(quiz.Settings, attempts),
            OverrideOf(userId, weekNumber, quiz.Id)?.Fraction);
    }

    /// <summary>The instructor's grade override for this learner's quiz, or null.</summary>
    public LearnerGradeOverride? OverrideOf(string userId, int weekNumber, string quizId) =>
        _gradeOverrides.GetValueOrDefault((userId, weekNumber, quizId));

    public int AttemptsOf(string userId, int weekNumber, string quizId) => _attempts[(userId, weekNumber, quizId)].Count();

    /// <summary>Handed-in attempts whose essays wait for grading: they have no score yet and count nowhere until graded.</summary>
    public int PendingOf(string userId, int weekNumber, string quizId) => _attempts[(userId, weekNumber, quizId)].Count(QuizService.NeedsGrading);

    /// <summary>Learners who viewed, completed or handed in anything on or after <paramref name="since"/>.</summary>
    public int ActiveSince(DateTime since)
    {
        var quizTakers = submittedAttempts.Where(a => a.SubmittedAt >= since).Select(a => a.UserId).ToHashSet(StringComparer.Ordinal);
        return Learners.Count(l => quizTakers.Contains(l.Id)
            || (ProgressOf(l.Id) is var p && (p.Visits.Any(v => v.LastAt >= since) || p.Completions.Any(c => c.CompletedAt >= since))));
    }

    private static Dictionary<string, LearnerProgress> Progress(
        IReadOnlyList<EnrolledLearner> learners, IReadOnlyList<ItemVisit> visits, IReadOnlyList<ItemCompletion> completions)
    {
        var visitsByUser = visits.ToLookup(v => v.UserId, StringComparer.Ordinal);
        var completionsByUser = completions.ToLookup(c => c.UserId, StringComparer.Ordinal);
        return learners.ToDictionary(
            l => l.Id,
            l => new LearnerProgress([.. visitsByUser[l.Id]], [.. completionsByUser[l.Id]]),
            StringComparer.Ordinal);
    }
}
