using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

/// <summary>
/// Random guess scores following each Moodle question type's get_random_guess_score (question/type/*/questiontype.php):
/// multichoice single = mean answer fraction, multiple = null; truefalse 0.5; shortanswer and numerical = the "*"
/// answer's fraction or 0; match = 1 / number of choices; ordering = question_type's default 0.
/// </summary>
public sealed class RandomGuessTests
{
    [Fact]
    public void Score_SingleChoiceOneOfThree_IsAThird() =>
        Assert.Equal(1.0 / 3, RandomGuess.Score(SampleQuiz.Single)!.Value, 12);

    [Fact]
    public void Score_SingleChoiceTwoRightOfFour_IsAHalf()
    {
        var question = SampleQuiz.Single with
        {
            Choices = [SampleQuiz.C("a", "A", true), SampleQuiz.C("b", "B", true), SampleQuiz.C("c", "C", false), SampleQuiz.C("d", "D", false)],
        };

        Assert.Equal(0.5, RandomGuess.Score(question));
    }

    [Fact]
    public void Score_TrueFalse_IsAHalf() => Assert.Equal(0.5, RandomGuess.Score(SampleQuiz.TrueFalse));

    [Fact]
    public void Score_MultipleAnswers_IsUnknownAsInMoodle() => Assert.Null(RandomGuess.Score(SampleQuiz.Multiple));

    [Fact]
    public void Score_ShortAnswer_IsZero() => Assert.Equal(0.0, RandomGuess.Score(SampleQuiz.Short));

    [Fact]
    public void Score_Numeric_IsZero() =>
        Assert.Equal(0.0, RandomGuess.Score(SampleQuiz.Single with { Type = QuestionType.Numeric, Choices = [], Numeric = new NumericAnswer(3.14, 0.01) }));

    [Fact]
    public void Score_Ordering_IsZero() =>
        Assert.Equal(0.0, RandomGuess.Score(SampleQuiz.Single with { Type = QuestionType.Ordering, Choices = [], OrderedItems = ["a", "b", "c"] }));

    [Theory]
    [InlineData(new[] { "x", "y", "z" }, 1.0 / 3)]
    [InlineData(new[] { "x", "y", " x " }, 0.5)] // the same answer twice (ids ignore surrounding spaces) is one choice
    public void Score_Matching_IsOneOverDistinctAnswers(string[] rights, double expected)
    {
        var question = SampleQuiz.Single with
        {
            Type = QuestionType.Matching,
            Choices = [],
            Pairs = [.. rights.Select((r, i) => new MatchPair($"left {i}", r))],
        };

        Assert.Equal(expected, RandomGuess.Score(question)!.Value, 12);
    }

    [Fact]
    public void Compute_Quiz_ReportsRandomGuessAsPercent()
    {
        var stats = StatisticsCalculator.Compute(SampleQuiz.Create(), []);

        var single = stats.Questions.Single(q => q.QuestionId == SampleQuiz.Single.Id);
        Assert.Equal(100.0 / 3, single.RandomGuessScore!.Value, 9);
        Assert.Null(stats.Questions.Single(q => q.QuestionId == SampleQuiz.Multiple.Id).RandomGuessScore);
        Assert.Null(single.FacilityIndex);
    }
}
