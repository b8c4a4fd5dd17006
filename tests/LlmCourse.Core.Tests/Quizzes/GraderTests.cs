using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class GraderTests
{
    [Theory]
    [InlineData(new[] { "c-weights" }, 1.0, GradeState.Correct)]
    [InlineData(new[] { "c-vocab" }, 0.0, GradeState.Incorrect)]
    [InlineData(new[] { "c-weights", "c-vocab" }, 0.0, GradeState.Incorrect)] // two picks on a single-choice question
    [InlineData(new[] { "c-weights", "c-weights" }, 1.0, GradeState.Correct)]  // duplicates collapse
    [InlineData(new[] { "gone" }, 0.0, GradeState.Incorrect)]
    [InlineData(new string[0], 0.0, GradeState.Unanswered)]
    public void Grade_SingleChoice_AllOrNothing(string[] picks, double fraction, GradeState state)
    {
        var grade = Grader.Grade(SampleQuiz.Single, new ChoiceResponse(picks));

        Assert.Equal(fraction, grade.Fraction, 9);
        Assert.Equal(fraction * 2, grade.Mark, 9);
        Assert.Equal(2, grade.MaxMark);
        Assert.Equal(state, grade.State);
    }

    [Theory]
    [InlineData(new[] { "tf-true" }, GradeState.Correct)]
    [InlineData(new[] { "tf-false" }, GradeState.Incorrect)]
    [InlineData(new[] { "tf-true", "tf-false" }, GradeState.Incorrect)]
    public void Grade_TrueFalse_AllOrNothing(string[] picks, GradeState state) =>
        Assert.Equal(state, Grader.Grade(SampleQuiz.TrueFalse, new ChoiceResponse(picks)).State);

    // 3 correct (temp, top-p, top-k), 2 wrong (lr, bs): fraction = max(0, (right − wrong) / 3).
    [Theory]
    [InlineData(new[] { "m-temp", "m-topp", "m-topk" }, 1.0, GradeState.Correct)]
    [InlineData(new[] { "m-temp", "m-topp" }, 2.0 / 3, GradeState.Partial)]
    [InlineData(new[] { "m-temp" }, 1.0 / 3, GradeState.Partial)]
    [InlineData(new[] { "m-temp", "m-topp", "m-topk", "m-lr" }, 2.0 / 3, GradeState.Partial)]
    [InlineData(new[] { "m-temp", "m-topp", "m-topk", "m-lr", "m-bs" }, 1.0 / 3, GradeState.Partial)] // ticking everything
    [InlineData(new[] { "m-temp", "m-lr" }, 0.0, GradeState.Incorrect)]
    [InlineData(new[] { "m-temp", "m-lr", "m-bs" }, 0.0, GradeState.Incorrect)] // never below zero
    [InlineData(new[] { "m-lr" }, 0.0, GradeState.Incorrect)]
    [InlineData(new[] { "m-temp", "removed-choice" }, 1.0 / 3, GradeState.Partial)] // unknown ids ignored
    public void Grade_MultipleAnswers_PartialCredit(string[] picks, double fraction, GradeState state)
    {
        var grade = Grader.Grade(SampleQuiz.Multiple, new ChoiceResponse(picks));

        Assert.Equal(fraction, grade.Fraction, 9);
        Assert.Equal(state, grade.State);
    }

    [Theory]
    [InlineData("Supervised fine-tuning", true)]
    [InlineData("  SUPERVISED    fine-tuning  ", true)]
    [InlineData("supervised\tfine-tuning\n", true)]
    [InlineData("supervised finetuning", true)]
    [InlineData("Supervised fine tune", true)]      // pattern
    [InlineData("supervisedfinetuning", true)]       // pattern, whole string
    [InlineData("supervised fine-tuning is it", false)] // pattern must match the whole answer
    [InlineData("not supervised fine-tuning", false)]
    [InlineData("Supervised", false)]
    public void Grade_ShortText_NormalisedExactOrPattern(string text, bool correct)
    {
        var grade = Grader.Grade(SampleQuiz.Short, new TextResponse(text));

        Assert.Equal(correct ? GradeState.Correct : GradeState.Incorrect, grade.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Grade_ShortTextBlank_Unanswered(string text) =>
        Assert.Equal(GradeState.Unanswered, Grader.Grade(SampleQuiz.Short, new TextResponse(text)).State);

    [Fact]
    public void Grade_ShortTextCatastrophicPattern_TimesOutAsIncorrect()
    {
        var question = SampleQuiz.Short with { AcceptedAnswers = [], AcceptedPattern = "(a+)+b" };
        var answer = new string('a', 40) + "c";

        var started = DateTime.UtcNow;
        var grade = Grader.Grade(question, new TextResponse(answer));

        Assert.Equal(GradeState.Incorrect, grade.State);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Grade_ShortTextInvalidPattern_Incorrect()
    {
        var question = SampleQuiz.Short with { AcceptedAnswers = [], AcceptedPattern = "(unclosed" };

        Assert.Equal(GradeState.Incorrect, Grader.Grade(question, new TextResponse("unclosed")).State);
    }

    // Value 3.14159 ± 0.01.
    [Theory]
    [InlineData("3.14", true)]
    [InlineData("3,14", true)]          // decimal comma
    [InlineData(" 3.15159 ", true)]     // exactly at the upper bound
    [InlineData("3.13159", true)]       // exactly at the lower bound
    [InlineData("3.152", false)]
    [InlineData("314e-2", true)]
    [InlineData("+3.141", true)]
    [InlineData("3", false)]
    [InlineData("1,000.5", false)]      // thousands separators are refused
    [InlineData("3,14,1", false)]
    [InlineData("pi", false)]
    [InlineData("NaN", false)]
    [InlineData("Infinity", false)]
    public void Grade_Numeric_WithinTolerance(string input, bool correct) =>
        Assert.Equal(correct ? GradeState.Correct : GradeState.Incorrect, Grader.Grade(SampleQuiz.Numeric, new NumericResponse(input)).State);

    [Theory]
    [InlineData("-2", -2.0)]
    [InlineData("\u22122.5", -2.5)]
    [InlineData("0,5", 0.5)]
    [InlineData("1e3", 1000.0)]
    public void TryParseNumber_Accepted_Value(string input, double expected)
    {
        Assert.True(Grader.TryParseNumber(input, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Grade_NumericZeroTolerance_ExactOnly()
    {
        var question = SampleQuiz.Numeric with { Numeric = new NumericAnswer(0.3, 0) };

        Assert.Equal(GradeState.Correct, Grader.Grade(question, new NumericResponse("0.3")).State);
        Assert.Equal(GradeState.Incorrect, Grader.Grade(question, new NumericResponse("0.31")).State);
    }

    // Four pairs; fraction = right pairs / 4.
    [Theory]
    [InlineData(4, 1.0, GradeState.Correct)]
    [InlineData(3, 0.75, GradeState.Partial)]
    [InlineData(1, 0.25, GradeState.Partial)]
    [InlineData(0, 0.0, GradeState.Incorrect)]
    public void Grade_Matching_ShareOfRightPairs(int rightPairs, double fraction, GradeState state)
    {
        var pairs = SampleQuiz.Matching.Pairs;
        var picks = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            // Right pairs for the first rightPairs lefts; the rest get the next pair's right-hand side.
            var right = i < rightPairs ? pairs[i].Right : pairs[(i + 1) % pairs.Count].Right;
            picks[SampleQuiz.Id(pairs[i].Left)] = SampleQuiz.Id(right);
        }

        var grade = Grader.Grade(SampleQuiz.Matching, new MatchingResponse(picks));

        Assert.Equal(fraction, grade.Fraction, 9);
        Assert.Equal(state, grade.State);
    }

    [Fact]
    public void Grade_MatchingSomeLeftsUnpicked_CountsOnlyPicked()
    {
        var pair = SampleQuiz.Matching.Pairs[0];
        var picks = new Dictionary<string, string> { [SampleQuiz.Id(pair.Left)] = SampleQuiz.Id(pair.Right) };

        Assert.Equal(0.25, Grader.Grade(SampleQuiz.Matching, new MatchingResponse(picks)).Fraction, 9);
    }

    // Correct order A B C D; fraction = pairs (item, item right after it) that are right / 3.
    [Theory]
    [InlineData("ABCD", 1.0, GradeState.Correct)]
    [InlineData("BCDA", 2.0 / 3, GradeState.Partial)]  // B→C, C→D right
    [InlineData("ABDC", 1.0 / 3, GradeState.Partial)]  // A→B right
    [InlineData("ACBD", 0.0, GradeState.Incorrect)]
    [InlineData("DCBA", 0.0, GradeState.Incorrect)]
    [InlineData("CDAB", 2.0 / 3, GradeState.Partial)]  // C→D, A→B right
    [InlineData("ABC", 0.0, GradeState.Incorrect)]     // not a rearrangement of all items
    [InlineData("ABAB", 0.0, GradeState.Incorrect)]
    public void Grade_Ordering_RelativeToNext(string order, double fraction, GradeState state)
    {
        var items = SampleQuiz.Ordering.OrderedItems;
        var ids = order.Select(letter => SampleQuiz.Id(items[letter - 'A'])).ToList();

        var grade = Grader.Grade(SampleQuiz.Ordering, new OrderingResponse(ids));

        Assert.Equal(fraction, grade.Fraction, 9);
        Assert.Equal(state, grade.State);
    }

    [Fact]
    public void Grade_ResponseOfAnotherShape_Incorrect()
    {
        var grade = Grader.Grade(SampleQuiz.Single, new TextResponse("The weights"));

        Assert.Equal(GradeState.Incorrect, grade.State);
        Assert.Equal(0, grade.Mark);
    }

    [Fact]
    public void Grade_NullResponse_Unanswered()
    {
        foreach (var question in SampleQuiz.Create().Questions)
        {
            var grade = Grader.Grade(question, null);
            Assert.Equal(GradeState.Unanswered, grade.State);
            Assert.Equal(question.Points, grade.MaxMark);
        }
    }

    [Fact]
    public void AttemptGrader_MixedResponses_SumsMarks()
    {
        var quiz = SampleQuiz.Create();
        var responses = new Dictionary<string, QuestionResponse>
        {
            ["what-changes"] = new ChoiceResponse(["c-weights"]),   // 2 of 2
            ["sampling-knobs"] = new ChoiceResponse(["m-temp"]),    // 1/3 of 1
            ["pi"] = new NumericResponse("3.14"),                   // 1 of 1
        };

        var result = AttemptGrader.Grade(quiz, responses);

        Assert.Equal(8, result.MaxScore);
        Assert.Equal(3 + 1.0 / 3, result.Score, 9);
        Assert.Equal(7, result.Questions.Count);
        Assert.Equal(GradeState.Unanswered, result.Questions.Single(q => q.QuestionId == "lora-freezes").State);
    }
}
