using LlmCourse.Core.Content;
using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class ReviewSessionsTests
{
    private static readonly DateTimeOffset _start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static SessionReview At(int minutes, string card, Rating rating) =>
        new(new CardKey(7, "flashcards", card), rating, _start.AddMinutes(minutes));

    [Fact]
    public void LastSessionMisses_NoReviews_Empty() => Assert.Empty(ReviewSessions.LastSessionMisses([]));

    [Fact]
    public void LastSessionMisses_EarlierSessionAfterLongBreak_IsLeftOut()
    {
        var misses = ReviewSessions.LastSessionMisses(
        [
            At(0, "old", Rating.Again),
            At(10, "older-good", Rating.Good),
            At(41, "a", Rating.Good),  // 31 minutes later: a new session
            At(50, "b", Rating.Again),
            At(80, "c", Rating.Again), // exactly the break: still the same session
        ]);

        Assert.Equal(["b", "c"], misses.Select(c => c.CardId));
    }

    [Fact]
    public void LastSessionMisses_CardForgottenTwiceThenRecalled_CountedOnceInFirstOrder()
    {
        var misses = ReviewSessions.LastSessionMisses(
        [
            At(3, "b", Rating.Again),
            At(1, "a", Rating.Again),
            At(2, "a", Rating.Again),
            At(4, "a", Rating.Good),
            At(5, "c", Rating.Hard),
        ]);

        Assert.Equal(["a", "b"], misses.Select(c => c.CardId));
    }

    [Fact]
    public void LastSessionMisses_SameCardIdInTwoDecks_AreDifferentCards()
    {
        var misses = ReviewSessions.LastSessionMisses(
        [
            new(new CardKey(7, "one", "x"), Rating.Again, _start),
            new(new CardKey(8, "one", "x"), Rating.Again, _start.AddMinutes(1)),
        ]);

        Assert.Equal(2, misses.Count);
    }
}
