namespace LlmCourse.Web.Data;

/// <summary>A signed-in learner who has viewed an item at least once: one row per (item, learner), so counting distinct learners is counting rows.</summary>
public sealed class ItemViewer
{
    public int WeekNumber { get; set; }

    public string ItemId { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTime FirstViewedAt { get; set; }
}
