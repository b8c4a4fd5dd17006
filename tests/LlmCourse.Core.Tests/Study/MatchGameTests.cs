using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class MatchGameTests
{
    private static readonly DateTimeOffset _t0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static string AnswerTileFor(MatchGameState state, MatchTile term) =>
        state.Answers.First(a => a.CardId == term.CardId).Id;

    private static string WrongAnswerTileFor(MatchGameState state, MatchTile term) =>
        state.Answers.First(a => a.CardId != term.CardId && !a.Matched).Id;

    [Fact]
    public void Start_Deck_DealsTermsAndShortAnswers()
    {
        var state = MatchGame.Start(StudyDeck.Cards, 1, _t0, pairs: 4);

        Assert.Equal(4, state.Terms.Count);
        Assert.Equal(state.Terms.Select(t => t.CardId).Order(), state.Answers.Select(a => a.CardId).Order());
        Assert.All(state.Terms, t => Assert.Equal(StudyDeck.Get(t.CardId).Question, t.Text));
        Assert.All(state.Answers, a => Assert.Equal(StudyDeck.Get(a.CardId).ShortAnswer, a.Text));
        Assert.False(state.IsFinished);
    }

    [Fact]
    public void Pair_AllRight_FinishesWithClockTime()
    {
        var state = MatchGame.Start(StudyDeck.Cards, 2, _t0);
        var now = _t0;
        foreach (var term in state.Terms)
        {
            now = now.AddSeconds(2);
            var attempt = MatchGame.Pair(state, term.Id, AnswerTileFor(state, term), now);
            Assert.Equal(MatchAttemptOutcome.Matched, attempt.Outcome);
            state = attempt.State;
        }

        Assert.True(state.IsFinished);
        Assert.Equal(TimeSpan.FromSeconds(12), state.FinalTime);
        Assert.Equal(TimeSpan.FromSeconds(12), state.TimeAt(now.AddMinutes(5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Pair_WrongPairs_AddOneSecondEach(int mistakes)
    {
        var state = MatchGame.Start(StudyDeck.Cards, 3, _t0, pairs: 2);
        var first = state.Terms[0];
        for (var i = 0; i < mistakes; i++)
        {
            var attempt = MatchGame.Pair(state, first.Id, WrongAnswerTileFor(state, first), _t0.AddSeconds(1));
            Assert.Equal(MatchAttemptOutcome.Mismatch, attempt.Outcome);
            state = attempt.State;
        }

        foreach (var term in state.Terms)
        {
            state = MatchGame.Pair(state, term.Id, AnswerTileFor(state, term), _t0.AddSeconds(10)).State;
        }

        Assert.Equal(mistakes, state.Mistakes);
        Assert.Equal(TimeSpan.FromSeconds(10 + mistakes), state.FinalTime);
    }

    [Fact]
    public void Pair_AlreadyMatchedTile_IsIgnoredWithoutPenalty()
    {
        var state = MatchGame.Start(StudyDeck.Cards, 4, _t0, pairs: 3);
        var term = state.Terms[0];
        state = MatchGame.Pair(state, term.Id, AnswerTileFor(state, term), _t0.AddSeconds(1)).State;

        var again = MatchGame.Pair(state, term.Id, WrongAnswerTileFor(state, term), _t0.AddSeconds(2));

        Assert.Equal(MatchAttemptOutcome.Ignored, again.Outcome);
        Assert.Equal(0, again.State.Mistakes);
    }

    [Fact]
    public void Pair_UnknownTile_Throws()
    {
        var state = MatchGame.Start(StudyDeck.Cards, 4, _t0);

        Assert.Throws<ArgumentException>(() => MatchGame.Pair(state, "t99", "a0", _t0));
    }

    [Fact]
    public void Pair_TwoCardsWithSameShortAnswer_EitherAnswerTileIsRight()
    {
        var cards = new[]
        {
            StudyDeck.Make("x", "Question X?", "Same.", "Same answer"),
            StudyDeck.Make("y", "Question Y?", "Same.", "same answer"),
        };
        var state = MatchGame.Start(cards, 5, _t0);
        var termX = state.Terms.Single(t => t.CardId == "x");
        var answerY = state.Answers.Single(a => a.CardId == "y");

        var attempt = MatchGame.Pair(state, termX.Id, answerY.Id, _t0.AddSeconds(1));

        Assert.Equal(MatchAttemptOutcome.Matched, attempt.Outcome);
    }

    [Fact]
    public void TimeAt_Unfinished_RunsWithPenalties()
    {
        var state = MatchGame.Start(StudyDeck.Cards, 6, _t0) with { Mistakes = 2 };

        Assert.Equal(TimeSpan.FromSeconds(7), state.TimeAt(_t0.AddSeconds(5)));
        Assert.Null(state.FinalTime);
    }
}
