using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class CardSortingTests
{
    [Fact]
    public void Start_NoSeed_KeepsDeckOrder()
    {
        var state = CardSorting.Start(StudyDeck.Cards);

        Assert.Equal(StudyDeck.Cards.Select(c => c.Id), state.RoundCards);
        Assert.Equal(StudyDeck.Cards[0].Id, state.CurrentCardId);
        Assert.Equal(1, state.Round);
    }

    [Fact]
    public void Sort_Rounds_NextRoundHoldsOnlyStillLearningUntilEmpty()
    {
        var state = CardSorting.Start(StudyDeck.Cards);
        var stillLearning = new HashSet<string> { "top-p", "lora", "sft" };
        while (!state.IsRoundOver)
        {
            state = CardSorting.Sort(state, know: !stillLearning.Contains(state.CurrentCardId!));
        }

        Assert.False(state.IsDone);
        Assert.Equal(1, state.RoundsCompleted);
        Assert.Equal(3, state.KnownThisRound.Count);
        state = CardSorting.NextRound(state);
        Assert.Equal(["top-p", "lora", "sft"], state.RoundCards);
        Assert.Equal(2, state.Round);

        state = CardSorting.Sort(state, know: true);
        state = CardSorting.Sort(state, know: false);
        state = CardSorting.Sort(state, know: true);
        state = CardSorting.NextRound(state);
        Assert.Equal(["lora"], state.RoundCards);

        state = CardSorting.Sort(state, know: true);

        Assert.True(state.IsDone);
        Assert.Equal(3, state.RoundsCompleted);
        Assert.Equal(StudyDeck.Cards.Count, state.Known.Count);
        Assert.Throws<InvalidOperationException>(() => CardSorting.NextRound(state));
    }

    [Fact]
    public void Sort_RoundOver_Throws()
    {
        var state = CardSorting.Start([StudyDeck.Cards[0]]);
        state = CardSorting.Sort(state, know: false);

        Assert.Throws<InvalidOperationException>(() => CardSorting.Sort(state, know: true));
    }

    [Fact]
    public void NextRound_RoundNotOver_Throws() =>
        Assert.Throws<InvalidOperationException>(() => CardSorting.NextRound(CardSorting.Start(StudyDeck.Cards)));

    [Fact]
    public void Start_Seeded_ShufflesReproducibly()
    {
        var a = CardSorting.Start(StudyDeck.Cards, seed: 10);
        var b = CardSorting.Start(StudyDeck.Cards, seed: 10);

        Assert.Equal(a.RoundCards, b.RoundCards);
        Assert.Equal(StudyDeck.Cards.Select(c => c.Id).Order(), a.RoundCards.Order());
    }
}
