namespace LlmCourse.Web.Data;

/// <summary>An item a learner has completed: notes marked read, a lecture fully seen, a quiz passed, a deck mastered.</summary>
public sealed class ItemCompletion
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string ItemId { get; set; } = "";

    public DateTime CompletedAt { get; set; }

    /// <summary>What completed it: <c>manual</c>, <c>lecture</c>, <c>quiz</c> or <c>deck</c>.</summary>
    public string Source { get; set; } = "";
}
