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
    public void FromMarks_HandDataset_MomentsAndReliability()
    {
        // Moodle's formulas by hand. Totals 4, 3, 2, 0 about the mean 2.25: Σd² = 8.75, Σd³ = −5.625, Σd⁴ = 35.328125.
        // m2 = 2.1875, m3 = −1.40625, m4 = 8.83203125; k2 = 4·m2/3 = 35/12; k3 = 16·m3/(3·2) = −3.75;
        // k4 = 16·(5·m4 − 9·m2²)/(3·2·1) = 35/12. Skewness k3/k2^1.5 = −0.752837, kurtosis k4/k2² = 12/35.
        // Mark variances 1/3, 1/3, 11/12 (sum 19/12): CIC = 100·3/2·(1 − (19/12)/(35/12)) = 100·48/70 = 68.5714;
        // error ratio 100·√(1 − 0.685714) = 56.0612; standard error 0.560612 × 1.707825 = 0.957427.
        var stats = HandDataset();

        Assert.Equal(-3.75 / Math.Pow(35.0 / 12, 1.5), stats.Skewness!.Value, 9);
        Assert.Equal(12.0 / 35, stats.Kurtosis!.Value, 9);
        Assert.Equal(100.0 * 48 / 70, stats.Cic!.Value, 9);
        Assert.Equal(100 * Math.Sqrt(11.0 / 35), stats.ErrorRatio!.Value, 9);
        Assert.Equal(Math.Sqrt(11.0 / 35) * Math.Sqrt(8.75 / 3), stats.StandardError!.Value, 9);
        Assert.Equal(2.25 * 100 / 4, stats.MeanPercent!.Value, 9);
    }

    [Theory]
    [InlineData(0, 25.0, 57.735027, 31.715811, 100.0)]
    [InlineData(1, 25.0, 57.735027, 24.566961, 20.0)]
    [InlineData(2, 50.0, 47.871355, 43.717228, 100.0)]
    public void FromMarks_HandDataset_WeightsAndEfficiency(int question, double intended, double sdPercent, double effective, double efficiency)
    {
        // Intended weight = points / 4. SD% = √var / points: √(1/3), √(1/3), √(11/12)/2.
        // Covariances with the total: 5/6, 1/2, 19/12, so effective weights are √c / Σ√c.
        // Discriminative efficiency = cov(rest) / cov(sorted): Q1 0.5/0.5, Q2 (1/6)/(5/6), Q3 (2/3)/(2/3).
        var stats = HandDataset().Questions[question];

        Assert.Equal(intended, stats.IntendedWeight!.Value, 9);
        Assert.Equal(sdPercent, stats.StandardDeviationPercent!.Value, 5);
        Assert.Equal(effective, stats.EffectiveWeight!.Value, 5);
        Assert.Equal(efficiency, stats.DiscriminativeEfficiency!.Value, 9);
        Assert.False(stats.IsDubious); // Moodle flags efficiency under 15%; the lowest here is 20%
    }

    // Moodle's own test vector: mod/quiz/report/statistics/tests/fixtures/results00.csv (the marks of 25 attempts at
    // quiz 00's seven one-point slots; slot 3 of attempt 21 is the 0.3333333 Moodle's spreadsheet used), with the
    // expected figures of qstats00.csv and of stats_from_steps_walkthrough_test.php check_quiz_stats_for_quiz_00,
    // "calculated independently in a spreadsheet".
    private static readonly IReadOnlyList<IReadOnlyList<double>> _moodleQuiz00 =
    [
        [1, 1, 1, 1, 1, 0, 1],
        [1, 1, 1, 1, 0.5, 1, 0],
        [1, 1, 1, 1, 0.5, 0, 1],
        [0, 0, 1, 1, 1, 0, 0],
        [1, 0, 1, 0, 0, 1, 0.5],
        [1, 1, 1, 1, 0.5, 0, 0.5],
        [0, 1, 1, 1, 0.5, 1, 0.5],
        [1, 1, 1, 0, 0.5, 1, 0.5],
        [1, 0, 1, 1, 1, 1, 1],
        [0, 1, 1, 0, 0.5, 1, 0.5],
        [0.8, 0, 1, 1, 0.5, 1, 0.5],
        [1, 1, 1, 0, 0.5, 1, 1],
        [1, 0, 1, 1, 0.5, 1, 0.5],
        [1, 0, 1, 1, 1, 0, 0.5],
        [0, 0, 1, 1, 0, 1, 1],
        [1, 0, 1, 0, 0.5, 1, 1],
        [0.8, 0, 1, 1, 0.5, 0, 1],
        [1, 0, 1, 1, 0, 1, 0.5],
        [1, 0, 1, 1, 0.5, 0, 0.5],
        [0, 1, 1, 0, 0.5, 1, 0],
        [1, 1, 0.3333333, 1, 0.5, 0, 0.5],
        [1, 1, 1, 0, 0.5, 0, 0.5],
        [1, 1, 1, 1, 0, 1, 0.5],
        [0, 0, 1, 0, 0.5, 1, 1],
        [0, 0, 1, 1, 1, 1, 1],
    ];

    private static QuizStatistics MoodleQuiz00() =>
        StatisticsCalculator.FromMarks(["1", "2", "3", "4", "5", "6", "7"], [1, 1, 1, 1, 1, 1, 1], _moodleQuiz00);

    [Fact]
    public void FromMarks_MoodleQuiz00_QuizFiguresMatchWalkthroughTest()
    {
        // check_quiz_stats_for_quiz_00, compared with a relative tolerance of 1.5e-5 as Moodle's test does.
        var stats = MoodleQuiz00();

        Assert.Equal(25, stats.AttemptCount);
        AssertClose(4.5, stats.MedianScore, 1.5e-5);
        AssertClose(4.617333332, stats.MeanScore, 1.5e-5);
        AssertClose(0.8117265554, stats.StandardDeviation, 1.5e-5);
        AssertClose(-0.092502502, stats.Skewness, 1.5e-5);
        AssertClose(-0.7073968557, stats.Kurtosis, 1.5e-5);
        AssertClose(-87.2230935542, stats.Cic, 1.5e-5);
        AssertClose(136.8294900795, stats.ErrorRatio, 1.5e-5);
        AssertClose(1.1106813066, stats.StandardError, 1.5e-5);
    }

    // qstats00.csv: slot, facility, sd, effectiveweight, covariance, markvariance, othermarkvariance,
    // discriminationindex, covariancemax, discriminativeefficiency.
    [Theory]
    [InlineData(1, 0.704, 0.4513682901, 21.2922742344, -0.022555556, 0.2037333333, 0.5002777794, -7.0650767526, 0.2385555565, -9.4550536967)]
    [InlineData(2, 0.48, 0.5099019514, 18.8979800309, -0.1172777785, 0.26, 0.6334555578, -28.8982125772, 0.318833334, -36.7834118938)]
    [InlineData(3, 0.973333332, 0.13333334, 4.443012573, -0.0098888894, 0.0177777796, 0.6609, -9.1230674268, 0.045666669, -21.6545012165)]
    [InlineData(4, 0.68, 0.4760952286, 18.9347251357, -0.0833888893, 0.2266666667, 0.5990111128, -22.6306444113, 0.2652222232, -31.4411395613)]
    [InlineData(5, 0.52, 0.3055050463, 11.1450138688, -0.0436944444, 0.0933333333, 0.6529555563, -17.6997047674, 0.2063055556, -21.1794802584)]
    [InlineData(6, 0.64, 0.4898979486, 9.8081339177, -0.2015555547, 0.24, 0.8220111101, -45.3785178421, 0.3539999995, -56.9365974439)]
    [InlineData(7, 0.62, 0.331662479, 15.4788602394, -0.0142499998, 0.11, 0.5774000005, -5.6543166602, 0.2190833335, -6.5043742058)]
    public void FromMarks_MoodleQuiz00_QuestionFiguresMatchQstats00(
        int slot, double facility, double sd, double effectiveWeight, double covariance, double markVariance,
        double otherMarkVariance, double discrimination, double covarianceMax, double efficiency)
    {
        // Tolerances of stats_from_steps_walkthrough_test.php assert_stat_equals: relative 1e-5 for covariance,
        // discrimination index, discriminative efficiency and effective weight, 1e-6 for the rest. Moodle's facility
        // is a fraction; ours is a percentage.
        var stats = MoodleQuiz00().Questions[slot - 1];

        AssertClose(facility * 100, stats.FacilityIndex, 1e-6);
        AssertClose(sd, stats.StandardDeviation, 1e-6);
        AssertClose(sd * 100, stats.StandardDeviationPercent, 1e-6);
        AssertClose(effectiveWeight, stats.EffectiveWeight, 1e-5);
        AssertClose(covariance, stats.Covariance, 1e-5);
        AssertClose(markVariance, stats.MarkVariance, 1e-6);
        AssertClose(otherMarkVariance, stats.OtherMarkVariance, 1e-6);
        AssertClose(discrimination, stats.DiscriminationIndex, 1e-5);
        AssertClose(covarianceMax, stats.CovarianceMax, 1e-6);
        AssertClose(efficiency, stats.DiscriminativeEfficiency, 1e-5);
        Assert.False(stats.NegativeCovariance);
        Assert.True(stats.IsDubious);
    }

    [Fact]
    public void Calculate_WhichAttempts_SelectsAsMoodleGradeMethods()
    {
        // One question worth 1. Learner a: attempts 1 (0), 2 (1), 3 (1); learner b: attempt 1 (0.5), attempt 2 waiting
        // for grading. First: a1 0, b1 0.5. Last: a3 1, b2 (ungraded, left out). Highest: a2 (earliest of the
        // equal best), b1 (an ungraded attempt counts 0 when choosing). All: five attempts, four graded.
        MarkedAttempt[] attempts =
        [
            new("a", 1, [0.0]), new("a", 2, [1.0]), new("a", 3, [1.0]),
            new("b", 1, [0.5]), new("b", 2, [null]),
        ];
        StatisticsQuestion[] questions = [new("q", 1)];

        var first = StatisticsCalculator.Calculate(questions, attempts, StatisticsAttempts.First);
        var last = StatisticsCalculator.Calculate(questions, attempts, StatisticsAttempts.Last);
        var highest = StatisticsCalculator.Calculate(questions, attempts, StatisticsAttempts.Highest);
        var all = StatisticsCalculator.Calculate(questions, attempts, StatisticsAttempts.All);

        Assert.Equal((2, 0, 0.25), (first.AttemptCount, first.UngradedCount, first.MeanScore!.Value));
        Assert.Equal((1, 1, 1.0), (last.AttemptCount, last.UngradedCount, last.MeanScore!.Value));
        Assert.Equal((2, 0, 0.75), (highest.AttemptCount, highest.UngradedCount, highest.MeanScore!.Value));
        Assert.Equal((4, 1, 2.5 / 4), (all.AttemptCount, all.UngradedCount, all.MeanScore!.Value));
        Assert.Equal((2, 4), (all.FirstAttemptsCount, all.AllAttemptsCount));
        Assert.Equal((0.25, 0.625, 1.0, 0.75), (all.FirstAttemptsMean, all.AllAttemptsMean, all.LastAttemptsMean, all.HighestAttemptsMean));
    }

    [Theory]
    [InlineData(GradingMethod.Highest, StatisticsAttempts.Highest)]
    [InlineData(GradingMethod.Average, StatisticsAttempts.All)]
    [InlineData(GradingMethod.First, StatisticsAttempts.First)]
    [InlineData(GradingMethod.Last, StatisticsAttempts.Last)]
    public void DefaultAttempts_GradingMethod_FollowsMoodleReportDefault(GradingMethod grading, StatisticsAttempts expected)
    {
        Assert.Equal(expected, StatisticsCalculator.DefaultAttempts(grading));
    }

    [Fact]
    public void FromMarks_FewAttempts_HigherMomentsWait()
    {
        // Moodle computes the SD from 2 attempts, skewness and CIC from 3, kurtosis from 4.
        var two = StatisticsCalculator.FromMarks(["a", "b"], [1, 1], [[1, 0], [0, 0]]);
        var three = StatisticsCalculator.FromMarks(["a", "b"], [1, 1], [[1, 0], [0, 0], [1, 1]]);

        Assert.NotNull(two.StandardDeviation);
        Assert.Null(two.Skewness);
        Assert.Null(two.Cic);
        Assert.NotNull(three.Skewness);
        Assert.NotNull(three.Cic);
        Assert.Null(three.Kurtosis);
    }

    [Fact]
    public void FromMarks_EveryTotalEqual_NoSkewnessOrReliability()
    {
        var stats = StatisticsCalculator.FromMarks(["a", "b"], [1, 1], [[1, 0], [0, 1], [1, 0]]);

        Assert.Equal(0, stats.StandardDeviation);
        Assert.Null(stats.Skewness);
        Assert.Null(stats.Cic);
    }

    [Fact]
    public void ToCsv_HandDataset_QuizBlockThenQuestionTable()
    {
        // The figures above, four decimals at most; no random guess score without a quiz, so that cell is empty.
        var lines = QuizStatisticsTable.ToCsv(HandDataset()).Split("\r\n");

        Assert.Equal("figure,value,unit", lines[0]);
        Assert.Contains("median,62.5,%", lines);
        Assert.Contains("cic,68.5714,%", lines);
        Assert.Contains("kurtosis,0.3429,", lines);
        Assert.Contains(string.Join(',', QuizStatisticsTable.QuestionColumns), lines);
        Assert.Contains("q1,1,4,50,57.735,,25,31.7158,no,68.8247,100,no", lines);
        Assert.Equal(QuizStatisticsTable.QuizFigures(HandDataset()).Count, Array.IndexOf(lines, "") - 1);
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

    private static void AssertClose(double expected, double? actual, double relative)
    {
        Assert.NotNull(actual);
        var delta = Math.Abs(expected) * relative;
        Assert.InRange(actual.Value, expected - delta, expected + delta);
    }
}
