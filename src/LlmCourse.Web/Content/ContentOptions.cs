namespace LlmCourse.Web.Content;

/// <summary>Where the course's Markdown lives (<c>Content:Path</c>).</summary>
public sealed class ContentOptions
{
    public string Path { get; set; } = "content";

    /// <summary>How long the watcher waits for a burst of file events to settle before reloading.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
