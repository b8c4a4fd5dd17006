using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>A block of Markdown made from HTML, and whether it is a plain paragraph (which may become a question's heading).</summary>
internal sealed record MarkdownBlock(string Markdown, bool IsParagraph);

/// <summary>
/// GIFT text marked <c>[html]</c> as quiz Markdown. The HTML is first cleaned by an allow-list sanitiser
/// (HtmlSanitizer: scripts, styles, frames, forms, event handlers, inline styles and URLs of other schemes go, with
/// their content), then each element that has a Markdown form becomes it — paragraphs, line breaks, bold, italics,
/// code, preformatted blocks, lists, links, tables — and any other element leaves only its text, escaped. The result
/// holds no raw HTML, so it renders through the course's one Markdown pipeline (raw HTML shown as text, link
/// schemes allow-listed): nothing from an imported file reaches a page as markup of its own.
/// </summary>
internal static class GiftHtml
{
    // Formatting and structure only; everything else is removed with its content (KeepChildNodes = false).
    private static readonly string[] _allowedTags =
    [
        "p", "div", "span", "font", "center", "small", "big", "u", "s", "strike", "del", "ins", "mark", "abbr", "cite", "q", "dfn", "var",
        "sub", "sup", "b", "strong", "i", "em", "code", "tt", "kbd", "samp", "pre", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "a",
        "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "section", "article", "header", "footer", "figure", "figcaption", "address",
    ];

    private static readonly HashSet<string> _blockTags = new(StringComparer.Ordinal)
    {
        "p", "div", "center", "pre", "hr", "ul", "ol", "dl", "dt", "dd", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
        "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "address",
    };

    // HtmlSanitizer is not documented as thread-safe for concurrent Sanitize calls; one per thread is cheap enough.
    [ThreadStatic]
    private static HtmlSanitizer? _sanitizer;

    private static readonly HtmlParser _parser = new();

    /// <summary>The HTML as Markdown blocks (paragraphs, code blocks, lists, tables), in order; empty when nothing readable is left.</summary>
    public static IReadOnlyList<MarkdownBlock> Blocks(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var body = Parse(html);
        var blocks = new List<MarkdownBlock>();
        var paragraph = new StringBuilder();
        WriteBlocks(body.ChildNodes, blocks, paragraph);
        Flush(blocks, paragraph);
        return blocks;
    }

    /// <summary>The HTML as one line of inline Markdown (block structure flattened to spaces), for answers and feedback.</summary>
    public static string Inline(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder();
        WriteInline(Parse(html).ChildNodes, text);
        return EscapeLineStart(Collapse(text.ToString()));
    }

    /// <summary>The text a reader sees, without markup (for making ids).</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Collapse(Parse(html).TextContent);
    }

    /// <summary>Backslash-escapes the characters that would make Markdown out of literal text (and the braces of {#id}).</summary>
    public static string EscapeText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '{' or '}' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes what would change the structure of a line of <see cref="EscapeText"/>-escaped text where it starts a
    /// line: a heading, a list or numbered item, a thematic break or a setext underline (<c>*</c> and <c>&gt;</c> are
    /// escaped in the text already, and where they start a line here they are emphasis this class wrote).
    /// </summary>
    public static string EscapeLineStart(string line)
    {
        if (line.Length > 0 && "#-+=".Contains(line[0], StringComparison.Ordinal))
        {
            return "\\" + line;
        }

        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < line.Length && line[digits] is '.' or ')' ? line.Insert(digits, "\\") : line;
    }

    private static IElement Parse(string html)
    {
        var sanitizer = _sanitizer ??= NewSanitizer();
        var clean = sanitizer.Sanitize(html);
        return _parser.ParseDocument($"<!DOCTYPE html><html><body>{clean}</body></html>").Body!;
    }

    private static HtmlSanitizer NewSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(_allowedTags);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(["href", "alt"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.UriAttributes.Clear();
        sanitizer.UriAttributes.Add("href");
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = false;
        return sanitizer;
    }

    private static void WriteBlocks(INodeList nodes, List<MarkdownBlock> blocks, StringBuilder paragraph)
    {
        foreach (var node in nodes)
        {
            if (node is not IElement element || !_blockTags.Contains(element.LocalName))
            {
                if (node is IElement { LocalName: "br" })
                {
                    // A hard line break inside the paragraph: a backslash at the end of the line.
                    if (paragraph.ToString().Trim().Length > 0)
                    {
                        paragraph.Append("\\\n");
                    }

                    continue;
                }

                WriteInline([node], paragraph);
                continue;
            }

            Flush(blocks, paragraph);
            switch (element.LocalName)
            {
                case "pre":
                    blocks.Add(new MarkdownBlock(CodeBlock(element.TextContent), false));
                    break;
                case "ul" or "ol":
                    if (List(element) is { Length: > 0 } list)
                    {
                        blocks.Add(new MarkdownBlock(list, false));
                    }

                    break;
                case "table":
                    if (Table(element) is { Length: > 0 } table)
                    {
                        blocks.Add(new MarkdownBlock(table, false));
                    }

                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    // A heading inside a question would cut it in two: it becomes a bold paragraph.
                    if (InlineOf(element) is { Length: > 0 } heading)
                    {
                        blocks.Add(new MarkdownBlock(EscapeLineStart(Strong(heading, "**")), true));
                    }

                    break;
                case "hr":
                    break;
                case "blockquote":
                    var inner = new List<MarkdownBlock>();
                    var innerParagraph = new StringBuilder();
                    WriteBlocks(element.ChildNodes, inner, innerParagraph);
                    Flush(inner, innerParagraph);
                    foreach (var block in inner)
                    {
                        blocks.Add(new MarkdownBlock(string.Join('\n', block.Markdown.Split('\n').Select(l => "> " + l)), false));
                    }

                    break;
                default:
                    WriteBlocks(element.ChildNodes, blocks, paragraph);
                    Flush(blocks, paragraph);
                    break;
            }
        }
    }

    private static void Flush(List<MarkdownBlock> blocks, StringBuilder paragraph)
    {
        var lines = paragraph.ToString().Split('\n')
            .Select(l => Collapse(l.EndsWith('\\') ? l[..^1] : l))
            .Where(l => l.Length > 0)
            .Select(EscapeLineStart)
            .ToList();
        paragraph.Clear();
        if (lines.Count > 0)
        {
            blocks.Add(new MarkdownBlock(string.Join("\\\n", lines), true));
        }
    }

    private static string InlineOf(IElement element)
    {
        var text = new StringBuilder();
        WriteInline(element.ChildNodes, text);
        return Collapse(text.ToString());
    }

    private static void WriteInline(IEnumerable<INode> nodes, StringBuilder text)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case IText t:
                    text.Append(EscapeText(CollapseKeepingEnds(t.Data)));
                    break;
                case IElement e:
                    WriteElement(e, text);
                    break;
            }
        }
    }

    private static void WriteElement(IElement element, StringBuilder text)
    {
        switch (element.LocalName)
        {
            case "br":
                text.Append(' ');
                break;
            case "b" or "strong":
                text.Append(Strong(InlineOfKeepingSpace(element), "**"));
                break;
            case "i" or "em" or "cite" or "dfn" or "var":
                text.Append(Strong(InlineOfKeepingSpace(element), "*"));
                break;
            case "code" or "tt" or "kbd" or "samp":
                text.Append(CodeSpan(element.TextContent));
                break;
            case "a":
                var label = InlineOf(element);
                var href = element.GetAttribute("href")?.Trim();
                text.Append(!string.IsNullOrEmpty(href) && label.Length > 0 && CourseMarkdown.IsAllowedUrl(href)
                    ? $"[{label}](<{href.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}>)"
                    : label);
                break;
            case "img":
                // Images of a Moodle course (@@PLUGINFILE@@) do not travel with the file: keep what they stand for.
                if (element.GetAttribute("alt") is { Length: > 0 } alt)
                {
                    text.Append(EscapeText(Collapse(alt)));
                }

                break;
            default:
                var block = _blockTags.Contains(element.LocalName);
                if (block)
                {
                    text.Append(' ');
                }

                WriteInline(element.ChildNodes, text);
                if (block)
                {
                    text.Append(' ');
                }

                break;
        }
    }

    // Emphasis markers must touch the text they wrap, so spaces just inside the element move outside it.
    private static string InlineOfKeepingSpace(IElement element)
    {
        var text = new StringBuilder();
        WriteInline(element.ChildNodes, text);
        return text.ToString();
    }

    private static string Strong(string inner, string marker)
    {
        var trimmed = inner.Trim();
        if (trimmed.Length == 0)
        {
            return inner.Length > 0 ? " " : "";
        }

        var lead = inner.Length > 0 && char.IsWhiteSpace(inner[0]) ? " " : "";
        var trail = inner.Length > 0 && char.IsWhiteSpace(inner[^1]) ? " " : "";
        return $"{lead}{marker}{trimmed}{marker}{trail}";
    }

    private static string CodeSpan(string code)
    {
        code = Collapse(code);
        if (code.Length == 0)
        {
            return "";
        }

        var fence = new string('`', LongestRun(code, '`') + 1);
        var pad = code.StartsWith('`') || code.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{code}{pad}{fence}";
    }

    private static string CodeBlock(string code)
    {
        code = code.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n');
        var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
        return $"{fence}\n{code}\n{fence}";
    }

    private static string List(IElement list)
    {
        var ordered = list.LocalName == "ol";
        var lines = new List<string>();
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var text = InlineOf(item);
            if (text.Length > 0)
            {
                // '*' bullets: a list that ends a prompt must not run into the '-' list of answers below it.
                lines.Add($"{(ordered ? $"{lines.Count + 1}." : "*")} {text}");
            }
        }

        return string.Join('\n', lines);
    }

    private static string Table(IElement table)
    {
        // Cell text is escaped already, pipes included, so a cell cannot split the row.
        var rows = table.QuerySelectorAll("tr")
            .Select(r => r.Children.Where(c => c.LocalName is "th" or "td").Select(c => InlineOf(c)).ToList())
            .Where(r => r.Count > 0)
            .ToList();
        if (rows.Count == 0)
        {
            return "";
        }

        var columns = rows.Max(r => r.Count);
        string Row(List<string> cells) => "| " + string.Join(" | ", cells.Concat(Enumerable.Repeat("", columns - cells.Count))) + " |";
        var lines = new List<string> { Row(rows[0]), "| " + string.Join(" | ", Enumerable.Repeat("---", columns)) + " |" };
        lines.AddRange(rows.Skip(1).Select(Row));
        return string.Join('\n', lines);
    }

    private static int LongestRun(string text, char ch)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == ch ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Whitespace runs become one space, but a text node's leading or trailing space is kept: it separates words
    // from the elements beside it.
    private static string CollapseKeepingEnds(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var inner = Collapse(text);
        if (inner.Length == 0)
        {
            return " ";
        }

        return (char.IsWhiteSpace(text[0]) ? " " : "") + inner + (char.IsWhiteSpace(text[^1]) ? " " : "");
    }
}
