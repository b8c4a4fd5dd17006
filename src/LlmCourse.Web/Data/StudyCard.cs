namespace LlmCourse.Web.Data;

/// <summary>
/// One learner's record of one card: its FSRS scheduling state plus what the other study modes learned about it.
/// A row exists once the learner did anything with the card; a card without one is new.
/// </summary>
public sealed class StudyCard
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string DeckId { get; set; } = "";

    public string CardId { get; set; } = "";

    /// <summary><see cref="Core.Study.CardLearningState"/> as its number.</summary>
    public int State { get; set; }

    public int? Step { get; set; }

    public double? Stability { get; set; }

    public double? Difficulty { get; set; }

    public DateTime Due { get; set; }

    public DateTime? LastReview { get; set; }

    public bool Starred { get; set; }

    /// <summary>Learn mode marked the card learned (mastery evidence).</summary>
    public bool LearnedInLearn { get; set; }

    /// <summary>A practice test graded the card right (mastery evidence).</summary>
    public bool CorrectInTest { get; set; }
}
