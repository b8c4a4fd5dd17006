namespace LlmCourse.Web.Data;

/// <summary>
/// The current bytes of one course image (<c>weeks/NN-slug/images/name.svg</c>): stored beside the course's
/// Markdown files, so every instance serves the same images and import and export carry them.
/// </summary>
public sealed class ContentAssetRecord
{
    public long Id { get; set; }

    /// <summary>Path relative to the content root, forward slashes.</summary>
    public string Path { get; set; } = "";

    /// <summary>The file exactly as uploaded or imported.</summary>
    public byte[] Bytes { get; set; } = [];

    /// <summary>The content hash of <see cref="Bytes"/> (16 hex characters), the same the loader puts in the image's URL.</summary>
    public string Hash { get; set; } = "";

    public DateTime UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
