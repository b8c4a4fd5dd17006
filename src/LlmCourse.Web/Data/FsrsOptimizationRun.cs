namespace LlmCourse.Web.Data;

/// <summary>
/// One optimisation of a scope's FSRS weights, requested by an instructor or the command line. The row is the run's
/// whole state: any instance may carry it out, and every instance shows its progress from here.
/// </summary>
public sealed class FsrsOptimizationRun
{
    public long Id { get; set; }

    /// <summary><c>course</c>, or <c>{week}/{deck}</c> for one deck.</summary>
    public string Scope { get; set; } = "";

    /// <summary>
    /// The scope while the run is queued or running, null once it has ended. A unique index on it lets only one run
    /// per scope be unfinished, across every instance, without provider-specific filtered indexes.
    /// </summary>
    public string? ActiveScope { get; set; }

    /// <summary><see cref="Instructor.Scheduling.FsrsRunStatus"/> as its number.</summary>
    public int Status { get; set; }

    /// <summary>The requesting account's email, or <c>command line</c>.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTime RequestedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    /// <summary>Last sign of life from the instance running it; a running row left silent is taken over.</summary>
    public DateTime? HeartbeatAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The optimiser's stage (<see cref="Core.Study.FsrsOptimizationStage"/>'s name) while running.</summary>
    public string? Stage { get; set; }

    /// <summary>Overall completion, 0 to 1.</summary>
    public double Progress { get; set; }

    public int Reviews { get; set; }

    public int TrainingReviews { get; set; }

    public int HeldOutReviews { get; set; }

    public double? LogLossBefore { get; set; }

    public double? LogLossAfter { get; set; }

    public double? RmseBinsBefore { get; set; }

    public double? RmseBinsAfter { get; set; }

    public bool Adopted { get; set; }

    /// <summary><see cref="Core.Study.FsrsOptimizationOutcome"/>'s name once finished.</summary>
    public string? Outcome { get; set; }

    public string? Explanation { get; set; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; set; }

    /// <summary>The fitted weights, as in <see cref="FsrsWeightSet.Parameters"/>, adopted or not.</summary>
    public string? FittedParameters { get; set; }
}
