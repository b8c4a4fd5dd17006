using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>The grade of a whole attempt.</summary>
/// <param name="Questions">One grade per question, in the quiz's authored order.</param>
/// <param name="Score">Sum of the question marks.</param>
/// <param name="MaxScore">Sum of the question points.</param>
public sealed record AttemptResult(IReadOnlyList<QuestionGrade> Questions, double Score, double MaxScore)
{
    /// <summary>
    /// Some answered essay has no grade yet: the attempt has no score (Moodle leaves <c>sumgrades</c> null), so it must
    /// not count anywhere as if <see cref="Score"/>, the sum of the marks given so far, were final.
    /// </summary>
    public bool NeedsGrading => Questions.Any(q => q.State == GradeState.NeedsGrading);

    /// <summary>The score once every question is graded; null while the attempt <see cref="NeedsGrading"/>.</summary>
    public double? FinalScore => NeedsGrading ? null : Score;

    /// <summary>Score as a share of the maximum, 0..1 (0 for a quiz worth nothing).</summary>
    public double Fraction => MaxScore > 0 ? Score / MaxScore : 0;
}

/// <summary>Grades every question of an attempt; missing responses are unanswered.</summary>
public static class AttemptGrader
{
    /// <param name="manual">The instructor's grades of essays, keyed by question id (they outlast regrades).</param>
    public static AttemptResult Grade(Quiz quiz, IReadOnlyDictionary<string, QuestionResponse> responses, IReadOnlyDictionary<string, ManualGrade>? manual = null)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(responses);
        var grades = quiz.Questions
            .Select(q => Grader.Grade(q, responses.TryGetValue(q.Id, out var r) ? r : null, manual?.GetValueOrDefault(q.Id)))
            .ToList();
        return new AttemptResult(grades, grades.Sum(g => g.Mark), grades.Sum(g => g.MaxMark));
    }
}
