using System.Net;
using System.Text;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>
/// The one Markdown dialect of the course: CommonMark with pipe tables, task lists, footnotes, GitHub-style
/// heading ids, YAML front matter and glossary terms (<see cref="GlossaryMarkup"/>); raw HTML shows as text and links may only use http, https, mailto
/// or a relative address. Thread-safe: the Markdig pipeline is built once and only read afterwards.
/// </summary>
public static class CourseMarkdown
{
    private const string ExternalRel = "noopener noreferrer";

    // Generic attributes ({onclick=...}) are deliberately absent: they let authors put any attribute on any element.
    private static readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseTaskLists()
        .UseFootnotes()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Use<GlossaryExtension>()
        .DisableHtml()
        .Build();

    /// <summary>Renders Markdown (front matter, if any, is left out) to safe HTML.</summary>
    public static string RenderHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Parse(markdown);
        return RenderBlocks(document);
    }

    /// <summary>The text a reader sees, without markup: blocks on separate lines, links reduced to their text.</summary>
    public static string ToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return PlainText(Parse(markdown));
    }

    /// <summary>
    /// Whether a link or image address may be rendered: http, https, mailto or relative. The decision is
    /// taken on the HTML-decoded, lower-cased address with whitespace and control characters removed,
    /// because browsers ignore those when they read a scheme (<c>jav&amp;#x09;ascript:</c> is <c>javascript:</c>).
    /// </summary>
    public static bool IsAllowedUrl(string? url)
    {
        var scheme = SchemeOf(url);
        return scheme is null or "http" or "https" or "mailto";
    }

    /// <summary>
    /// Parses Markdown with the course pipeline and removes every link the URL policy refuses; with
    /// <paramref name="images"/>, image addresses are then resolved to the course's images (once, at parse time).
    /// </summary>
    internal static MarkdownDocument Parse(string markdown, ImageResolver? images = null)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        Sanitize(document);
        images?.Resolve(document);
        return document;
    }

    /// <summary>Renders a whole document or a run of blocks taken from one.</summary>
    internal static string RenderBlocks(IEnumerable<Block> blocks)
    {
        using var writer = new StringWriter();
        var renderer = NewRenderer(writer);
        foreach (var block in blocks)
        {
            renderer.Write(block);
        }

        writer.Flush();
        return writer.ToString().Trim();
    }

    internal static string RenderBlocks(MarkdownDocument document) => RenderBlocks(document.ToList());

    /// <summary>Renders inline content without the paragraph around it.</summary>
    internal static string RenderInlines(ContainerInline? inlines)
    {
        if (inlines is null)
        {
            return "";
        }

        using var writer = new StringWriter();
        var renderer = NewRenderer(writer);
        renderer.WriteChildren(inlines);
        writer.Flush();
        return writer.ToString().Trim();
    }

    internal static string PlainText(IEnumerable<Block> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            AppendText(text, block);
        }

        return NormalizeLines(text.ToString());
    }

    internal static string PlainText(ContainerInline? inlines)
    {
        if (inlines is null)
        {
            return "";
        }

        var text = new StringBuilder();
        AppendText(text, inlines);
        return CollapseSpaces(text.ToString());
    }

    internal static string PlainText(IEnumerable<Inline> inlines)
    {
        var text = new StringBuilder();
        foreach (var inline in inlines)
        {
            AppendText(text, inline);
        }

        return CollapseSpaces(text.ToString());
    }

    internal static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static HtmlRenderer NewRenderer(StringWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        return renderer;
    }

    /// <summary>The lower-cased scheme a browser would see, or null for a relative address.</summary>
    private static string? SchemeOf(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        // Decode until stable so double-encoded tricks cannot hide a scheme from us either.
        var decoded = url;
        for (var i = 0; i < 4; i++)
        {
            var next = WebUtility.HtmlDecode(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
        }

        var cleaned = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                cleaned.Append(char.ToLowerInvariant(c));
            }
        }

        var normalized = cleaned.ToString();
        var colon = normalized.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        // A colon after the first path, query or fragment character is part of a relative address.
        var delimiter = normalized.AsSpan(0, colon).IndexOfAny("/?#\\");
        return delimiter >= 0 ? null : normalized[..colon];
    }

    // Browsers read "\\host" like "//host": both are protocol-relative, hence external.
    private static bool IsExternal(string url) =>
        SchemeOf(url) is "http" or "https" || url.TrimStart().Replace('\\', '/').StartsWith("//", StringComparison.Ordinal);

    private static void Sanitize(MarkdownDocument document)
    {
        // Materialise first: the walk below edits the tree.
        var links = document.Descendants().Where(o => o is LinkInline or AutolinkInline).Cast<Inline>().ToList();
        foreach (var inline in links)
        {
            switch (inline)
            {
                case LinkInline link:
                    SanitizeLink(link);
                    break;
                case AutolinkInline autolink:
                    SanitizeAutolink(autolink);
                    break;
            }
        }
    }

    private static void SanitizeLink(LinkInline link)
    {
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
        if (IsAllowedUrl(url))
        {
            if (!link.IsImage && IsExternal(url))
            {
                link.GetAttributes().AddProperty("rel", ExternalRel);
            }

            return;
        }

        if (link.IsImage)
        {
            link.ReplaceBy(new LiteralInline(PlainText((IEnumerable<Inline>)link)), copyChildren: false);
            return;
        }

        // Keep the link's text in place of the link.
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    private static void SanitizeAutolink(AutolinkInline autolink)
    {
        var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
        if (!IsAllowedUrl(url))
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
        }
        else if (IsExternal(url))
        {
            autolink.GetAttributes().AddProperty("rel", ExternalRel);
        }
    }

    private static void AppendText(StringBuilder text, MarkdownObject node)
    {
        switch (node)
        {
            case FootnoteGroup:
            case LinkReferenceDefinitionGroup:
            case Markdig.Extensions.Yaml.YamlFrontMatterBlock:
                return;
            case LeafBlock { Inline: not null } leaf:
                AppendText(text, leaf.Inline);
                text.Append('\n');
                return;
            case LeafBlock leaf:
                foreach (var line in leaf.Lines.Lines.Take(leaf.Lines.Count))
                {
                    text.Append(line.Slice.ToString()).Append('\n');
                }

                return;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendText(text, child);
                }

                return;
            case TaskList:
            case FootnoteLink:
            case LinkInline { IsImage: true }:
                // An image is not text: its alt text would otherwise leak into card answers, word counts and search.
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                return;
            case CodeInline code:
                text.Append(code.Content);
                return;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                return;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                return;
            case LineBreakInline:
                text.Append(' ');
                return;
            case HtmlInline html:
                text.Append(html.Tag);
                return;
            case ContainerInline inlines:
                foreach (var child in inlines)
                {
                    AppendText(text, child);
                }

                return;
        }
    }

    private static string NormalizeLines(string text)
    {
        var lines = text.Split('\n')
            .Select(CollapseSpaces)
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }
}
