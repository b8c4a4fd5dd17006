namespace LlmCourse.Web.Content;

/// <summary>Where the course's Markdown folder is (<c>Content:Path</c>) and how changes reach the site.</summary>
public sealed class ContentOptions
{
    /// <summary>The folder imported into the database on first start, and watched in Development.</summary>
    public string Path { get; set; } = "content";

    /// <summary>How long the watcher waits for a burst of file events to settle before importing.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Import edits of the folder as they happen; null means on in Development and Testing only.</summary>
    public bool? Watch { get; set; }

    /// <summary>How often an instance checks the database for content changes made by other instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
