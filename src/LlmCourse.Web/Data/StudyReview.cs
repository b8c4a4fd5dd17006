namespace LlmCourse.Web.Data;

/// <summary>
/// One spaced-repetition review: every field of <see cref="Core.Study.ReviewLog"/>, plus the client's review id,
/// unique per learner, so a replayed submission is recognised instead of applied twice.
/// </summary>
public sealed class StudyReview
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string ReviewId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string DeckId { get; set; } = "";

    public string CardId { get; set; } = "";

    public int Rating { get; set; }

    public DateTime ReviewedAt { get; set; }

    public int ElapsedDays { get; set; }

    public int ScheduledDays { get; set; }

    public TimeSpan Interval { get; set; }

    public int StateBefore { get; set; }

    public int StateAfter { get; set; }

    public double? StabilityBefore { get; set; }

    public double StabilityAfter { get; set; }

    public double? DifficultyBefore { get; set; }

    public double DifficultyAfter { get; set; }
}
