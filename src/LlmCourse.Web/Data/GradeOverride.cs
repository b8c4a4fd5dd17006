namespace LlmCourse.Web.Data;

/// <summary>
/// A grade an instructor set by hand for one learner's quiz, replacing the one computed from attempts in the
/// gradebook, the learner's quiz page and completion. The reason is mandatory; the audit log keeps every change.
/// </summary>
public sealed class GradeOverride
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string QuizId { get; set; } = "";

    /// <summary>The grade as a fraction of the maximum, 0..1.</summary>
    public double Fraction { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>The instructor's email.</summary>
    public string SetBy { get; set; } = "";

    public DateTime SetAt { get; set; }
}
