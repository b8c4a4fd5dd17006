using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class LearningSignalsTests
{
    private static readonly DateTimeOffset _reviewed = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CardState Reviewed(double stability, CardLearningState state = CardLearningState.Review) =>
        new("c", state, state == CardLearningState.Review ? null : 0, stability, 5, _reviewed.AddDays(1), _reviewed);

    // Expected values from the FSRS-6 forgetting curve R(t, S) = (1 + f·t/S)^(−w20), f = 0.9^(−1/w20) − 1, with the
    // default w20 = 0.1542 (py-fsrs v6 fsrs/scheduler.py DEFAULT_PARAMETERS), evaluated at fractional days as
    // fsrs-rs's current_retrievability_seconds does (elapsed seconds / 86,400). 0.212 d is w0, the stability a first
    // review rated Again leaves.
    [Theory]
    [InlineData(0.212, 0.0, 1.0)]
    [InlineData(0.212, 5.0, 0.9975467667432429)]
    [InlineData(0.212, 60.0, 0.97319554480072)]
    [InlineData(0.212, 1440.0, 0.7661957302284143)]
    [InlineData(0.2, 10.0, 0.9948517190261245)]
    [InlineData(2.3065, 2.3065 * 1440, 0.9)]
    [InlineData(21.0, 100.0 * 1440, 0.7652747380727959)]
    public void RecallNow_ElapsedMinutes_FollowsTheForgettingCurve(double stability, double minutes, double expected)
    {
        var recall = LearningSignals.RecallNow(Reviewed(stability), _reviewed.AddMinutes(minutes), new FsrsScheduler());
        Assert.NotNull(recall);
        Assert.Equal(expected, recall.Value, 9);
    }

    [Fact]
    public void RecallNow_NewCard_IsNull() =>
        Assert.Null(LearningSignals.RecallNow(CardState.CreateNew("c", _reviewed), _reviewed.AddDays(3), new FsrsScheduler()));

    [Fact]
    public void RecallNow_ClockBeforeTheReview_IsCertainNotAboveOne() =>
        Assert.Equal(1.0, LearningSignals.RecallNow(Reviewed(3), _reviewed.AddHours(-2), new FsrsScheduler()));

    [Fact]
    public void RecallNow_MinutesAfterAgain_IsNeitherShownAsCertainNorEqualToTheWholeDayFigure()
    {
        // The reported case: a new card rated Again (S = w0 = 0.212 d), looked at a few minutes later.
        var scheduler = new FsrsScheduler();
        var card = scheduler.Review(CardState.CreateNew("c", _reviewed), Rating.Again, _reviewed).Card;
        var now = _reviewed.AddMinutes(7);

        var recall = LearningSignals.RecallNow(card, now, scheduler)!.Value;

        Assert.Equal(0.212, card.Stability!.Value, 9);
        Assert.InRange(recall, 0.99, 0.9999);
        Assert.Equal(1.0, scheduler.Retrievability(card, now)); // whole days: 0 elapsed, so 100 %
        Assert.Equal(99, LearningSignals.RecallPercent(recall));
    }

    [Fact]
    public void RecallNow_HigherStability_FallsMoreSlowly()
    {
        var scheduler = new FsrsScheduler();
        var now = _reviewed.AddHours(30);
        Assert.True(LearningSignals.RecallNow(Reviewed(0.2), now, scheduler) < LearningSignals.RecallNow(Reviewed(5), now, scheduler));
    }

    [Theory]
    [InlineData(1.0, 99)]
    [InlineData(0.99999, 99)]
    [InlineData(0.9975, 99)]
    [InlineData(0.98999, 98)]
    [InlineData(0.9, 90)]
    [InlineData(0.8999, 89)]
    [InlineData(0.505, 50)]
    [InlineData(0.0, 0)]
    [InlineData(-0.2, 0)]
    [InlineData(1.7, 99)]
    [InlineData(double.NaN, 0)]
    public void RecallPercent_RoundsDownAndNeverClaimsCertainty(double recall, int expected) =>
        Assert.Equal(expected, LearningSignals.RecallPercent(recall));

    [Theory]
    [InlineData(CardLearningState.New, -60, false)]
    [InlineData(CardLearningState.New, 60, false)]
    [InlineData(CardLearningState.Learning, -1, true)]
    [InlineData(CardLearningState.Learning, 0, true)]
    [InlineData(CardLearningState.Learning, 1, false)]
    [InlineData(CardLearningState.Review, -1440, true)]
    [InlineData(CardLearningState.Review, 1440, false)]
    [InlineData(CardLearningState.Relearning, -10, true)]
    [InlineData(CardLearningState.Relearning, 10, false)]
    public void IsDue_StateAndDueTime_OnlyStudiedCardsWhoseTimeHasCome(CardLearningState state, int dueInMinutes, bool expected)
    {
        var now = _reviewed.AddDays(2);
        var card = new CardState("c", state, null, state == CardLearningState.New ? null : 3, state == CardLearningState.New ? null : 5,
            now.AddMinutes(dueInMinutes), state == CardLearningState.New ? null : _reviewed);
        Assert.Equal(expected, LearningSignals.IsDue(card, now));
    }

    [Theory]
    [InlineData(CardLearningState.New, false, CardStudyStatus.New)]
    [InlineData(CardLearningState.Learning, false, CardStudyStatus.Learning)]
    [InlineData(CardLearningState.Relearning, false, CardStudyStatus.Learning)]
    [InlineData(CardLearningState.Review, false, CardStudyStatus.Review)]
    [InlineData(CardLearningState.New, true, CardStudyStatus.Mastered)]
    [InlineData(CardLearningState.Relearning, true, CardStudyStatus.Mastered)]
    [InlineData(CardLearningState.Review, true, CardStudyStatus.Mastered)]
    public void StatusOf_StateAndMastery_MasteredTakesPrecedence(CardLearningState state, bool mastered, CardStudyStatus expected) =>
        Assert.Equal(expected, LearningSignals.StatusOf(new CardState("c", state, null, null, null, _reviewed, null), mastered));

    [Theory]
    [InlineData(CardStudyStatus.New, "new")]
    [InlineData(CardStudyStatus.Learning, "learning")]
    [InlineData(CardStudyStatus.Review, "review")]
    [InlineData(CardStudyStatus.Mastered, "mastered")]
    public void Name_Status_IsTheLowerCaseWordPagesAndApiUse(CardStudyStatus status, string expected) =>
        Assert.Equal(expected, LearningSignals.Name(status));

    [Theory]
    [InlineData(Rating.Again, false)]
    [InlineData(Rating.Hard, true)]
    [InlineData(Rating.Good, true)]
    [InlineData(Rating.Easy, true)]
    public void Recalled_Rating_OnlyAgainIsALapse(Rating rating, bool expected) =>
        Assert.Equal(expected, LearningSignals.Recalled(rating));

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(3, 0, null)]
    [InlineData(0, 4, 0.0)]
    [InlineData(3, 4, 0.75)]
    [InlineData(4, 4, 1.0)]
    [InlineData(5, 4, 1.0)]
    public void AccuracyOf_CorrectAndAnswered_IsAShareOrNothing(int correct, int answered, double? expected) =>
        Assert.Equal(expected, LearningSignals.AccuracyOf(correct, answered));

    [Fact]
    public void SignalHelp_Meanings_QuoteTheThresholdsTheRulesUse()
    {
        Assert.Contains($"{LearnMode.StreakToLearn} right answers in a row", SignalHelp.Learned.Meaning, StringComparison.Ordinal);
        Assert.Contains("21 days or more", SignalHelp.Mastered.Meaning, StringComparison.Ordinal);
        Assert.Equal(21, Mastery.StabilityDays);
        Assert.Contains("Again", SignalHelp.Mastered.Meaning, StringComparison.Ordinal);
        Assert.Contains("never shown as 100%", SignalHelp.RecallNow.Meaning, StringComparison.Ordinal);
        Assert.Contains("new, not due", SignalHelp.Due.Meaning, StringComparison.Ordinal);
    }
}
