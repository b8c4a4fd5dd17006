using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Study;

namespace LlmCourse.Components.Tests.Study;

public sealed class FlashcardStageTests : BunitContext
{
    private static readonly Card Card = new("c3", "What is LoRA?", "<p>Low-rank adapters.</p>", "Low-rank adapters.", "adapters");

    [Fact]
    public void FlashcardStage_MiddleCard_CountsPositionAndLinksBothNeighbours()
    {
        var cut = RenderStage(position: 3, count: 10);

        Assert.Equal("Card 3 of 10", cut.Find("p#card-position").TextContent);
        Assert.Equal("polite", cut.Find("p#card-position").GetAttribute("aria-live"));
        Assert.Equal("card-position", cut.Find("section#flashcard").GetAttribute("aria-labelledby"));
        cut.Find("a[rel=prev]").MarkupMatches("""<a class="button" rel="prev" aria-keyshortcuts="ArrowLeft" href="?card=2&amp;flipped=false">← Previous</a>""");
        cut.Find("a[rel=next]").MarkupMatches("""<a class="button primary" rel="next" aria-keyshortcuts="ArrowRight" href="?card=4&amp;flipped=false">Next →</a>""");
        Assert.Equal("?card=3&flipped=true", cut.Find("a.flashcard-flip").GetAttribute("href"));
    }

    [Fact]
    public void FlashcardStage_FirstCard_HasNoPreviousLink()
    {
        var cut = RenderStage(position: 1, count: 10);

        Assert.Empty(cut.FindAll("a[rel=prev]"));
        Assert.Equal("?card=2&flipped=false", cut.Find("a[rel=next]").GetAttribute("href"));
        Assert.Equal("Card 1 of 10", cut.Find(".flashcard-position").TextContent);
    }

    [Fact]
    public void FlashcardStage_LastCard_HasNoNextLink()
    {
        var cut = RenderStage(position: 10, count: 10);

        Assert.Empty(cut.FindAll("a[rel=next]"));
        Assert.Equal("?card=9&flipped=false", cut.Find("a[rel=prev]").GetAttribute("href"));
    }

    [Fact]
    public void FlashcardStage_OnlyCard_HasNeitherNeighbourButKeepsTheStarForm()
    {
        var cut = RenderStage(position: 1, count: 1);

        Assert.Empty(cut.FindAll("a[rel]"));
        Assert.Single(cut.FindAll(".flashcard-nav form"));
    }

    [Theory]
    [InlineData(false, "false", "☆ Star")]
    [InlineData(true, "true", "★ Starred")]
    public void FlashcardStage_StarForm_PostsTokenCardAndPageStateAndSaysWhetherStarred(bool starred, string pressed, string text)
    {
        var cut = RenderStage(position: 3, count: 10, starred: starred);

        cut.Find(".flashcard-nav form").MarkupMatches($"""
            <form method="post" action="/deck/study/flashcards?handler=Star" class="inline-form">
              <input type="hidden" name="__RequestVerificationToken" value="token-123">
              <input type="hidden" name="cardId" value="c3">
              <input type="hidden" name="card" value="3">
              <input type="hidden" name="shuffle" value="42">
              <button type="submit" class="button star{(starred ? " is-starred" : "")}" aria-pressed="{pressed}">{text}</button>
            </form>
            """);
    }

    [Fact]
    public void FlashcardStage_Flipped_ShowsTheAnswerAndFlipLinkTurnsBack()
    {
        var cut = RenderStage(position: 2, count: 3, flipped: true);

        Assert.Equal("flashcard is-flipped", cut.Find(".flashcard").ClassName);
        Assert.Equal("?card=2&flipped=false", cut.Find("a.flashcard-flip").GetAttribute("href"));
        Assert.Equal("?card=1&flipped=false", cut.Find("a[rel=prev]").GetAttribute("href"));
    }

    private IRenderedComponent<FlashcardStage> RenderStage(int position, int count, bool flipped = false, bool starred = false) =>
        Render<FlashcardStage>(ps => ps
            .Add(p => p.Card, Card)
            .Add(p => p.Position, position)
            .Add(p => p.Count, count)
            .Add(p => p.Flipped, flipped)
            .Add(p => p.Starred, starred)
            .Add(p => p.CardHref, (n, face) => $"?card={n}&flipped={(face ? "true" : "false")}")
            .Add(p => p.StarAction, "/deck/study/flashcards?handler=Star")
            .Add(p => p.StarFields, [new("card", "3"), new("shuffle", "42")])
            .Add(p => p.AntiforgeryToken, "token-123"));
}
