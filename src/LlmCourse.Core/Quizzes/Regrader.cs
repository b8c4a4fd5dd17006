using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>A stored attempt to regrade: its id, the score it has now, the responses it saved and the essays' grades.</summary>
/// <param name="ManualGrades">Instructors' grades of essays by question id: a regrade keeps them.</param>
public sealed record StoredAttempt(
    string AttemptId, double OldScore, IReadOnlyDictionary<string, QuestionResponse> Responses, IReadOnlyDictionary<string, ManualGrade>? ManualGrades = null);

/// <summary>An attempt graded again against a new revision of the quiz.</summary>
public sealed record RegradedAttempt(string AttemptId, double OldScore, double NewScore, AttemptResult Result)
{
    /// <summary>An essay still waits for grading, so <see cref="NewScore"/> is not a score to store or show.</summary>
    public bool NeedsGrading => Result.NeedsGrading;

    /// <summary>Whether the score moved (beyond floating-point noise); an attempt still waiting for grading has no score to move.</summary>
    public bool Changed => !NeedsGrading && Math.Abs(NewScore - OldScore) > 1e-9;
}

/// <param name="Attempts">Every attempt, in the order given.</param>
/// <param name="Changed">Those whose score moved.</param>
public sealed record RegradeReport(IReadOnlyList<RegradedAttempt> Attempts, IReadOnlyList<RegradedAttempt> Changed);

/// <summary>
/// Regrades saved responses after an author fixes a quiz. Responses point at question ids and choice
/// ids (hashes of text), so a fixed answer key, a corrected tolerance or an added accepted answer all
/// apply; a removed question drops out and a new one counts as unanswered. Essays keep the marks instructors gave.
/// </summary>
public static class Regrader
{
    public static RegradeReport Regrade(Quiz revised, IReadOnlyList<StoredAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(revised);
        ArgumentNullException.ThrowIfNull(attempts);
        var regraded = attempts
            .Select(a =>
            {
                var result = AttemptGrader.Grade(revised, a.Responses, a.ManualGrades);
                return new RegradedAttempt(a.AttemptId, a.OldScore, result.Score, result);
            })
            .ToList();
        return new RegradeReport(regraded, regraded.Where(r => r.Changed).ToList());
    }
}
