namespace LlmCourse.Web.Data;

/// <summary>An instructor's message to the class, shown on the home page and the dashboard, and mailed to those who opted in.</summary>
public sealed class Announcement
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>As written, in Markdown.</summary>
    public string Body { get; set; } = "";

    /// <summary>Rendered once, when posted, by the course's safe Markdown pipeline.</summary>
    public string BodyHtml { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public DateTime PostedAt { get; set; }

    /// <summary>How many emails it was queued to.</summary>
    public int Recipients { get; set; }
}
