using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Study;

namespace LlmCourse.Components.Tests.Study;

public sealed class FlashcardTests : BunitContext
{
    private static readonly Card Card = new("c1", "What is a token?", "<p>A piece of text, see <a href=\"/glossary#token\">token</a>.</p>", "A piece of text", "piece");

    [Fact]
    public void Flashcard_QuestionSide_AnswerHiddenAndFlipLinkSaysWhatItDoes()
    {
        var cut = Render<Flashcard>(ps => ps.Add(p => p.Card, Card).Add(p => p.FlipHref, "?card=1&flipped=true"));

        cut.MarkupMatches("""
            <div class="flashcard">
              <a class="flashcard-flip" href="?card=1&amp;flipped=true" data-flashcard aria-keyshortcuts="Space" aria-label="Question shown; show the answer"></a>
              <div class="flashcard-face flashcard-front">
                <span class="flashcard-side">Question</span>
                <span class="flashcard-text">What is a token?</span>
              </div>
              <div class="flashcard-face flashcard-back" hidden="hidden" data-back>
                <span class="flashcard-side">Answer</span>
                <div class="prose"><p>A piece of text, see <a href="/glossary#token">token</a>.</p></div>
              </div>
            </div>
            """);
    }

    [Fact]
    public void Flashcard_AnswerSide_QuestionHiddenAndTheAnswersLinkIsNotInsideTheFlipLink()
    {
        var cut = Render<Flashcard>(ps => ps.Add(p => p.Card, Card).Add(p => p.Flipped, true).Add(p => p.FlipHref, "?card=1"));

        Assert.Equal("flashcard is-flipped", cut.Find("div").ClassName);
        Assert.Equal("Answer shown; show the question", cut.Find("a.flashcard-flip").GetAttribute("aria-label"));
        Assert.True(cut.Find(".flashcard-front").HasAttribute("hidden"));
        Assert.False(cut.Find(".flashcard-back").HasAttribute("hidden"));
        Assert.Empty(cut.Find("a.flashcard-flip").Children);
        Assert.Equal("/glossary#token", cut.Find(".flashcard-back .prose a").GetAttribute("href"));
    }

    [Fact]
    public void RevealAnswer_AnswerBehindShowAnswerWithItsKey()
    {
        var cut = Render<RevealAnswer>(ps => ps.Add(p => p.AnswerHtml, Card.AnswerHtml));

        cut.MarkupMatches("""
            <details class="review-answer" data-reveal>
              <summary>Show answer <kbd>Space</kbd></summary>
              <div class="prose"><p>A piece of text, see <a href="/glossary#token">token</a>.</p></div>
            </details>
            """);
        Assert.False(cut.Find("details").HasAttribute("open"));
    }
}
