using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class CourseNavigationTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Notes Item(string id, params string[] tags) => new()
    {
        Id = id,
        Title = id,
        Kind = ItemKind.Notes,
        Tags = tags,
        SourceFile = $"weeks/x/{id}.md",
        Markdown = "",
        Revision = "0000000000000000",
        Html = "",
        Toc = [],
        WordCount = 0,
        ReadingMinutes = 1,
        Text = "",
    };

    private static CourseSnapshot Snapshot(params Week[] weeks) => new(new Course("C", "", "", weeks), "r", []);

    private static Week Week(int number, bool published, params CourseItem[] items) =>
        new(number, $"Week {number}", "", "", published, null, items, $"weeks/{number}/week.md");

    [Theory]
    [InlineData("a", null, "b")]
    [InlineData("b", "a", "c")]
    [InlineData("c", "b", null)]
    [InlineData("zzz", null, null)]
    public void Neighbours_ItemInWeek_GivesPreviousAndNext(string id, string? previous, string? next)
    {
        var week = Week(1, true, Item("a"), Item("b"), Item("c"));

        var (before, after) = week.Neighbours(id);

        Assert.Equal(previous, before?.Id);
        Assert.Equal(next, after?.Id);
    }

    [Fact]
    public void RelatedItems_SharedTags_RankedByCountAndVisibleOnly()
    {
        var source = Item("source", "lora", "sampling", "peft");
        var snapshot = Snapshot(
            Week(1, true, source, Item("one-tag", "LoRA"), Item("no-tags")),
            Week(2, true, Item("two-tags", "peft", "sampling"), Item("unrelated", "other")),
            Week(3, false, Item("hidden", "lora", "sampling", "peft")));

        var related = snapshot.RelatedItems(source, _now);

        Assert.Equal(["two-tags", "one-tag"], related.Select(r => r.Item.Id));
        Assert.Equal([2, 1], related.Select(r => r.SharedTags));
        Assert.Equal(2, related[0].Week.Number);
    }

    [Fact]
    public void FindItem_WeekAndId_FindsItem()
    {
        var snapshot = Snapshot(Week(4, true, Item("x")));

        Assert.Equal("x", snapshot.FindItem(4, "x")?.Id);
        Assert.Null(snapshot.FindItem(5, "x"));
    }

    [Fact]
    public void ContentTextFromHtml_RenderedHtml_GivesLines()
    {
        var text = ContentText.FromHtml("<h2 id=\"a\">Title &amp; more</h2>\n<p>One <em>two</em>.</p><ul><li>x</li></ul>");

        Assert.Equal("Title & more\nOne two.\nx", text);
    }

    [Fact]
    public void ContentTextOf_Deck_IncludesQuestionsAndAnswers()
    {
        var deck = Fixtures.Item<Deck>("---\nkind: deck\ntitle: Cards\n---\n## What is LoRA? {#lora}\n\nLow-rank adapters.\n");

        Assert.Equal("Cards\nWhat is LoRA?\nLow-rank adapters.", ContentText.Of(deck));
    }
}
