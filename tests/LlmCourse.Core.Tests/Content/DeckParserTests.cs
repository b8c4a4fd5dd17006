using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class DeckParserTests
{
    private const string File = Fixtures.ItemPath;

    [Fact]
    public void Parse_Deck_ReadsCardsIdsAndAnswers()
    {
        var deck = Fixtures.Item<Deck>("""
            ---
            kind: deck
            title: LLM fine-tuning and sampling parameters
            ---

            ## What is fine-tuning? {#what-is-fine-tuning}

            Taking a pre-trained model and training it further on a domain-specific dataset. It adapts the weights.

            Short answer: Further training of a pre-trained model on domain data

            ## What does `temperature` do? {#temperature}

            It rescales the logits before sampling. Lower is more deterministic.
            """);

        Assert.Equal(2, deck.Cards.Count);
        var first = deck.Cards[0];
        Assert.Equal("what-is-fine-tuning", first.Id);
        Assert.Equal("What is fine-tuning?", first.Question);
        Assert.Equal("<p>Taking a pre-trained model and training it further on a domain-specific dataset. It adapts the weights.</p>", first.AnswerHtml);
        Assert.Equal("Taking a pre-trained model and training it further on a domain-specific dataset. It adapts the weights.", first.AnswerText);
        Assert.Equal("Further training of a pre-trained model on domain data", first.ShortAnswer);

        var second = deck.Cards[1];
        Assert.Equal("temperature", second.Id);
        Assert.Equal("What does temperature do?", second.Question);
        Assert.Equal("It rescales the logits before sampling.", second.ShortAnswer);
    }

    [Fact]
    public void Parse_ShortAnswerAfterSoftBreak_IsRemovedFromAnswer()
    {
        var deck = Fixtures.Item<Deck>("---\nkind: deck\ntitle: D\n---\n## Q {#q}\n\nThe long answer.\nShort answer: brief\n");

        Assert.Equal("brief", deck.Cards[0].ShortAnswer);
        Assert.Equal("<p>The long answer.</p>", deck.Cards[0].AnswerHtml);
        Assert.Equal("The long answer.", deck.Cards[0].AnswerText);
    }

    [Fact]
    public void Parse_ShortAnswerIsWholeAnswer_StaysAsAnswer()
    {
        var deck = Fixtures.Item<Deck>("---\nkind: deck\ntitle: D\n---\n## Q {#q}\n\nShort answer: brief\n");

        Assert.Equal("brief", deck.Cards[0].ShortAnswer);
        Assert.Equal("<p>Short answer: brief</p>", deck.Cards[0].AnswerHtml);
    }

    [Fact]
    public void Parse_ParagraphEndingInLineBreak_HasNoShortAnswerLine()
    {
        var deck = Fixtures.Item<Deck>("---\nkind: deck\ntitle: D\n---\n## Q {#q}\n\nShort answer: not last.\nThe real end.\n");

        Assert.Equal("Short answer: not last.", deck.Cards[0].ShortAnswer);
        Assert.Contains("The real end.", deck.Cards[0].AnswerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeckWithoutCards_ReportsLine1()
    {
        var errors = Fixtures.Errors("---\nkind: deck\ntitle: D\n---\nNo cards here.\n");

        Fixtures.HasError(errors, File, 1, "at least one card");
    }

    [Fact]
    public void Parse_CardWithoutAnswer_ReportsHeadingLine()
    {
        var errors = Fixtures.Errors("---\nkind: deck\ntitle: D\n---\n## Q1 {#q1}\n\nA1.\n\n## Q2 {#q2}\n");

        Fixtures.HasError(errors, File, 9, "no answer");
    }

    [Fact]
    public void Parse_CardWithoutId_ReportsHeadingLine()
    {
        var errors = Fixtures.Errors("---\nkind: deck\ntitle: D\n---\n## Q1 {#q1}\n\nA1.\n\n## Q2\n\nA2.\n");

        Fixtures.HasError(errors, File, 9, "needs an id");
    }

    [Fact]
    public void Parse_DuplicateCardId_ReportsSecondHeadingLine()
    {
        var errors = Fixtures.Errors("---\nkind: deck\ntitle: D\n---\n## Q1 {#same}\n\nA1.\n\n## Q2 {#same}\n\nA2.\n");

        Fixtures.HasError(errors, File, 9, "already used on line 5");
    }

    [Theory]
    [InlineData("## Q {#Upper}", "lower-case")]
    [InlineData("## Q {id}", "must start with its id")]
    [InlineData("## Q {#q points=2}", "only its id")]
    public void Parse_MalformedCardHeading_ReportsHeadingLine(string heading, string fragment)
    {
        var errors = Fixtures.Errors($"---\nkind: deck\ntitle: D\n---\n{heading}\n\nAnswer.\n");

        Fixtures.HasError(errors, File, 5, fragment);
    }
}
