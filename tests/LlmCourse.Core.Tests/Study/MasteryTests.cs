using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class MasteryTests
{
    [Theory]
    [InlineData(null, false, false, false)]
    [InlineData(20.9, false, false, false)]
    [InlineData(21.0, false, false, true)]
    [InlineData(400.0, false, false, true)]
    [InlineData(null, true, false, false)]
    [InlineData(null, false, true, false)]
    [InlineData(null, true, true, true)]
    [InlineData(3.0, true, true, true)]
    public void IsMastered_Evidence_FollowsRule(double? stability, bool learned, bool testCorrect, bool expected) =>
        Assert.Equal(expected, Mastery.IsMastered(new CardMasteryEvidence("c", stability, learned, testCorrect)));

    [Fact]
    public void ForDeck_MixedEvidence_CountsMasteredCardsOfTheDeck()
    {
        var ids = StudyDeck.Cards.Select(c => c.Id).ToList();
        var evidence = new[]
        {
            new CardMasteryEvidence("temperature", 30, false, false),
            new CardMasteryEvidence("top-p", null, true, false),
            new CardMasteryEvidence("top-p", 2, false, true),
            new CardMasteryEvidence("lora", 5, true, false),
            new CardMasteryEvidence("removed-card", 100, true, true),
        };

        var mastery = Mastery.ForDeck(ids, evidence);

        Assert.Equal(2, mastery.Mastered);
        Assert.Equal(6, mastery.Total);
        Assert.Equal(100.0 * 2 / 6, mastery.Percent, 9);
        Assert.Equal(["temperature", "top-p"], mastery.MasteredCardIds);
    }

    [Fact]
    public void ForDeck_EmptyDeck_IsZeroPercent() =>
        Assert.Equal(0, Mastery.ForDeck([], []).Percent);

    [Fact]
    public void ForDeck_FsrsReviews_MasterACardOnceStabilityPassesThreeWeeks()
    {
        var scheduler = new FsrsScheduler();
        var card = CardState.CreateNew("greedy", new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero));
        var reviews = 0;
        while (!Mastery.IsMastered(new CardMasteryEvidence(card.CardId, card.Stability, false, false)))
        {
            card = scheduler.Review(card, Rating.Good, card.Due).Card;
            reviews++;
        }

        // Good at each due time: 10 min step, then 2 d, 11 d, and the third day review lifts S past 21.
        Assert.Equal(4, reviews);
        Assert.True(card.Stability >= Mastery.StabilityDays);
    }
}
