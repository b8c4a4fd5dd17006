using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class OverridesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    private static readonly QuizSettings Settings = QuizSettings.Default with { TimeLimit = TimeSpan.FromMinutes(30), Opens = Opens, Closes = Closes };

    [Fact]
    public void Apply_NoOverride_KeepsTheSettings() =>
        Assert.Same(Settings, AttemptRules.Apply(Settings, null));

    [Fact]
    public void Apply_LaterClose_LetsThisLearnerStartAfterTheOthersClose()
    {
        var afterClose = Closes.AddHours(1);
        Assert.Equal(StartRefusal.Closed, AttemptRules.CanStart(Settings, 0, false, afterClose).Refusal);

        var extended = AttemptRules.Apply(Settings, new QuizOverride(Closes.AddDays(2), null));
        Assert.True(AttemptRules.CanStart(extended, 0, false, afterClose).Allowed);
        Assert.Equal(afterClose.AddMinutes(30), AttemptRules.Deadline(extended, afterClose));
        Assert.Equal(TimeSpan.FromMinutes(30), extended.TimeLimit);
    }

    [Fact]
    public void Apply_LongerTimeLimit_MovesTheDeadlineButNotPastTheClose()
    {
        var extended = AttemptRules.Apply(Settings, new QuizOverride(null, TimeSpan.FromMinutes(45)));
        var started = Opens.AddDays(1);
        Assert.Equal(started.AddMinutes(45), AttemptRules.Deadline(extended, started));
        Assert.Equal(Closes, AttemptRules.Deadline(extended, Closes.AddMinutes(-10)));
        Assert.Equal(AttemptPhase.Open, AttemptRules.Phase(extended, started, started.AddMinutes(40)));
        Assert.Equal(AttemptPhase.Overdue, AttemptRules.Phase(Settings, started, started.AddMinutes(40)));
    }

    [Theory]
    [InlineData(null, null, "Give a close date")]
    [InlineData(null, 0.5, "between 1 and")]
    [InlineData(null, 20000.0, "between 1 and")]
    [InlineData(-1.0, null, "after the quiz opens")]
    [InlineData(24.0, null, null)]
    [InlineData(null, 90.0, null)]
    public void Problem_RefusesEmptyOrOutOfRangeOverrides(double? closeHoursAfterOpen, double? minutes, string? expected)
    {
        var o = new QuizOverride(closeHoursAfterOpen is { } h ? Opens.AddHours(h) : null, minutes is { } m ? TimeSpan.FromMinutes(m) : null);
        var problem = o.Problem(Settings);
        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(80, "Marked by hand after appeal", true)]
    [InlineData(0, "Plagiarism", true)]
    [InlineData(100, "x", true)]
    [InlineData(101, "too much", false)]
    [InlineData(-1, "negative", false)]
    [InlineData(double.NaN, "nan", false)]
    [InlineData(50, "", false)]
    [InlineData(50, "   ", false)]
    [InlineData(50, null, false)]
    public void GradeOverride_NeedsAPercentageAndAReason(double percent, string? reason, bool accepted) =>
        Assert.Equal(accepted, GradeOverrides.Problem(percent, reason) is null);

    [Fact]
    public void GradeOverride_LongReason_Refused() =>
        Assert.NotNull(GradeOverrides.Problem(50, new string('r', GradeOverrides.MaxReasonLength + 1)));

    [Theory]
    [InlineData(0.4, 0.9, 0.9)]
    [InlineData(0.4, null, 0.4)]
    [InlineData(null, 0.0, 0.0)]
    [InlineData(null, null, null)]
    public void Counting_OverrideWins(double? fromAttempts, double? overrideFraction, double? expected) =>
        Assert.Equal(expected, GradeOverrides.Counting(fromAttempts, overrideFraction));
}
