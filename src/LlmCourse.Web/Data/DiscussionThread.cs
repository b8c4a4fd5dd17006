namespace LlmCourse.Web.Data;

/// <summary>
/// A discussion about one course item (and, for a lecture, optionally one slide). Its first post
/// (<see cref="DiscussionPost.IsOpening"/>) holds the question or comment; replies follow in order.
/// </summary>
public sealed class DiscussionThread
{
    public long Id { get; set; }

    public int WeekNumber { get; set; }

    public string ItemId { get; set; } = "";

    /// <summary>The lecture slide the thread is about, or null for the item as a whole.</summary>
    public int? Slide { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Null once the author's account is deleted.</summary>
    public string? AuthorId { get; set; }

    /// <summary>A question waits for an answer (and shows on the instructors' unanswered list); a comment does not.</summary>
    public bool IsQuestion { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last post or reply, for ordering lists.</summary>
    public DateTime LastActivityAt { get; set; }

    public DateTime? PinnedAt { get; set; }

    /// <summary>The reply an instructor marked as the answer.</summary>
    public long? AnswerPostId { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>Bumped by every change in the thread, so instances see that something changed with one cheap read.</summary>
    public int Revision { get; set; }
}
