namespace LlmCourse.Web.Data;

/// <summary>The current text of one course file: the database, not a folder, is what every instance serves.</summary>
public sealed class ContentFileRecord
{
    public long Id { get; set; }

    /// <summary>Path relative to the content root, forward slashes (<c>weeks/03-lora/01-notes.md</c>).</summary>
    public string Path { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>First 8 bytes of the SHA-256 of the UTF-8 text, hex.</summary>
    public string Hash { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
