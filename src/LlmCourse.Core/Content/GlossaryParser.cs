using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>
/// Parses <c>glossary.md</c>: front matter (<c>title</c>, <c>summary</c>), an optional introduction, then one
/// <c>## Term {#id}</c> section per term whose first line may be <c>Also: alias, alias</c> and whose remaining blocks
/// are the definition. A term without an id or a definition, an id or a name (term or alias) used twice, or a name
/// that cannot be found in text (it must start and end with a letter or digit) is an error with its line.
/// </summary>
internal static class GlossaryParser
{
    private const string AlsoPrefix = "Also:";
    private const int MaxNameLength = 100;

    private static readonly string[] _keys = ["title", "summary"];

    public static (Glossary? Glossary, IReadOnlyList<ContentError> Errors) Parse(ContentFile file)
    {
        var document = SourceDocument.Parse(file);
        var frontMatter = FrontMatter.Read(document);
        frontMatter.RejectUnknownKeys(_keys);
        var title = frontMatter.String("title") ?? "Glossary";
        var summary = frontMatter.String("summary") ?? "";

        var (preamble, sections) = Sections.Split(document.Body);
        if (sections.Count == 0)
        {
            document.AddError(1, "The glossary needs at least one term: a '##' heading ending in {#id}, with the definition below it.");
        }

        var terms = new List<GlossaryTerm>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, (string Id, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            var attributes = Sections.ReadAttributes(document, section.Heading, "term");
            if (attributes.Values.Count > 0)
            {
                document.AddError(section.Line, $"A term's heading takes only its id; remove {string.Join(", ", attributes.Values.Keys)}.");
            }

            var id = attributes.Id;
            if (id is not null && IsReserved(id))
            {
                document.AddError(section.Line, $"The id '{id}' is used by the glossary page itself; choose another.");
                id = null;
            }

            if (id is not null && !ids.TryAdd(id, section.Line))
            {
                document.AddError(section.Line, $"The term id '{id}' is already used on line {ids[id]}.");
                id = null;
            }

            var term = Name(CourseMarkdown.PlainText(section.Heading.Inline));
            var blocks = section.Blocks.ToList();
            var aliases = TakeAliases(document, blocks);
            if (term.Length == 0)
            {
                document.AddError(section.Line, "A term's heading must name the term before its {#id}.");
                continue;
            }

            foreach (var name in aliases.Prepend(term))
            {
                CheckName(document, section.Line, name, id ?? "", names);
            }

            if (blocks.Count == 0)
            {
                document.AddError(section.Line, $"The term '{term}' has no definition below its heading.");
                continue;
            }

            if (id is null)
            {
                continue;
            }

            var text = CourseMarkdown.PlainText(blocks);
            terms.Add(new GlossaryTerm(id, term, aliases, CourseMarkdown.RenderBlocks(blocks), text, DeckParser.FirstSentence(text), section.Line));
        }

        if (document.HasErrors)
        {
            return (null, document.Errors);
        }

        return (new Glossary(title, summary, CourseMarkdown.RenderBlocks(preamble), terms, ContentRules.Hash(file.Text)), []);
    }

    /// <summary>Ids the glossary page uses for itself: the layout's <c>main</c> and the page's own <c>glossary-…</c> ids.</summary>
    public static bool IsReserved(string id) => id == "main" || id.StartsWith("glossary-", StringComparison.Ordinal);

    /// <summary>
    /// Removes an <c>Also:</c> line at the start of the definition and returns its names. The names are read from the
    /// source line as written (commas separate them), so Markdown characters such as the underscore in <c>max_tokens</c> stay.
    /// </summary>
    private static List<string> TakeAliases(SourceDocument document, List<Block> blocks)
    {
        if (blocks.Count == 0 || blocks[0] is not ParagraphBlock { Inline: { } inlines } paragraph)
        {
            return [];
        }

        var line = SourceDocument.LineOf(paragraph);
        var source = document.SourceLine(line).Trim();
        if (!source.StartsWith(AlsoPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var aliases = source[AlsoPrefix.Length..]
            .Split(',')
            .Select(Name)
            .ToList();
        if (aliases.Any(a => a.Length == 0))
        {
            document.AddError(line, "The 'Also:' line lists other names of the term separated by commas; one of them is empty.");
        }

        // The rest of the paragraph, after the first line break, is the start of the definition.
        var lineBreak = inlines.FirstOrDefault(i => i is LineBreakInline);
        if (lineBreak is null)
        {
            blocks.RemoveAt(0);
        }
        else
        {
            while (inlines.FirstChild is { } first && first != lineBreak)
            {
                first.Remove();
            }

            lineBreak.Remove();
        }

        return [.. aliases.Where(a => a.Length > 0)];
    }

    private static void CheckName(SourceDocument document, int line, string name, string id, Dictionary<string, (string Id, int Line)> names)
    {
        if (name.Length > MaxNameLength)
        {
            document.AddError(line, $"'{name[..20]}…' is longer than {MaxNameLength} characters.");
        }
        else if (!char.IsLetterOrDigit(name[0]) || !char.IsLetterOrDigit(name[^1]))
        {
            document.AddError(line, $"'{name}' must start and end with a letter or digit, so that it can be found in text.");
        }
        else if (names.TryGetValue(name, out var other))
        {
            document.AddError(line, other.Id == id
                ? $"'{name}' is listed twice for this term."
                : $"'{name}' already names the term on line {other.Line}; a name may belong to one term only.");
        }
        else
        {
            names[name] = (id, line);
        }
    }

    private static string Name(string text) => CourseMarkdown.CollapseSpaces(text);
}
