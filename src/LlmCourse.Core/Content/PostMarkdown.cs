using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace LlmCourse.Core.Content;

/// <summary>
/// Markdown written by learners and instructors on the site (discussion posts): the course's own dialect and
/// link policy (<see cref="CourseMarkdown"/>: raw HTML shows as text, links only http, https, mailto or
/// relative), rendered once when the text is saved. Headings keep no id: a post shares its page with the
/// site's own anchors (<c>main</c>, <c>post-12</c>, the reply box) and must not be able to take one of them.
/// </summary>
public static class PostMarkdown
{
    /// <summary>Renders a post to safe HTML.</summary>
    public static string RenderHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = CourseMarkdown.Parse(markdown);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.GetAttributes().Id = null;
        }

        return CourseMarkdown.RenderBlocks(document);
    }
}
