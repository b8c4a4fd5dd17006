using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class NotesParserTests
{
    [Fact]
    public void Parse_Notes_BuildsHtmlTocAndText()
    {
        var notes = Fixtures.Item<Notes>("""
            ---
            kind: notes
            title: Class notes
            ---
            Intro paragraph with **bold** text.

            ## What is fine-tuning?

            Text.

            ### Full fine-tuning

            More.

            #### Too deep for the TOC

            ## What is fine-tuning?
            """);

        Assert.Equal(
            [
                new TocEntry(2, "what-is-fine-tuning", "What is fine-tuning?"),
                new TocEntry(3, "full-fine-tuning", "Full fine-tuning"),
                new TocEntry(2, "what-is-fine-tuning-1", "What is fine-tuning?"),
            ],
            notes.Toc);
        Assert.Contains("<h2 id=\"what-is-fine-tuning\">What is fine-tuning?</h2>", notes.Html, StringComparison.Ordinal);
        Assert.StartsWith("<p>Intro paragraph with <strong>bold</strong> text.</p>", notes.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("kind:", notes.Html, StringComparison.Ordinal);
        Assert.StartsWith("Intro paragraph with bold text.\nWhat is fine-tuning?", notes.Text, StringComparison.Ordinal);
        Assert.Equal(20, notes.WordCount);
        Assert.Equal(1, notes.ReadingMinutes);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(450, 3)]
    public void Parse_NotesOfLength_EstimatesReadingMinutesAt200Wpm(int words, int minutes)
    {
        var body = string.Join(' ', Enumerable.Repeat("word", words));

        var notes = Fixtures.Item<Notes>($"---\nkind: notes\ntitle: T\n---\n{body}\n");

        Assert.Equal(words, notes.WordCount);
        Assert.Equal(minutes, notes.ReadingMinutes);
    }
}
