using System.Text.RegularExpressions;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>A <c>##</c> heading and the top-level blocks under it, up to the next <c>##</c>.</summary>
internal sealed record Section(HeadingBlock Heading, IReadOnlyList<Block> Blocks)
{
    /// <summary>1-based file line of the heading.</summary>
    public int Line => SourceDocument.LineOf(Heading);
}

/// <summary>The <c>{#id key=value}</c> at the end of a card's or question's heading.</summary>
internal sealed record HeadingAttributes(string? Id, IReadOnlyDictionary<string, string> Values);

/// <summary>Splitting a body into <c>##</c> sections and reading heading ids: shared by lectures, decks and quizzes.</summary>
internal static partial class Sections
{
    /// <summary>Splits top-level blocks at each level-2 heading; what comes before the first one is the preamble.</summary>
    public static (IReadOnlyList<Block> Preamble, IReadOnlyList<Section> Sections) Split(IReadOnlyList<Block> body)
    {
        var preamble = new List<Block>();
        var sections = new List<Section>();
        HeadingBlock? heading = null;
        var blocks = new List<Block>();
        foreach (var block in body)
        {
            if (block is HeadingBlock { Level: 2 } h2)
            {
                if (heading is not null)
                {
                    sections.Add(new Section(heading, blocks));
                }

                heading = h2;
                blocks = [];
            }
            else if (heading is null)
            {
                preamble.Add(block);
            }
            else
            {
                blocks.Add(block);
            }
        }

        if (heading is not null)
        {
            sections.Add(new Section(heading, blocks));
        }

        return (preamble, sections);
    }

    /// <summary>
    /// Reads the trailing <c>{#id key=value}</c> from the heading's source text and removes it from the
    /// heading's inline content, so titles and rendered prompts no longer show it. Generic attributes are
    /// not enabled in the pipeline (they would allow <c>onclick=</c>), hence this narrow reader.
    /// </summary>
    public static HeadingAttributes ReadAttributes(SourceDocument document, HeadingBlock heading, string what)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var line = SourceDocument.LineOf(heading);
        var source = document.SourceLine(line);
        var match = TrailingBraces().Match(source);
        if (!match.Success)
        {
            document.AddError(line, $"This {what} needs an id at the end of its heading, like {{#my-{what}-id}}.");
            return new HeadingAttributes(null, values);
        }

        TrimTrailingText(heading, match.Groups["braces"].Value);

        var tokens = match.Groups["inner"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string? id = null;
        if (tokens.Length == 0 || !tokens[0].StartsWith('#'))
        {
            document.AddError(line, $"The braces at the end of this {what}'s heading must start with its id, like {{#my-{what}-id}}.");
        }
        else
        {
            id = tokens[0][1..];
            if (!ContentRules.IsValidId(id))
            {
                document.AddError(line, $"The id '{id}' does not follow the rule for ids: {ContentRules.IdRuleText}.");
                id = null;
            }
        }

        foreach (var token in tokens.Skip(1))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == token.Length - 1)
            {
                document.AddError(line, $"'{token}' in the heading's braces must be written key=value.");
                continue;
            }

            if (!values.TryAdd(token[..equals], token[(equals + 1)..]))
            {
                document.AddError(line, $"'{token[..equals]}' is given twice in the heading's braces.");
            }
        }

        return new HeadingAttributes(id, values);
    }

    /// <summary>
    /// Reads a heading's <c>tests=</c> value: comma-separated <c>lecture-id/3</c> (a slide) or
    /// <c>notes-id#section-id</c> (a notes heading). Whether the slide or section exists is the publish
    /// check's to say, since the other file may not be parsed yet.
    /// </summary>
    public static IReadOnlyList<MaterialReference> ReadTests(SourceDocument document, int line, string? value)
    {
        if (value is null)
        {
            return [];
        }

        var references = new List<MaterialReference>();
        foreach (var part in value.Split(','))
        {
            var match = TestsReference().Match(part);
            if (!match.Success || !ContentRules.IsValidId(match.Groups["item"].Value))
            {
                document.AddError(line, $"tests={part} must name a slide as lecture-id/number or a notes section as notes-id#section-id (several separated by commas, no spaces).");
                continue;
            }

            var item = match.Groups["item"].Value;
            var reference = match.Groups["slide"].Success
                ? new MaterialReference(item, int.TryParse(match.Groups["slide"].Value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0, null)
                : new MaterialReference(item, null, match.Groups["section"].Value);
            if (reference.Slide is < 1)
            {
                document.AddError(line, $"tests={part}: slides are numbered from 1.");
                continue;
            }

            if (references.Contains(reference))
            {
                document.AddError(line, $"tests= names {reference} twice.");
                continue;
            }

            references.Add(reference);
        }

        return references;
    }

    private static void TrimTrailingText(HeadingBlock heading, string text)
    {
        var remaining = text.Length;
        while (remaining > 0 && heading.Inline?.LastChild is LiteralInline literal)
        {
            var content = literal.Content.ToString().TrimEnd();
            if (content.Length <= remaining)
            {
                remaining -= content.Length;
                literal.Remove();
            }
            else
            {
                literal.Content = new StringSlice(content[..^remaining]);
                remaining = 0;
            }
        }

        // Whitespace before the braces ends up at the end of the remaining text.
        if (heading.Inline?.LastChild is LiteralInline last)
        {
            last.Content = new StringSlice(last.Content.ToString().TrimEnd());
        }
    }

    [GeneratedRegex(@"^(?<item>[a-z0-9-]+)(?:/(?<slide>[0-9]{1,4})|#(?<section>[A-Za-z0-9_-]+))$")]
    private static partial Regex TestsReference();

    // The braces must close the heading (an ATX closing sequence of #s may follow).
    [GeneratedRegex(@"(?<braces>\{(?<inner>[^{}]*)\})\s*(?:#+\s*)?$")]
    private static partial Regex TrailingBraces();
}
