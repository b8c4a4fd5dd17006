using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class StatisticsTests
{
    // Hand-computed dataset. Q1 and Q2 are worth 1, Q3 is worth 2 (max score 4).
    //
    //          Q1  Q2  Q3  total   percent
    //   A1      1   1   2    4      100
    //   A2      1   0   2    3       75
    //   A3      0   1   1    2       50
    //   A4      0   0   0    0        0
    //
    // Mean 9/4 = 2.25; median (2 + 3)/2 = 2.5; sample SD sqrt(8.75/3) = 1.7078251.
    // Facility: Q1 0.5/1 = 50, Q2 0.5/1 = 50, Q3 1.25/2 = 62.5.
    // Discrimination = 100 × r(question mark, total − question mark):
    //   Q1: x = 1,1,0,0  rest = 3,2,2,0  Sxy = 1.5, Sxx = 1, Syy = 4.75  r = 1.5/√4.75  = 0.688247
    //   Q2: x = 1,0,1,0  rest = 3,3,1,0  Sxy = 0.5, Sxx = 1, Syy = 6.75  r = 0.5/√6.75  = 0.192450
    //   Q3: x = 2,2,1,0  rest = 2,1,1,0  Sxy = 2,   Sxx = 2.75, Syy = 2  r = 2/√5.5     = 0.852803
    private static readonly IReadOnlyList<IReadOnlyList<double>> Marks =
    [
        [1, 1, 2],
        [1, 0, 2],
        [0, 1, 1],
        [0, 0, 0],
    ];

    private static QuizStatistics HandDataset() => StatisticsCalculator.FromMarks(["q1", "q2", "q3"], [1, 1, 2], Marks);

    [Fact]
    public void FromMarks_HandDataset_QuizFigures()
    {
        var stats = HandDataset();

        Assert.Equal(4, stats.AttemptCount);
        Assert.Equal(4, stats.MaxScore);
        Assert.Equal(2.25, stats.MeanScore!.Value, 9);
        Assert.Equal(2.5, stats.MedianScore!.Value, 9);
        Assert.Equal(1.7078251, stats.StandardDeviation!.Value, 6);
        Assert.Equal([1, 0, 0, 0, 0, 1, 0, 1, 0, 1], stats.Histogram);
    }

    [Theory]
    [InlineData(0, 50.0, 68.8247)]
    [InlineData(1, 50.0, 19.2450)]
    [InlineData(2, 62.5, 85.2803)]
    public void FromMarks_HandDataset_FacilityAndDiscrimination(int question, double facility, double discrimination)
    {
        var stats = HandDataset().Questions[question];

        Assert.Equal(facility, stats.FacilityIndex!.Value, 6);
        Assert.Equal(discrimination, stats.DiscriminationIndex!.Value, 3);
    }

    [Fact]
    public void FromMarks_QuestionEveryoneGotRight_NoDiscrimination()
    {
        var stats = StatisticsCalculator.FromMarks(["easy", "other"], [1, 1], [[1, 1], [1, 0], [1, 0]]);

        Assert.Equal(100, stats.Questions[0].FacilityIndex);
        Assert.Null(stats.Questions[0].DiscriminationIndex);
    }

    [Fact]
    public void FromMarks_NoAttempts_EmptyFigures()
    {
        var stats = StatisticsCalculator.FromMarks(["q"], [1], []);

        Assert.Equal(0, stats.AttemptCount);
        Assert.Null(stats.MeanScore);
        Assert.Null(stats.MedianScore);
        Assert.Null(stats.Questions[0].FacilityIndex);
        Assert.Equal(new int[10], stats.Histogram);
    }

    [Theory]
    [InlineData(7, 10, 7)]      // exactly 70% goes in the 70–80 bin
    [InlineData(6.99, 10, 6)]
    [InlineData(10, 10, 9)]     // 100% shares the last bin
    [InlineData(0, 10, 0)]
    public void FromMarks_Histogram_BinEdges(double score, double max, int bin)
    {
        var stats = StatisticsCalculator.FromMarks(["q"], [max], [[score]]);

        Assert.Equal(1, stats.Histogram[bin]);
    }

    [Fact]
    public void Compute_SampleQuiz_GradesAndCountsChoices()
    {
        var quiz = SampleQuiz.Create();
        IReadOnlyList<IReadOnlyDictionary<string, QuestionResponse>> attempts =
        [
            new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-weights"]), ["sampling-knobs"] = new ChoiceResponse(["m-temp", "m-lr"]) },
            new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-vocab"]), ["sampling-knobs"] = new ChoiceResponse(["m-temp", "m-topp", "m-topk"]) },
            new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-weights"]) },
        ];

        var stats = StatisticsCalculator.Compute(quiz, attempts);

        Assert.Equal(3, stats.AttemptCount);
        Assert.Equal(8, stats.MaxScore);
        var single = stats.Questions.Single(q => q.QuestionId == "what-changes");
        Assert.Equal(200.0 / 3, single.FacilityIndex!.Value, 9);
        Assert.Equal([1, 2, 0], single.ChoiceFrequencies.Select(f => f.Count));
        var multiple = stats.Questions.Single(q => q.QuestionId == "sampling-knobs");
        Assert.Equal([2, 1, 1, 1, 0], multiple.ChoiceFrequencies.Select(f => f.Count));
        Assert.Empty(stats.Questions.Single(q => q.QuestionId == "pi").ChoiceFrequencies);
    }

    [Fact]
    public void Regrade_AnswerKeyFixed_ReportsChangedAttempts()
    {
        var original = SampleQuiz.Create();
        var picksWeights = new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-weights"]) };
        var picksVocab = new Dictionary<string, QuestionResponse> { ["what-changes"] = new ChoiceResponse(["c-vocab"]) };
        var numeric = new Dictionary<string, QuestionResponse> { ["pi"] = new NumericResponse("3.2") };
        StoredAttempt[] attempts =
        [
            new("a1", AttemptGrader.Grade(original, picksWeights).Score, picksWeights),
            new("a2", AttemptGrader.Grade(original, picksVocab).Score, picksVocab),
            new("a3", AttemptGrader.Grade(original, numeric).Score, numeric),
        ];

        // The author decides both of the first two choices are right, and widens the numeric tolerance.
        var revised = original with
        {
            Questions =
            [
                .. original.Questions.Select(q => q.Id switch
                {
                    "what-changes" => q with { Type = QuestionType.MultipleAnswers, Choices = [.. q.Choices.Select(c => c with { Correct = c.Id != "c-context" })] },
                    "pi" => q with { Numeric = new NumericAnswer(3.14159, 0.1) },
                    _ => q,
                }),
            ],
        };

        var report = Regrader.Regrade(revised, attempts);

        Assert.Equal(["a1", "a2", "a3"], report.Attempts.Select(a => a.AttemptId));
        Assert.Equal([(2.0, 1.0), (0.0, 1.0), (0.0, 1.0)], report.Attempts.Select(a => (a.OldScore, a.NewScore)));
        Assert.Equal(3, report.Changed.Count);
    }

    [Fact]
    public void Regrade_NothingMeaningfulChanged_NoChanges()
    {
        var quiz = SampleQuiz.Create();
        var responses = new Dictionary<string, QuestionResponse> { ["sampling-knobs"] = new ChoiceResponse(["m-temp"]) };
        var retitled = quiz with { Title = "Renamed" };

        var report = Regrader.Regrade(retitled, [new StoredAttempt("a", AttemptGrader.Grade(quiz, responses).Score, responses)]);

        Assert.Empty(report.Changed);
        Assert.Equal(1.0 / 3, report.Attempts[0].NewScore, 9);
    }
}
