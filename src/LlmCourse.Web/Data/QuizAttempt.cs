namespace LlmCourse.Web.Data;

/// <summary>
/// One attempt at a quiz by one learner. The id is a random GUID (unguessable). The quiz revision it was
/// started on is kept (its Markdown in <see cref="QuizSnapshot"/>), so later edits never rewrite it.
/// </summary>
public sealed class QuizAttempt
{
    /// <summary>32 lower-case hex digits of a random GUID.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string QuizId { get; set; } = "";

    /// <summary>1-based; unique per learner and quiz, which is what stops parallel starts exceeding the limit.</summary>
    public int Number { get; set; }

    /// <summary>Seeds the question and choice order, so a reload shows the same order.</summary>
    public int Seed { get; set; }

    /// <summary>Content hash of the quiz file the attempt was started on.</summary>
    public string Revision { get; set; } = "";

    /// <summary>Revision the current score was graded against (differs from <see cref="Revision"/> after a regrade).</summary>
    public string? GradedRevision { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>When the attempt must end (time limit or close date); null when untimed.</summary>
    public DateTime? Deadline { get; set; }

    /// <summary>Null while in progress. Set once, by a conditional UPDATE, so a double submit grades once.</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>Closed by the server because time ran out, rather than handed in.</summary>
    public bool AutoClosed { get; set; }

    public double? Score { get; set; }

    public double MaxScore { get; set; }

    public bool Passed { get; set; }

    /// <summary>Per-question marks as a JSON object keyed by question id (CSV export, statistics).</summary>
    public string? MarksJson { get; set; }
}
