namespace LlmCourse.Web.Data;

/// <summary>
/// An instructor's exception to one quiz's timing for one learner (Moodle's user override): a close date and/or
/// a time limit of their own. At most one per (learner, week, quiz); changing it replaces the row, and the audit
/// log keeps who set what.
/// </summary>
public sealed class QuizUserOverride
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string QuizId { get; set; } = "";

    /// <summary>The learner's own close instant (UTC); null keeps the quiz's.</summary>
    public DateTime? Closes { get; set; }

    /// <summary>The learner's own time limit in minutes; null keeps the quiz's.</summary>
    public int? TimeLimitMinutes { get; set; }

    /// <summary>The instructor's email.</summary>
    public string SetBy { get; set; } = "";

    public DateTime SetAt { get; set; }
}
