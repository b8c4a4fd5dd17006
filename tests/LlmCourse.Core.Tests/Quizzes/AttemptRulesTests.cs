using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class AttemptRulesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static QuizSettings Settings(int? attempts = null, int? minutes = null, DateTimeOffset? opens = null, DateTimeOffset? closes = null) =>
        QuizSettings.Default with
        {
            AttemptsAllowed = attempts,
            TimeLimit = minutes is { } m ? TimeSpan.FromMinutes(m) : null,
            Opens = opens,
            Closes = closes,
        };

    [Theory]
    [InlineData("2026-11-30T09:00:00Z", 0, false, false, StartRefusal.NotOpenYet)]
    [InlineData("2026-12-01T08:59:59Z", 0, false, false, StartRefusal.NotOpenYet)]
    [InlineData("2026-12-01T09:00:00Z", 0, false, true, null)]  // opens at that instant
    [InlineData("2026-12-08T08:59:59Z", 2, false, true, null)]
    [InlineData("2026-12-08T09:00:00Z", 0, false, false, StartRefusal.Closed)]
    [InlineData("2026-12-05T09:00:00Z", 3, false, false, StartRefusal.NoAttemptsLeft)]
    [InlineData("2026-12-05T09:00:00Z", 4, false, false, StartRefusal.NoAttemptsLeft)]
    [InlineData("2026-12-05T09:00:00Z", 1, true, false, StartRefusal.AttemptInProgress)]
    public void CanStart_ThreeAttemptsOpenForAWeek_DecidesByTimeAndCount(string now, int used, bool inProgress, bool allowed, StartRefusal? refusal)
    {
        var decision = AttemptRules.CanStart(Settings(attempts: 3, opens: Opens, closes: Closes), used, inProgress, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(refusal, decision.Refusal);
        Assert.Equal(allowed, decision.Message.Length == 0);
    }

    [Fact]
    public void CanStart_UnlimitedNoDates_AlwaysAllowed() =>
        Assert.True(AttemptRules.CanStart(QuizSettings.Default, 1000, false, Opens).Allowed);

    [Theory]
    [InlineData(null, false, null)]                         // untimed, no close: no deadline
    [InlineData(30, false, "2026-12-05T10:30:00Z")]         // start + limit
    [InlineData(null, true, "2026-12-08T09:00:00Z")]        // close date alone
    [InlineData(30, true, "2026-12-05T10:30:00Z")]          // limit ends first
    public void Deadline_StartAt10_LimitOrClose(int? minutes, bool withClose, string? expected)
    {
        var start = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var deadline = AttemptRules.Deadline(Settings(minutes: minutes, closes: withClose ? Closes : null), start);

        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), deadline);
    }

    [Fact]
    public void Deadline_StartedShortlyBeforeClose_CappedAtClose()
    {
        var start = Closes - TimeSpan.FromMinutes(10);

        Assert.Equal(Closes, AttemptRules.Deadline(Settings(minutes: 60, closes: Closes), start));
        Assert.Equal(TimeSpan.FromMinutes(4), AttemptRules.TimeRemaining(Settings(minutes: 60, closes: Closes), start, start + TimeSpan.FromMinutes(6)));
    }

    // 20-minute limit from 10:00, so the deadline is 10:20:00 and the grace period ends at 10:20:30.
    [Theory]
    [InlineData("10:05:00", AttemptPhase.Open, true)]
    [InlineData("10:20:00", AttemptPhase.Open, true)]
    [InlineData("10:20:01", AttemptPhase.Grace, true)]
    [InlineData("10:20:30", AttemptPhase.Grace, true)]
    [InlineData("10:20:31", AttemptPhase.Overdue, false)]
    [InlineData("13:00:00", AttemptPhase.Overdue, false)]
    public void Phase_TwentyMinuteLimit_GraceThenOverdue(string time, AttemptPhase phase, bool canSave)
    {
        var start = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero) + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var settings = Settings(minutes: 20);

        Assert.Equal(phase, AttemptRules.Phase(settings, start, now));
        Assert.Equal(canSave, AttemptRules.CanSave(settings, start, now));
        Assert.Equal(!canSave, AttemptRules.IsOverdue(settings, start, now));
    }

    [Fact]
    public void GracePeriod_IsThirtySeconds() => Assert.Equal(TimeSpan.FromSeconds(30), AttemptRules.GracePeriod);

    [Fact]
    public void Phase_Untimed_NeverOverdue() =>
        Assert.Equal(AttemptPhase.Open, AttemptRules.Phase(QuizSettings.Default, Opens, Opens.AddYears(5)));

    [Fact]
    public void AutoClose_Overdue_GradesSavedAtDeadline()
    {
        var quiz = SampleQuiz.Create(Settings(minutes: 20));
        var start = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var saved = new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-weights"]) };

        var stillOpen = AttemptRules.AutoClose(quiz, start, saved, start.AddMinutes(20.5));
        var closed = AttemptRules.AutoClose(quiz, start, saved, start.AddHours(1));

        Assert.Null(stillOpen);
        Assert.NotNull(closed);
        Assert.Equal(start.AddMinutes(20), closed.SubmittedAt);
        Assert.Equal(2, closed.Result.Score);
    }

    // Attempts in the order started: 60, 90, 40 (Number is the start order, list order is not).
    [Theory]
    [InlineData(GradingMethod.Highest, 90.0)]
    [InlineData(GradingMethod.Average, 190.0 / 3)]
    [InlineData(GradingMethod.First, 60.0)]
    [InlineData(GradingMethod.Last, 40.0)]
    public void FinalScore_ThreeAttempts_ByMethod(GradingMethod method, double expected)
    {
        FinishedAttempt[] attempts = [new(2, 90), new(3, 40), new(1, 60)];

        Assert.Equal(expected, AttemptRules.FinalScore(method, attempts)!.Value, 9);
    }

    [Fact]
    public void FinalScore_NoAttempts_Null() => Assert.Null(AttemptRules.FinalScore(GradingMethod.Highest, []));

    [Theory]
    [InlineData(7, 10, 0.7, true)]
    [InlineData(6.99, 10, 0.7, false)]
    [InlineData(2, 3, 2.0 / 3, true)]
    [InlineData(0, 0, 0.7, true)]
    [InlineData(10, 10, 1.0, true)]
    public void Passed_ScoreAgainstPassMark(double score, double max, double passMark, bool passed) =>
        Assert.Equal(passed, AttemptRules.Passed(score, max, passMark));
}
