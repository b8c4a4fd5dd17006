namespace LlmCourse.Web.Data;

/// <summary>The Markdown of a quiz revision that attempts were taken on; the revision is its content hash.</summary>
public sealed class QuizSnapshot
{
    public string Revision { get; set; } = "";

    public string SourceFile { get; set; } = "";

    public string Markdown { get; set; } = "";

    public DateTime StoredAt { get; set; }
}
