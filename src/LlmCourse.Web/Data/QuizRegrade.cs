namespace LlmCourse.Web.Data;

/// <summary>A score changed by an instructor's regrade: which attempt, from what to what, when, by whom.</summary>
public sealed class QuizRegrade
{
    public long Id { get; set; }

    public string AttemptId { get; set; } = "";

    public double OldScore { get; set; }

    public double NewScore { get; set; }

    /// <summary>The revision graded against.</summary>
    public string Revision { get; set; } = "";

    public DateTime RegradedAt { get; set; }

    public string RegradedBy { get; set; } = "";
}
