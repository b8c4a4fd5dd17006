using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class MasteryTests
{
    [Theory]
    [InlineData(null, false, false, false, false)]
    [InlineData(20.9, false, false, false, false)]
    [InlineData(21.0, false, false, false, true)]
    [InlineData(400.0, false, false, false, true)]
    [InlineData(null, true, false, false, false)]
    [InlineData(null, false, true, false, false)]
    [InlineData(null, true, true, false, true)]
    [InlineData(3.0, true, true, false, true)]
    [InlineData(0.212, true, true, true, false)]
    [InlineData(2.0, false, false, true, false)]
    [InlineData(25.0, false, false, true, false)]
    [InlineData(25.0, true, true, true, false)]
    public void IsMastered_Evidence_FollowsRule(double? stability, bool learned, bool testCorrect, bool lapsed, bool expected) =>
        Assert.Equal(expected, Mastery.IsMastered(new CardMasteryEvidence("c", stability, learned, testCorrect, lapsed)));

    [Fact]
    public void IsMastered_LearnAndTestThenAgainInReview_IsLostUntilTheNextPassingReview()
    {
        // The reported case: mastered through Learn and a practice test, then rated Again in spaced repetition.
        var scheduler = new FsrsScheduler();
        var start = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = CardState.CreateNew("greedy", start);
        Assert.True(Mastery.IsMastered(new CardMasteryEvidence(card.CardId, card.Stability, true, true)));

        var again = scheduler.Review(card, Rating.Again, start);
        var afterAgain = new CardMasteryEvidence(card.CardId, again.Card.Stability, true, true, !LearningSignals.Recalled(again.Log.Rating));
        Assert.False(Mastery.IsMastered(afterAgain));

        var good = scheduler.Review(again.Card, Rating.Good, again.Card.Due);
        Assert.True(Mastery.IsMastered(afterAgain with { Stability = good.Card.Stability, LapsedInReview = !LearningSignals.Recalled(good.Log.Rating) }));
    }

    [Fact]
    public void ForDeck_LapseInAnyRecord_KeepsTheCardUnmastered()
    {
        var mastery = Mastery.ForDeck(["temperature"],
        [
            new CardMasteryEvidence("temperature", 30, true, true),
            new CardMasteryEvidence("temperature", null, false, false, LapsedInReview: true),
        ]);
        Assert.Equal(0, mastery.Mastered);
    }

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
