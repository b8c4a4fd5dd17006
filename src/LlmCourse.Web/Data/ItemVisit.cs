namespace LlmCourse.Web.Data;

/// <summary>
/// A learner's visits to one item on one (UTC) day. Viewing a slide is a single upsert of this row,
/// so history by day (the activity calendar, recent activity) comes with no second write.
/// </summary>
public sealed class ItemVisit
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public DateOnly Day { get; set; }

    public int WeekNumber { get; set; }

    public string ItemId { get; set; } = "";

    /// <summary>The slide last viewed that day (lectures), else 0.</summary>
    public int LastSlide { get; set; }

    /// <summary>Bit n-1 set when slide n was viewed that day (slides 1 to 63).</summary>
    public long SlidesSeen { get; set; }

    public DateTime FirstAt { get; set; }

    public DateTime LastAt { get; set; }
}
