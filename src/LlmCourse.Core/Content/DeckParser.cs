using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>Flashcard deck: each <c>##</c> heading with <c>{#id}</c> is a card's front, the blocks below are its back.</summary>
internal static partial class DeckParser
{
    private const string ShortAnswerPrefix = "Short answer:";

    public static Deck Parse(SourceDocument document, ItemHeader header, Glossary glossary)
    {
        var (_, sections) = Sections.Split(document.Body);
        if (sections.Count == 0)
        {
            document.AddError(1, "A deck needs at least one card: a '##' heading ending in {#id}, with the answer below it.");
        }

        var cards = new List<Card>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var attributes = Sections.ReadAttributes(document, section.Heading, "card");
            var unknown = attributes.Values.Keys.Where(k => k != "tests").ToList();
            if (unknown.Count > 0)
            {
                document.AddError(section.Line, $"A card's heading takes only its id and tests=; remove {string.Join(", ", unknown)}.");
            }

            var tests = Sections.ReadTests(document, section.Line, attributes.Values.GetValueOrDefault("tests"));

            if (attributes.Id is { } id && !seen.TryAdd(id, section.Line))
            {
                document.AddError(section.Line, $"The card id '{id}' is already used on line {seen[id]}.");
            }

            var question = CourseMarkdown.PlainText(section.Heading.Inline);
            if (section.Blocks.Count == 0)
            {
                document.AddError(section.Line, $"The card '{question}' has no answer below its heading.");
                continue;
            }

            var blocks = section.Blocks.ToList();
            var shortAnswer = TakeShortAnswer(blocks);
            var answerText = CourseMarkdown.PlainText(blocks);
            if (attributes.Id is not null)
            {
                GlossaryMarkup.Link(glossary, blocks, [header.Id, attributes.Id]);
                cards.Add(new Card(attributes.Id, question, CourseMarkdown.RenderBlocks(blocks), answerText, shortAnswer ?? FirstSentence(answerText))
                {
                    Tests = tests,
                    Line = section.Line,
                });
            }
        }

        return new Deck
        {
            Id = header.Id,
            Title = header.Title,
            Kind = ItemKind.Deck,
            Summary = header.Summary,
            Tags = header.Tags,
            SourceFile = header.SourceFile,
            Markdown = header.Markdown,
            Revision = header.Revision,
            Cards = cards,
        };
    }

    /// <summary>The answer's first sentence: up to the first . ! or ? followed by a space or the end.</summary>
    public static string FirstSentence(string text)
    {
        var flat = CourseMarkdown.CollapseSpaces(text);
        var match = SentenceEnd().Match(flat);
        return match.Success ? flat[..(match.Index + 1)] : flat;
    }

    /// <summary>
    /// Removes a final "Short answer: ..." line from the answer and returns its text. The line may end a
    /// longer paragraph (after a soft break) or be a paragraph of its own; when it is the whole answer it
    /// stays, so the card keeps a back.
    /// </summary>
    private static string? TakeShortAnswer(List<Block> blocks)
    {
        if (blocks[^1] is not ParagraphBlock { Inline: { } inlines })
        {
            return null;
        }

        var lastBreak = inlines.LastOrDefault(i => i is LineBreakInline);
        var tail = new List<Inline>();
        for (var inline = lastBreak is null ? inlines.FirstChild : lastBreak.NextSibling; inline is not null; inline = inline.NextSibling)
        {
            tail.Add(inline);
        }

        var line = CourseMarkdown.PlainText(tail);
        if (!line.StartsWith(ShortAnswerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var answer = line[ShortAnswerPrefix.Length..].Trim();
        if (answer.Length == 0)
        {
            return null;
        }

        if (lastBreak is not null)
        {
            foreach (var inline in tail)
            {
                inline.Remove();
            }

            lastBreak.Remove();
        }
        else if (blocks.Count > 1)
        {
            blocks.RemoveAt(blocks.Count - 1);
        }

        return answer;
    }

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
