namespace LlmCourse.Web.Data;

/// <summary>
/// The FSRS-6 weights a course (or one deck of it) schedules with, as adopted by an optimisation run. A scope
/// without a row schedules with the course's row, and a course without one with the published defaults.
/// </summary>
public sealed class FsrsWeightSet
{
    public long Id { get; set; }

    /// <summary><c>course</c>, or <c>{week}/{deck}</c> for one deck.</summary>
    public string Scope { get; set; } = "";

    /// <summary>The 21 weights w0..w20, invariant-culture numbers separated by commas (round-trip precision).</summary>
    public string Parameters { get; set; } = "";

    public DateTime AdoptedAt { get; set; }

    /// <summary>The run that produced them.</summary>
    public long? RunId { get; set; }
}
