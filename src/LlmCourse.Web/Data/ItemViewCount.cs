namespace LlmCourse.Web.Data;

/// <summary>
/// Views of one course item on one UTC day. Instances add their batched counts with one atomic upsert per
/// row (<c>Views = Views + n</c>), so several instances never lose or double a view.
/// </summary>
public sealed class ItemViewCount
{
    public int WeekNumber { get; set; }

    public string ItemId { get; set; } = "";

    public DateOnly Day { get; set; }

    public long Views { get; set; }
}
