using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class FsrsInitialStabilityTests
{
    // fsrs-rs src/parameter_initialization.rs test_loss / test_search_parameters: first rating Again, recall rates
    // at 1..5 days with their counts.
    private static readonly FsrsInitialStability.RecallAtDelay[] _again =
    [
        new(1, 0.86666667, 435), new(2, 0.90721649, 97), new(3, 0.73015873, 63), new(4, 0.76315789, 38), new(5, 0.67857143, 28),
    ];

    [Theory]
    [InlineData(0.7840586, 279.9206961069712)]
    [InlineData(0.7840590622451964, 279.9206977311556)]
    public void Loss_FsrsRsCase_MatchesReference(double s0, double expected) =>
        Assert.Equal(expected, FsrsInitialStability.Loss(_again, averageRecall: 0, s0, FsrsOptions.DefaultParameters[0], smooth: false), 1e-6);

    [Fact]
    public void Search_FsrsRsCase_FindsReferenceS0() =>
        Assert.Equal(0.7355089, FsrsInitialStability.Search(_again, 0.94302857, FsrsOptions.DefaultParameters[0]), 1e-5);

    // fsrs-rs test_smooth_and_fill.
    [Fact]
    public void SmoothAndFill_HardMissing_InterpolatesBetweenAgainAndGood()
    {
        var s0 = FsrsInitialStability.SmoothAndFill(
            new Dictionary<Rating, double> { [Rating.Again] = 0.4, [Rating.Good] = 2.3, [Rating.Easy] = 10.9 },
            new Dictionary<Rating, int> { [Rating.Again] = 1, [Rating.Hard] = 1, [Rating.Good] = 1, [Rating.Easy] = 1 });

        AssertClose([0.4, 1.1227008, 2.3, 10.9], s0);
    }

    [Fact]
    public void SmoothAndFill_OnlyHard_ScalesTheDefaults()
    {
        var s0 = FsrsInitialStability.SmoothAndFill(
            new Dictionary<Rating, double> { [Rating.Hard] = 0.35 },
            new Dictionary<Rating, int> { [Rating.Hard] = 1 });

        AssertClose([0.05738148, 0.35, 0.6242943, 2.2453482], s0);
    }

    // Every two-known case must satisfy both log-linear relations fsrs-rs fills with:
    // ln S2 = 0.41·ln S1 + 0.59·ln S3 and ln S3 = 0.46·ln S2 + 0.54·ln S4.
    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 3)]
    [InlineData(1, 4)]
    [InlineData(2, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 4)]
    public void SmoothAndFill_TwoKnown_FillsTheOthersOnTheRelations(int first, int second)
    {
        double[] truth = [0.3, 1.1, 3.5, 15.0];

        // Make the truth satisfy both relations exactly: derive S2 and S3 from S1 and S4.
        var k = 0.41 + 0.54 - (0.41 * 0.54);
        var l2 = ((0.41 * Math.Log(truth[0])) + (0.59 * 0.54 * Math.Log(truth[3]))) / k;
        truth[1] = Math.Exp(l2);
        truth[2] = Math.Exp((0.46 * l2) + (0.54 * Math.Log(truth[3])));
        var known = new Dictionary<Rating, double> { [(Rating)first] = truth[first - 1], [(Rating)second] = truth[second - 1] };
        var counts = known.Keys.ToDictionary(r => r, _ => 10);

        var s0 = FsrsInitialStability.SmoothAndFill(known, counts);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(truth[i], s0[i], 9);
        }
    }

    [Fact]
    public void SmoothAndFill_WorseRatingMoreStable_TakesValueOfBetterSupportedRating()
    {
        var s0 = FsrsInitialStability.SmoothAndFill(
            new Dictionary<Rating, double> { [Rating.Again] = 0.5, [Rating.Hard] = 3.0, [Rating.Good] = 2.0, [Rating.Easy] = 9.0 },
            new Dictionary<Rating, int> { [Rating.Again] = 5, [Rating.Hard] = 4, [Rating.Good] = 40, [Rating.Easy] = 5 });

        Assert.Equal([0.5, 2.0, 2.0, 9.0], s0);
    }

    // fsrs-rs computes in f32: agreement to about seven significant digits.
    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, expected[i]), $"S0[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void SmoothAndFill_NoData_Throws() =>
        Assert.Throws<InvalidOperationException>(() => FsrsInitialStability.SmoothAndFill(new Dictionary<Rating, double>(), new Dictionary<Rating, int>()));
}
