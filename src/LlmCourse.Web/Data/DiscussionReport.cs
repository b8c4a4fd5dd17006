namespace LlmCourse.Web.Data;

/// <summary>Someone signed in flagged a post for instructors. One per person per post.</summary>
public sealed class DiscussionReport
{
    public long Id { get; set; }

    public long PostId { get; set; }

    public string ReporterId { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when an instructor dealt with the post's reports (hid it or dismissed them).</summary>
    public DateTime? ResolvedAt { get; set; }
}
