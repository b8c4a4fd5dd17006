using LlmCourse.Core.Content;
using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class LearnModeTests
{
    private static readonly IReadOnlyList<Card> _cards = StudyDeck.Cards;

    private static LearnAnswerResult AnswerRight(LearnState state)
    {
        var question = LearnMode.CurrentQuestion(state, _cards)!;
        return LearnMode.Answer(state, _cards, StudyDeck.Get(question.CardId).ShortAnswer);
    }

    private static LearnAnswerResult AnswerWrong(LearnState state)
    {
        var question = LearnMode.CurrentQuestion(state, _cards)!;
        var wrong = question.Kind == LearnQuestionKind.MultipleChoice
            ? question.Choices.First(c => c != StudyDeck.Get(question.CardId).ShortAnswer)
            : "no idea at all";
        return LearnMode.Answer(state, _cards, wrong);
    }

    [Fact]
    public void Start_Deck_TakesFirstRoundAndAllCards()
    {
        var state = LearnMode.Start(_cards, seed: 5, roundSize: 4);

        Assert.Equal(_cards.Count, state.Total);
        Assert.Equal(4, state.Queue.Count);
        Assert.Equal(_cards.Select(c => c.Id).Order(), state.Cards.Select(c => c.CardId).Order());
        Assert.Equal(0, state.Progress);
        Assert.Equal(1, state.Round);
    }

    [Fact]
    public void Start_SameSeed_SameOrderAndChoices()
    {
        var a = LearnMode.Start(_cards, 11);
        var b = LearnMode.Start(_cards, 11);

        Assert.Equal(a.Queue, b.Queue);
        Assert.Equal(LearnMode.CurrentQuestion(a, _cards)!.Choices, LearnMode.CurrentQuestion(b, _cards)!.Choices);
    }

    [Fact]
    public void CurrentQuestion_NewCard_IsMultipleChoiceWithOwnAnswerAndOtherCardsDistractors()
    {
        var state = LearnMode.Start(_cards, 3);

        var question = LearnMode.CurrentQuestion(state, _cards)!;
        var card = StudyDeck.Get(question.CardId);

        Assert.Equal(LearnQuestionKind.MultipleChoice, question.Kind);
        Assert.Equal(card.Question, question.Prompt);
        Assert.Equal(4, question.Choices.Count);
        Assert.Contains(card.ShortAnswer, question.Choices);
        Assert.Equal(4, question.Choices.Distinct().Count());
        Assert.All(question.Choices.Where(c => c != card.ShortAnswer), c => Assert.Contains(_cards, other => other.ShortAnswer == c && other.Id != card.Id));
    }

    [Fact]
    public void Answer_RightMultipleChoice_AsksWrittenInALaterRound()
    {
        var state = LearnMode.Start(_cards, 3, roundSize: 2);
        var first = state.Queue[0];

        var result = AnswerRight(state);

        Assert.True(result.Correct);
        Assert.False(result.CardLearned);
        Assert.DoesNotContain(first, result.State.Queue);
        state = AnswerRight(result.State).State;
        Assert.True(state.IsRoundOver);
        state = LearnMode.NextRound(state);
        Assert.Equal(first, state.Queue[0]);
        Assert.Equal(LearnQuestionKind.Written, LearnMode.CurrentQuestion(state, _cards)!.Kind);
    }

    [Fact]
    public void Answer_TwoRightInARow_GraduatesCard()
    {
        var state = LearnMode.Start(_cards, 8, roundSize: 1);
        var card = state.Queue[0];

        state = AnswerRight(state).State;
        state = LearnMode.NextRound(state);
        Assert.Equal(card, state.Queue[0]);
        var written = LearnMode.Answer(state, _cards, StudyDeck.Get(card).ShortAnswer.ToUpperInvariant() + "!");

        Assert.True(written.Correct);
        Assert.True(written.CardLearned);
        Assert.NotNull(written.Written);
        Assert.Equal(1, written.State.LearnedCount);
        Assert.Equal(1.0 / _cards.Count, written.State.Progress, 9);
        Assert.Equal([card], LearnMode.Summary(written.State).LearnedThisRound);
    }

    [Fact]
    public void Answer_Wrong_ComesBackLaterInTheSameRound()
    {
        var state = LearnMode.Start(_cards, 4, roundSize: 5);
        var card = state.Queue[0];

        var result = AnswerWrong(state);

        Assert.False(result.Correct);
        Assert.Equal(StudyDeck.Get(card).ShortAnswer, result.Expected);
        Assert.Equal(5, result.State.Queue.Count);
        Assert.Equal(LearnMode.RetryGap, result.State.Queue.ToList().IndexOf(card));
    }

    [Fact]
    public void Answer_WrongWithFewCardsLeft_ComesBackAtTheEnd()
    {
        var state = LearnMode.Start(_cards, 4, roundSize: 2);
        var card = state.Queue[0];

        var result = AnswerWrong(state);

        Assert.Equal([state.Queue[1], card], result.State.Queue);
    }

    [Fact]
    public void Answer_WrongAfterARightAnswer_ResetsStreakToMultipleChoice()
    {
        var state = LearnMode.Start(_cards, 9, roundSize: 1);
        var card = state.Queue[0];
        state = LearnMode.NextRound(AnswerRight(state).State);
        Assert.Equal(LearnQuestionKind.Written, LearnMode.CurrentQuestion(state, _cards)!.Kind);

        state = AnswerWrong(state).State;

        Assert.Equal([card], state.Queue);
        var progress = state.Cards.Single(c => c.CardId == card);
        Assert.Equal(0, progress.CorrectStreak);
        Assert.Equal(1, progress.Wrong);
        Assert.Equal(LearnQuestionKind.MultipleChoice, LearnMode.CurrentQuestion(state, _cards)!.Kind);
    }

    [Fact]
    public void Summary_RoundWithMistakes_CountsRightWrongAndLearned()
    {
        var state = LearnMode.Start(_cards, 2, roundSize: 3);
        state = AnswerWrong(state).State;
        while (!state.IsRoundOver)
        {
            state = AnswerRight(state).State;
        }

        var summary = LearnMode.Summary(state);

        Assert.Equal(1, summary.Round);
        Assert.Equal(3, summary.Correct);
        Assert.Equal(1, summary.Wrong);
        Assert.Empty(summary.LearnedThisRound);
        Assert.Equal(_cards.Count, summary.Total);
    }

    [Fact]
    public void NextRound_SeenCardsComeBeforeNewOnes()
    {
        var state = LearnMode.Start(_cards, 6, roundSize: 2);
        var firstRound = state.Queue.ToList();
        while (!state.IsRoundOver)
        {
            state = AnswerRight(state).State;
        }

        var next = LearnMode.NextRound(state);

        Assert.Equal(2, next.Round);
        Assert.Equal(firstRound, next.Queue);
        Assert.Equal(0, next.RoundCorrect);
    }

    [Fact]
    public void NextRound_RoundNotOver_Throws() =>
        Assert.Throws<InvalidOperationException>(() => LearnMode.NextRound(LearnMode.Start(_cards, 1)));

    [Fact]
    public void Session_AlwaysRight_LearnsWholeDeckInTwoPasses()
    {
        var state = LearnMode.Start(_cards, 21);
        var answers = 0;
        while (!state.IsComplete)
        {
            state = state.IsRoundOver ? LearnMode.NextRound(state) : AnswerRight(state).State;
            answers++;
            Assert.True(answers < 100, "the session never completed");
        }

        Assert.Equal(1.0, state.Progress);
        Assert.Equal(2 * _cards.Count, state.AnswerCount);
        Assert.All(state.Cards, c => Assert.Equal((2, 0), (c.Correct, c.Wrong)));
    }

    [Theory]
    [InlineData(0, false, 0, 0, LearnStage.New, 0)]
    [InlineData(0, false, 0, 1, LearnStage.StillLearning, 0)]
    [InlineData(1, false, 1, 0, LearnStage.Familiar, 1)]
    [InlineData(1, false, 2, 1, LearnStage.Familiar, 1)]
    [InlineData(0, false, 1, 1, LearnStage.StillLearning, 0)]
    [InlineData(2, true, 2, 0, LearnStage.Learned, 2)]
    [InlineData(2, true, 3, 2, LearnStage.Learned, 2)]
    public void Stage_CardProgress_NamesWhereTheCardStands(int streak, bool learned, int correct, int wrong, LearnStage stage, int steps)
    {
        var progress = new LearnCardProgress("c", streak, learned, correct, wrong);
        Assert.Equal(stage, progress.Stage);
        Assert.Equal(steps, progress.Steps);
    }

    [Fact]
    public void Progress_PerfectFirstRound_IsHalfWayWithEveryCardFamiliarAndNoneLearned()
    {
        // The reported case: a five-card deck, every multiple-choice answer right in round one.
        var five = _cards.Take(5).ToList();
        var state = LearnMode.Start(five, 4);
        while (!state.IsRoundOver)
        {
            var question = LearnMode.CurrentQuestion(state, five)!;
            state = LearnMode.Answer(state, five, StudyDeck.Get(question.CardId).ShortAnswer).State;
        }

        var summary = LearnMode.Summary(state);
        Assert.Equal((5, 0), (summary.Correct, summary.Wrong));
        Assert.Equal(0, state.LearnedCount);
        Assert.Equal(5, state.FamiliarCount);
        Assert.Equal(5, summary.FamiliarTotal);
        Assert.Equal((5, 10), (state.StepsDone, state.StepsToLearnAll));
        Assert.Equal(0.5, state.Progress);
    }

    [Fact]
    public void Progress_WrongAnswerAfterARightOne_TakesThatStepBack()
    {
        var state = LearnMode.Start(_cards, 9, roundSize: 1);
        state = LearnMode.NextRound(AnswerRight(state).State);
        Assert.Equal(1, state.StepsDone);

        state = AnswerWrong(state).State;

        Assert.Equal(0, state.StepsDone);
        Assert.Equal(0, state.FamiliarCount);
        Assert.Equal(LearnStage.StillLearning, state.Cards.Single(c => c.Seen).Stage);
    }

    [Fact]
    public void State_RoundTripsThroughJson()
    {
        var state = AnswerWrong(LearnMode.Start(_cards, 13)).State;

        var json = System.Text.Json.JsonSerializer.Serialize(state);
        var back = System.Text.Json.JsonSerializer.Deserialize<LearnState>(json)!;

        Assert.Equal(state.Queue, back.Queue);
        Assert.Equal(state.Cards, back.Cards);
        var before = LearnMode.CurrentQuestion(state, _cards)!;
        var after = LearnMode.CurrentQuestion(back, _cards)!;
        Assert.Equal((before.CardId, before.Kind), (after.CardId, after.Kind));
        Assert.Equal(before.Choices, after.Choices);
    }
}
