using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

/// <summary>
/// Essays graded by hand, as Moodle's manual grading works (question/behaviour/manualgraded): an answered essay waits
/// in "needs grading" with no mark, the attempt has no score until every essay is graded (sumgrades stays null), an
/// empty essay scores 0 at once, and the statistics leave ungraded attempts out.
/// </summary>
public sealed class EssayGradingTests
{
    private static readonly Question Essay = new()
    {
        Id = "explain",
        Type = QuestionType.Essay,
        Title = "Explain LoRA",
        PromptHtml = "<p>Explain LoRA</p>",
        Points = 5,
    };

    private static readonly Question Choice = SampleQuiz.Single;

    private static Quiz QuizOf(params Question[] questions) => new()
    {
        Id = "essay-quiz",
        Title = "Essay quiz",
        Kind = ItemKind.Quiz,
        SourceFile = "weeks/07-x/05-essay-quiz.md",
        Markdown = "essay quiz",
        Revision = "rev1",
        Settings = QuizSettings.Default,
        Questions = questions,
    };

    private static readonly TextResponse Answer = new("LoRA trains small adapter matrices and freezes the rest.");

    [Fact]
    public void Grade_AnsweredEssayWithoutGrade_NeedsGradingWithNoMark()
    {
        var grade = Grader.Grade(Essay, Answer);

        Assert.Equal(GradeState.NeedsGrading, grade.State);
        Assert.Equal(0, grade.Mark);
        Assert.Equal(5, grade.MaxMark);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Grade_EmptyEssay_UnansweredScoresZeroWithoutWaiting(string text)
    {
        var grade = Grader.Grade(Essay, new TextResponse(text));

        Assert.Equal(GradeState.Unanswered, grade.State);
        Assert.Equal(0, grade.Mark);
        Assert.Equal(GradeState.Unanswered, Grader.Grade(Essay, null).State);
    }

    [Theory]
    [InlineData(5, 5, 5, GradeState.Correct)]
    [InlineData(3, 5, 3, GradeState.Partial)]
    [InlineData(0, 5, 0, GradeState.Incorrect)]
    [InlineData(1, 2, 2.5, GradeState.Partial)]
    public void Grade_GradedEssay_MarkIsTheGradersShareOfTheCurrentPoints(double mark, double maxThen, double expected, GradeState state)
    {
        var grade = Grader.Grade(Essay, Answer, new ManualGrade(mark, maxThen));

        Assert.Equal(expected, grade.Mark, 9);
        Assert.Equal(state, grade.State);
    }

    [Fact]
    public void Grade_ManualGradeOnAnAutomaticQuestion_Ignored()
    {
        var grade = Grader.Grade(Choice, new ChoiceResponse(["c-vocab"]), new ManualGrade(2, 2));

        Assert.Equal(GradeState.Incorrect, grade.State);
        Assert.Equal(0, grade.Mark);
    }

    [Fact]
    public void AttemptGrader_UngradedEssay_AttemptHasNoFinalScoreUntilGraded()
    {
        var quiz = QuizOf(Choice, Essay);
        var responses = new Dictionary<string, QuestionResponse> { [Choice.Id] = new ChoiceResponse(["c-weights"]), [Essay.Id] = Answer };

        var pending = AttemptGrader.Grade(quiz, responses);
        Assert.True(pending.NeedsGrading);
        Assert.Null(pending.FinalScore);
        Assert.Equal(2, pending.Score);

        var graded = AttemptGrader.Grade(quiz, responses, new Dictionary<string, ManualGrade> { [Essay.Id] = new(4, 5) });
        Assert.False(graded.NeedsGrading);
        Assert.Equal(6, graded.FinalScore);
        Assert.Equal(7, graded.MaxScore);
    }

    [Fact]
    public void AttemptGrader_EssayLeftEmpty_AttemptScoredAtOnce()
    {
        var result = AttemptGrader.Grade(QuizOf(Choice, Essay), new Dictionary<string, QuestionResponse> { [Choice.Id] = new ChoiceResponse(["c-weights"]) });

        Assert.False(result.NeedsGrading);
        Assert.Equal(2, result.FinalScore);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(2.5, null)]
    [InlineData(5, null)]
    [InlineData(-0.5, "from 0 to 5")]
    [InlineData(5.01, "from 0 to 5")]
    [InlineData(double.NaN, "from 0 to 5")]
    [InlineData(double.PositiveInfinity, "from 0 to 5")]
    public void Problem_Mark_MustBeWithinThePoints(double mark, string? problem)
    {
        var found = ManualGrading.Problem(Essay, Answer, mark, null);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Problem_NotAnEssayOrNothingToGrade_Refused()
    {
        Assert.Contains("only essay", ManualGrading.Problem(Choice, new ChoiceResponse(["c-weights"]), 1, null), StringComparison.Ordinal);
        Assert.Contains("no answer", ManualGrading.Problem(Essay, null, 1, null), StringComparison.Ordinal);
        Assert.Contains("no answer", ManualGrading.Problem(Essay, new TextResponse("  "), 1, null), StringComparison.Ordinal);
        Assert.Contains("no answer", ManualGrading.Problem(Essay, new NumericResponse("3"), 1, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_Comment_BoundedAndValidText()
    {
        Assert.Null(ManualGrading.Problem(Essay, Answer, 1, new string('a', ManualGrading.MaxCommentLength)));
        Assert.Contains("at most", ManualGrading.Problem(Essay, Answer, 1, new string('a', ManualGrading.MaxCommentLength + 1)), StringComparison.Ordinal);
        Assert.Contains("Unicode", ManualGrading.Problem(Essay, Answer, 1, "bad \ud800 text"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData(" 2.5 ", 2.5)]
    [InlineData("2,5", 2.5)]
    public void TryParseMark_DecimalPointOrComma(string text, double expected)
    {
        Assert.True(ManualGrading.TryParseMark(text, out var mark));
        Assert.Equal(expected, mark);
    }

    [Theory]
    [InlineData("")]
    [InlineData("three")]
    [InlineData("1,000.5")]
    [InlineData("NaN")]
    public void TryParseMark_NotANumber_Refused(string text) => Assert.False(ManualGrading.TryParseMark(text, out _));

    [Theory]
    [InlineData("<script>alert('x')</script> **good**", "&lt;script&gt;")]
    [InlineData("[click](javascript:alert('x'))", "click")]
    [InlineData("<img src=x onerror=alert('x')>", "&lt;img")]
    public void RenderComment_MarkdownThroughTheSafePipeline(string comment, string expected)
    {
        var html = ManualGrading.RenderComment(comment)!;

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderComment_FormattingKeptBlankIsNone()
    {
        Assert.Equal("<p>Well argued, <strong>but</strong> cite the paper.</p>", ManualGrading.RenderComment("Well argued, **but** cite the paper."));
        Assert.Null(ManualGrading.RenderComment("   "));
        Assert.Null(ManualGrading.RenderComment(null));
    }

    [Fact]
    public void ResponseBounds_EssayTakesBoundedText()
    {
        Assert.Null(ResponseBounds.Problem(Essay, new TextResponse(new string('w', ResponseBounds.MaxEssayLength))));
        Assert.Contains("at most 20000", ResponseBounds.Problem(Essay, new TextResponse(new string('w', ResponseBounds.MaxEssayLength + 1))), StringComparison.Ordinal);
        Assert.Contains("Unicode", ResponseBounds.Problem(Essay, new TextResponse("lone \udc00")), StringComparison.Ordinal);
        Assert.Contains("essay question takes {\"t\":\"text\"}", ResponseBounds.Problem(Essay, new ChoiceResponse([])), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomGuess_Essay_None() => Assert.Null(RandomGuess.Score(Essay));

    [Fact]
    public void Statistics_UngradedAttempt_LeftOutUntilGraded()
    {
        // As Moodle's statistics (sumgrades IS NOT NULL): an attempt waiting for grading is not counted as 0.
        var quiz = QuizOf(Choice, Essay);
        StatisticsAttempt Attempt(string learner, string choice, string? essay, ManualGrade? manual = null) => new(
            learner,
            1,
            essay is null
                ? new Dictionary<string, QuestionResponse> { [Choice.Id] = new ChoiceResponse([choice]) }
                : new Dictionary<string, QuestionResponse> { [Choice.Id] = new ChoiceResponse([choice]), [Essay.Id] = new TextResponse(essay) },
            manual is null ? null : new Dictionary<string, ManualGrade> { [Essay.Id] = manual });

        var before = StatisticsCalculator.Compute(
            quiz,
            [Attempt("a", "c-weights", "text", new ManualGrade(5, 5)), Attempt("b", "c-vocab", "text"), Attempt("c", "c-weights", null)],
            StatisticsAttempts.All);
        Assert.Equal(2, before.AttemptCount);
        Assert.Equal(1, before.UngradedCount);
        Assert.Equal((7 + 2) / 2.0, before.MeanScore);
        Assert.Equal(5, before.Questions[1].MeanMark! * 2);
        Assert.Null(before.Questions[1].RandomGuessScore);

        var after = StatisticsCalculator.Compute(
            quiz,
            [Attempt("a", "c-weights", "text", new ManualGrade(5, 5)), Attempt("b", "c-vocab", "text", new ManualGrade(1, 5)), Attempt("c", "c-weights", null)],
            StatisticsAttempts.All);
        Assert.Equal(3, after.AttemptCount);
        Assert.Equal(0, after.UngradedCount);
        Assert.Equal((7 + 1 + 2) / 3.0, after.MeanScore!.Value, 9);
    }

    [Fact]
    public void Regrade_KeepsManualMarks_ScaledToNewPoints()
    {
        var responses = new Dictionary<string, QuestionResponse> { [Essay.Id] = Answer };
        var manual = new Dictionary<string, ManualGrade> { [Essay.Id] = new(4, 5) };

        // The author doubles the essay's points: the grader's 4 of 5 becomes 8 of 10.
        var revised = QuizOf(Essay with { Points = 10 });
        var report = Regrader.Regrade(revised, [new StoredAttempt("a1", 4, responses, manual), new StoredAttempt("a2", 0, responses)]);

        Assert.Equal(8, report.Attempts[0].NewScore);
        Assert.False(report.Attempts[0].NeedsGrading);
        Assert.True(report.Attempts[1].NeedsGrading);
    }

    [Fact]
    public void Review_CommentFollowsFeedbackAndMarkFollowsMarks()
    {
        var manual = new ManualGrade(3, 5, "<p>Good start.</p>");
        var all = RevealRules.Review(QuizSettings.Default, true, 1, DateTimeOffset.UnixEpoch);
        var shown = ReviewBuilder.Build(Essay, "q1", 1, false, 1, Answer, all, manual);
        Assert.Equal("<p>Good start.</p>", shown.CommentHtml);
        Assert.Equal(3, shown.Grade!.Mark);
        Assert.False(shown.NeedsGrading);

        // reveal: never holds back feedback (and so the comment) and per-question marks, as Moodle's review options.
        var never = RevealRules.Review(QuizSettings.Default with { Reveal = RevealPolicy.Never }, true, 1, DateTimeOffset.UnixEpoch);
        var held = ReviewBuilder.Build(Essay, "q1", 1, false, 1, Answer, never, manual);
        Assert.Null(held.CommentHtml);
        Assert.Null(held.Grade);

        var pending = ReviewBuilder.Build(Essay, "q1", 1, false, 1, Answer, all);
        Assert.True(pending.NeedsGrading);
        Assert.Null(pending.Grade);
        Assert.Null(pending.CommentHtml);
    }

    [Fact]
    public void Projection_Essay_NoOptionsAndNoGraderInformation()
    {
        var quiz = QuizOf(Essay with { GraderInfoHtml = "<p>SECRET-RUBRIC</p>" });

        var q = Assert.Single(PublicProjection.Project(quiz, 1).Questions);
        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Empty(q.Choices);
        Assert.DoesNotContain("SECRET-RUBRIC", q.PromptHtml + q.HintHtml, StringComparison.Ordinal);
    }
}
