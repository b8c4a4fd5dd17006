namespace LlmCourse.Web.Data;

/// <summary>An in-site notice to a thread's author that someone replied.</summary>
public sealed class DiscussionNotification
{
    public long Id { get; set; }

    public string RecipientId { get; set; } = "";

    public long ThreadId { get; set; }

    public long PostId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
