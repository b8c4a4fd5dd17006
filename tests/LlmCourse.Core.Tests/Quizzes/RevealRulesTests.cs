using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class RevealRulesTests
{
    private static readonly DateTimeOffset Closes = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = Closes.AddDays(-1);
    private static readonly DateTimeOffset After = Closes.AddSeconds(1);

    [Theory]
    [InlineData(RevealPolicy.AfterEachAttempt, 3, true, 1, false, true)]
    [InlineData(RevealPolicy.AfterEachAttempt, 3, false, 1, false, false)]  // never before submitting
    [InlineData(RevealPolicy.AfterLastAttempt, 3, true, 2, false, false)]
    [InlineData(RevealPolicy.AfterLastAttempt, 3, true, 3, false, true)]
    [InlineData(RevealPolicy.AfterLastAttempt, 3, true, 1, true, true)]     // closing ends the attempts
    [InlineData(RevealPolicy.AfterLastAttempt, null, true, 50, false, false)] // unlimited: only at close
    [InlineData(RevealPolicy.AfterLastAttempt, null, true, 50, true, true)]
    [InlineData(RevealPolicy.AfterClose, 1, true, 1, false, false)]
    [InlineData(RevealPolicy.AfterClose, 1, true, 1, true, true)]
    [InlineData(RevealPolicy.AfterClose, 1, false, 1, true, false)]
    [InlineData(RevealPolicy.Never, 1, true, 1, true, false)]
    public void CanReveal_PolicyAttemptsAndTime(RevealPolicy policy, int? allowed, bool submitted, int used, bool afterClose, bool expected)
    {
        var settings = QuizSettings.Default with { Reveal = policy, AttemptsAllowed = allowed, Closes = Closes };

        Assert.Equal(expected, RevealRules.CanReveal(settings, submitted, used, afterClose ? After : Before));
    }

    [Fact]
    public void CanReveal_AfterCloseWithoutCloseDate_Never() =>
        Assert.False(RevealRules.CanReveal(QuizSettings.Default with { Reveal = RevealPolicy.AfterClose }, true, 1, After.AddYears(10)));

    [Fact]
    public void Review_NeverPolicySubmitted_ScoreOnly()
    {
        var options = RevealRules.Review(QuizSettings.Default with { Reveal = RevealPolicy.Never }, true, 1, Before);

        Assert.Equal(new ReviewOptions(true, false, false, false, false), options);
    }

    [Fact]
    public void Review_NotSubmitted_Nothing() =>
        Assert.Equal(ReviewOptions.Nothing, RevealRules.Review(QuizSettings.Default, false, 1, Before));

    [Fact]
    public void ReviewBuilder_Revealed_ShowsAnswerExplanationAndPickedFeedback()
    {
        var options = RevealRules.Review(QuizSettings.Default, true, 1, Before);

        var review = ReviewBuilder.Build(SampleQuiz.Single, "q-public", 1, false, 7, new ChoiceResponse(["c-vocab"]), options);

        Assert.Equal(["c-weights"], review.Answer!.ChoiceIds);
        Assert.Contains("EXPLANATION-SINGLE", review.ExplanationHtml, StringComparison.Ordinal);
        var feedback = Assert.Single(review.Feedback);
        Assert.Equal("c-vocab", feedback.ChoiceId);
        Assert.Equal(GradeState.Incorrect, review.Grade!.State);
    }

    [Fact]
    public void ReviewBuilder_NotRevealed_HidesAnswerExplanationFeedbackAndMarks()
    {
        var options = RevealRules.Review(QuizSettings.Default with { Reveal = RevealPolicy.Never }, true, 1, Before);

        var review = ReviewBuilder.Build(SampleQuiz.Single, "q-public", 1, false, 7, new ChoiceResponse(["c-vocab"]), options);

        Assert.Null(review.Answer);
        Assert.Null(review.ExplanationHtml);
        Assert.Empty(review.Feedback);
        Assert.Null(review.Grade);
    }
}

/// <summary><c>show-marks</c>: marks (scores, pass/fail, per-question marks) held back separately from answers.</summary>
public sealed class ShowMarksRulesTests
{
    private static readonly DateTimeOffset Closes = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = Closes.AddDays(-1);

    [Theory]
    [InlineData(MarksPolicy.Immediately, false, true)]
    [InlineData(MarksPolicy.AfterClose, false, false)]
    [InlineData(MarksPolicy.AfterClose, true, true)]
    [InlineData(MarksPolicy.Never, false, false)]
    [InlineData(MarksPolicy.Never, true, false)]
    public void MarksVisible_PolicyAndTime(MarksPolicy policy, bool afterClose, bool expected)
    {
        var settings = QuizSettings.Default with { ShowMarks = policy, Closes = Closes };

        Assert.Equal(expected, RevealRules.MarksVisible(settings, afterClose ? Closes : Before));
    }

    [Fact]
    public void MarksVisible_AfterCloseWithoutCloseDate_Never() =>
        Assert.False(RevealRules.MarksVisible(QuizSettings.Default with { ShowMarks = MarksPolicy.AfterClose }, Before.AddYears(10)));

    [Fact]
    public void Review_MarksNeverAnswersRevealed_ShowsAnswersButNoScoreOrMarks()
    {
        var settings = QuizSettings.Default with { ShowMarks = MarksPolicy.Never, Reveal = RevealPolicy.AfterEachAttempt };

        var options = RevealRules.Review(settings, true, 1, Before);

        Assert.Equal(new ReviewOptions(false, false, true, true, true), options);
        var review = ReviewBuilder.Build(SampleQuiz.Single, "q-public", 1, false, 7, new ChoiceResponse(["c-vocab"]), options);
        Assert.Null(review.Grade);
        Assert.NotNull(review.Answer);
    }

    [Fact]
    public void Review_UnlimitedAttemptsRevealNeverMarksNever_ShowsNothingButTheAttempt()
    {
        // The leak the setting closes: with unlimited attempts a total score after each attempt tells the
        // right answers one question at a time, even though the answers themselves are never shown.
        var settings = QuizSettings.Default with { AttemptsAllowed = null, Reveal = RevealPolicy.Never, ShowMarks = MarksPolicy.Never };

        Assert.Equal(ReviewOptions.Nothing, RevealRules.Review(settings, true, 40, Before));
    }

    [Theory]
    [InlineData(MarksPolicy.Immediately, null, false)]
    [InlineData(MarksPolicy.Immediately, 0.69, false)]
    [InlineData(MarksPolicy.Immediately, 0.7, true)]
    [InlineData(MarksPolicy.Never, null, false)]
    [InlineData(MarksPolicy.Never, 0.0, true)]     // handed in is enough: waiting for the pass mark would tell it
    [InlineData(MarksPolicy.AfterClose, 0.2, true)]
    public void Completes_FollowsTheGradeUnlessMarksAreHeldBack(MarksPolicy policy, double? counting, bool expected) =>
        Assert.Equal(expected, RevealRules.Completes(QuizSettings.Default with { ShowMarks = policy }, counting));
}
