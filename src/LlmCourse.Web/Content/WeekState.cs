namespace LlmCourse.Web.Content;

public enum PublicationStatus
{
    Draft,
    Scheduled,
    Published,
}

/// <summary>A week's publishing state as stored, with who set it and when.</summary>
public sealed record WeekState(int Week, PublicationStatus Status, DateTimeOffset? ReleaseAt, string ChangedBy, DateTimeOffset ChangedAt)
{
    /// <summary>The instant learners start seeing the week, or null while it is a draft.</summary>
    public DateTimeOffset? VisibleFrom => Status switch
    {
        PublicationStatus.Published => DateTimeOffset.MinValue,
        PublicationStatus.Scheduled => ReleaseAt,
        _ => null,
    };

    /// <summary>How the instructor area names the state at <paramref name="now"/>.</summary>
    public string Describe(DateTimeOffset now) => Status switch
    {
        PublicationStatus.Published => "Published",
        PublicationStatus.Scheduled when ReleaseAt <= now => $"Published (released {ReleaseAt:yyyy-MM-dd HH:mm} UTC)",
        PublicationStatus.Scheduled => $"Scheduled for {ReleaseAt:yyyy-MM-dd HH:mm} UTC",
        _ => "Draft",
    };
}
