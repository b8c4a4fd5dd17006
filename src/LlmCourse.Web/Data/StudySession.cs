namespace LlmCourse.Web.Data;

/// <summary>
/// One session of a study mode (learn, test, match, sort, flashcards) by a signed-in learner: its running state
/// while it lasts and its tally afterwards, which the deck's analytics sum per mode.
/// </summary>
public sealed class StudySession
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string DeckId { get; set; } = "";

    /// <summary>learn, test, match or sort.</summary>
    public string Mode { get; set; } = "";

    public DateTime StartedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public int Correct { get; set; }

    public int Answered { get; set; }

    /// <summary>Match: the final time with penalties, in milliseconds, measured by the server.</summary>
    public long? TimeMs { get; set; }

    /// <summary>The mode's state as JSON (answer keys included: it never leaves the server).</summary>
    public string? StateJson { get; set; }
}
