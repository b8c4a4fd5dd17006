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

        var review = ReviewBuilder.Build(SampleQuiz.Single, 1, false, 7, new ChoiceResponse(["c-vocab"]), options);

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

        var review = ReviewBuilder.Build(SampleQuiz.Single, 1, false, 7, new ChoiceResponse(["c-vocab"]), options);

        Assert.Null(review.Answer);
        Assert.Null(review.ExplanationHtml);
        Assert.Empty(review.Feedback);
        Assert.Null(review.Grade);
    }
}
