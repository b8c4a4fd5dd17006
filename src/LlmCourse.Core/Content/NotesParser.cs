using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace LlmCourse.Core.Content;

/// <summary>Class notes: the whole body rendered, with a table of contents and a reading-time estimate.</summary>
internal static partial class NotesParser
{
    /// <summary>Reading speed used for the estimate, in words a minute (docs/authoring.md).</summary>
    public const int WordsPerMinute = 200;

    public static Notes Parse(SourceDocument document, ItemHeader header, Glossary glossary)
    {
        var toc = document.Body
            .OfType<HeadingBlock>()
            .Where(h => h.Level is 2 or 3)
            .Select(h => new TocEntry(h.Level, h.TryGetAttributes()?.Id ?? "", CourseMarkdown.PlainText(h.Inline)))
            .ToList();

        // Footnotes belong to notes, so the whole tree is rendered (the front matter renders as nothing).
        var text = CourseMarkdown.PlainText(document.Ast.ToList());
        var words = CountWords(text);
        GlossaryMarkup.Link(glossary, document.Ast, [header.Id]);
        return new Notes
        {
            Id = header.Id,
            Title = header.Title,
            Kind = ItemKind.Notes,
            Summary = header.Summary,
            Tags = header.Tags,
            SourceFile = header.SourceFile,
            Markdown = header.Markdown,
            Revision = header.Revision,
            Html = CourseMarkdown.RenderBlocks(document.Ast),
            Toc = toc,
            WordCount = words,
            ReadingMinutes = ReadingMinutes(words),
            Text = text,
        };
    }

    public static int CountWords(string text) => Word().Count(text);

    public static int ReadingMinutes(int words) => Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
