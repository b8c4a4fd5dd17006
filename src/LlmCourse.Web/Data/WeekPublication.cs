namespace LlmCourse.Web.Data;

/// <summary>A week's publishing state. Front matter only seeds it when the week is first imported.</summary>
public sealed class WeekPublication
{
    public int WeekNumber { get; set; }

    /// <summary><c>Draft</c>, <c>Scheduled</c> or <c>Published</c>.</summary>
    public string State { get; set; } = "";

    /// <summary>For Scheduled, the instant learners start seeing the week.</summary>
    public DateTime? ReleaseAt { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTime ChangedAt { get; set; }
}
