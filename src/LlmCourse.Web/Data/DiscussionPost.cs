namespace LlmCourse.Web.Data;

/// <summary>
/// One post in a thread. The Markdown is rendered once, when it is saved or edited, and the HTML stored.
/// Deleting keeps the row (the thread keeps its shape and shows a placeholder); hiding keeps it for instructors.
/// </summary>
public sealed class DiscussionPost
{
    public long Id { get; set; }

    public long ThreadId { get; set; }

    /// <summary>True for the post that opened the thread.</summary>
    public bool IsOpening { get; set; }

    /// <summary>Null once the author's account is deleted.</summary>
    public string? AuthorId { get; set; }

    public string BodyMarkdown { get; set; } = "";

    public string BodyHtml { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? EditedAt { get; set; }

    /// <summary>Set when the author deleted the post; the text is erased then.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Set when an instructor hid the post: learners never receive it.</summary>
    public DateTime? HiddenAt { get; set; }

    public string? HiddenById { get; set; }
}
