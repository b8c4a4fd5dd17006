using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

/// <summary>
/// rouge-score's BootstrapAggregator (google-research/google-research, rouge/scoring.py) and the NumPy random
/// stream it draws from.
/// </summary>
public sealed class RougeBootstrapTests
{
    private static RougeScore Score(double precision, double recall, double f1) => new(0, 0, 0, precision, recall, f1);

    // scoring_test.py's three rouge1 scores: (1, 1/3, 1/2), (0, 0, 0), (1, 1, 1).
    private static readonly IReadOnlyList<RougeScore> _three = [Score(1, 1.0 / 3, 0.5), Score(0, 0, 0), Score(1, 1, 1)];

    [Fact]
    public void Aggregate_TestConsistentPercentiles_MatchesPublished()
    {
        // scoring_test.py testConsistentPercentiles (confidence 0.9, np.random.seed(123), delta 1e-8):
        // precision (1/3, 2/3, 1), recall (1/9, 4/9, 7/9), F (1/6, 3/6, 5/6).
        var result = Assert.Single(RougeBootstrap.Aggregate([("rouge1", _three)], new BootstrapSettings(0.9)));

        AssertInterval((1.0 / 3, 2.0 / 3, 1.0), result.Precision, 1e-8);
        AssertInterval((1.0 / 9, 4.0 / 9, 7.0 / 9), result.Recall, 1e-8);
        AssertInterval((1.0 / 6, 3.0 / 6, 5.0 / 6), result.F1, 1e-8);
    }

    [Fact]
    public void Aggregate_TestLargeConfidence_AllThreeAreTheMedian()
    {
        // scoring_test.py testLargeConfidence (confidence 0.0): low = mid = high = (2/3, 4/9, 3/6).
        var result = Assert.Single(RougeBootstrap.Aggregate([("rouge1", _three)], new BootstrapSettings(0.0)));

        AssertInterval((2.0 / 3, 2.0 / 3, 2.0 / 3), result.Precision, 1e-8);
        AssertInterval((4.0 / 9, 4.0 / 9, 4.0 / 9), result.Recall, 1e-8);
        AssertInterval((0.5, 0.5, 0.5), result.F1, 1e-8);
    }

    [Fact]
    public void Aggregate_FiveScoresSeed123_MatchesRougeScoreBitForBit()
    {
        // rouge-score's BootstrapAggregator._bootstrap_resample run under NumPy 1.24.2 after np.random.seed(123),
        // 1,000 samples, confidence 0.95, on these five (precision, recall, F) rows; NumPy printed these values.
        IReadOnlyList<RougeScore> scores =
            [Score(1.0, 1.0 / 3, 0.5), Score(0.5, 0.5, 0.5), Score(0.25, 0.75, 0.375), Score(0, 0, 0), Score(0.8, 0.4, 8.0 / 15)];

        var result = Assert.Single(RougeBootstrap.Aggregate([("rouge1", scores)], new BootstrapSettings()));

        Assert.Equal((0.2, 0.51, 0.8102499999999997), (result.Precision.Low, result.Precision.Mid, result.Precision.High));
        Assert.Equal((0.16666666666666666, 0.3966666666666666, 0.6166666666666666), (result.Recall.Low, result.Recall.Mid, result.Recall.High));
        Assert.Equal((0.18150000000000016, 0.38166666666666665, 0.5133333333333333), (result.F1.Low, result.F1.Mid, result.F1.High));
    }

    [Fact]
    public void Aggregate_SameSeed_SameIntervals_OtherSeed_Different()
    {
        var scores = Enumerable.Range(0, 20).Select(i => Score(i / 20.0, (i * 7 % 20) / 20.0, (i * 3 % 20) / 20.0)).ToList();

        var first = RougeBootstrap.Aggregate([("rouge1", scores)], new BootstrapSettings(Seed: 7));
        var again = RougeBootstrap.Aggregate([("rouge1", scores)], new BootstrapSettings(Seed: 7));
        var other = RougeBootstrap.Aggregate([("rouge1", scores)], new BootstrapSettings(Seed: 8));

        Assert.Equal(first, again);
        Assert.NotEqual(first[0].Precision, other[0].Precision);
        Assert.True(first[0].Precision.Low <= first[0].Precision.Mid && first[0].Precision.Mid <= first[0].Precision.High);
    }

    [Fact]
    public void Aggregate_SeveralTypes_ShareOneStreamInOrder()
    {
        // rouge-score aggregates the types one after another on NumPy's global stream, so the second type's
        // interval is not what it would be alone.
        var scores = Enumerable.Range(0, 9).Select(i => Score(i / 9.0, 1 - (i / 9.0), 0.5)).ToList();

        var together = RougeBootstrap.Aggregate([("rouge1", scores), ("rouge2", scores)], new BootstrapSettings(Samples: 50));
        var alone = RougeBootstrap.Aggregate([("rouge2", scores)], new BootstrapSettings(Samples: 50));

        Assert.Equal(["rouge1", "rouge2"], together.Select(a => a.RougeType));
        Assert.Equal(alone[0].Precision, together[0].Precision);
        Assert.NotEqual(alone[0].Precision, together[1].Precision);
    }

    [Fact]
    public void Aggregate_RougeResults_GivesFourTypes()
    {
        var results = new[] { Rouge.Score("the cat sat", "the cat"), Rouge.Score("a b c\nd e", "a c\ne") };

        var aggregates = RougeBootstrap.Aggregate(results, new BootstrapSettings(Samples: 10));

        Assert.Equal(["rouge1", "rouge2", "rougeL", "rougeLsum"], aggregates.Select(a => a.RougeType));
    }

    [Theory]
    [InlineData(-0.1, 10)]
    [InlineData(1.1, 10)]
    [InlineData(0.95, 0)]
    [InlineData(0.95, BootstrapSettings.MaxSamples + 1)]
    public void Aggregate_BadSettings_Throw(double confidence, int samples)
    {
        var settings = new BootstrapSettings(confidence, samples);

        Assert.Single(settings.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => RougeBootstrap.Aggregate([("rouge1", _three)], settings));
    }

    [Fact]
    public void Aggregate_NoScores_Throws()
    {
        Assert.Throws<ArgumentException>(() => RougeBootstrap.Aggregate([("rouge1", [])], new BootstrapSettings()));
    }

    [Fact]
    public void NextUInt32_Seed123_MatchesNumPy()
    {
        // np.random.seed(123); np.random.randint(0, 2**32, size=5, dtype=np.uint64) under NumPy 1.24.2.
        var random = new NumPyRandomState(123);

        Assert.Equal([2991312382u, 3062119789u, 1228959102u, 1840268610u, 974319580u], Enumerable.Range(0, 5).Select(_ => random.NextUInt32()));
    }

    [Fact]
    public void NextUInt32_Seed5489_TenThousandthIs4123659995()
    {
        // C++ [rand.predef]: the 10000th consecutive output of a default-constructed std::mt19937 (seed 5489).
        var random = new NumPyRandomState(5489);
        uint value = 0;
        for (var i = 0; i < 10_000; i++)
        {
            value = random.NextUInt32();
        }

        Assert.Equal(4123659995u, value);
    }

    [Fact]
    public void Choice_Seed123_MatchesNumPy()
    {
        // np.random.seed(123); np.random.choice(np.arange(3), size=3) twice -> [2, 1, 2], [2, 0, 2]; with one
        // element NumPy draws nothing, so the stream after choice(arange(1), 1) is unchanged (seed 5: [3, 6, 6, 0]).
        var random = new NumPyRandomState(123);
        var picks = new int[3];
        random.Choice(3, picks);
        Assert.Equal([2, 1, 2], picks);
        random.Choice(3, picks);
        Assert.Equal([2, 0, 2], picks);

        var five = new NumPyRandomState(5);
        var single = new int[1];
        five.Choice(1, single);
        var four = new int[4];
        five.Choice(10, four);
        Assert.Equal([3, 6, 6, 0], four);
    }

    private static void AssertInterval((double Low, double Mid, double High) expected, RougeInterval actual, double delta)
    {
        Assert.InRange(actual.Low, expected.Low - delta, expected.Low + delta);
        Assert.InRange(actual.Mid, expected.Mid - delta, expected.Mid + delta);
        Assert.InRange(actual.High, expected.High - delta, expected.High + delta);
    }
}
