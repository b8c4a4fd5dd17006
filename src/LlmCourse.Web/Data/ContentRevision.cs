namespace LlmCourse.Web.Data;

/// <summary>One saved version of a file (or its deletion): the item history and its diffs read these.</summary>
public sealed class ContentRevision
{
    public long Id { get; set; }

    public string Path { get; set; } = "";

    /// <summary>The full text saved; empty when <see cref="Deleted"/>.</summary>
    public string Text { get; set; } = "";

    public string Hash { get; set; } = "";

    public bool Deleted { get; set; }

    /// <summary>Who saved it: an e-mail address, or "content folder" for the watcher and the command line.</summary>
    public string Author { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>What produced it: edit, restore, import, upload, create, move, delete.</summary>
    public string Action { get; set; } = "";
}
