using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

// Definitions from open-spaced-repetition/srs-benchmark utils.py: evaluate() takes sklearn's log_loss of (y, p) and
// rmse_matrix() groups by round(2.48·3.62^⌊log₃.₆₂ elapsed_days⌋, 2), round(1.99·1.89^⌊log₁.₈₉ i⌋) and the lapse bin
// round(1.65·1.73^⌊log₁.₇₃ lapses⌋) (0 for none), then takes RMSE of the group means weighted by group size.
public sealed class FsrsMetricsTests
{
    [Theory]
    [InlineData(1, 2.48)]
    [InlineData(3, 2.48)]
    [InlineData(4, 8.98)]
    [InlineData(13, 8.98)]
    [InlineData(14, 32.5)]
    [InlineData(100, 117.65)]
    public void ElapsedDaysBin_KnownDays_MatchBenchmarkBins(int days, double expected) =>
        Assert.Equal(expected, FsrsMetrics.ElapsedDaysBin(days));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 4)]
    [InlineData(4, 7)]
    [InlineData(6, 7)]
    [InlineData(7, 13)]
    public void ReviewNumberBin_KnownCounts_MatchBenchmarkBins(int reviewNumber, double expected) =>
        Assert.Equal(expected, FsrsMetrics.ReviewNumberBin(reviewNumber));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(5, 5)]
    [InlineData(6, 9)]
    public void LapseBin_KnownCounts_MatchBenchmarkBins(int lapses, double expected) =>
        Assert.Equal(expected, FsrsMetrics.LapseBin(lapses));

    // By hand: −(ln 0.9 + ln 0.8 + ln(1 − 0.7) + ln 0.6)/4 = (0.1053605 + 0.2231436 + 1.2039728 + 0.5108256)/4.
    [Fact]
    public void LogLoss_FourReviews_IsMeanCrossEntropy()
    {
        FsrsPrediction[] predictions =
        [
            new(0.9, true, 1, 2, 0), new(0.8, true, 2, 2, 0), new(0.7, false, 5, 3, 0), new(0.6, true, 20, 4, 1),
        ];

        Assert.Equal(0.5108256, FsrsMetrics.LogLoss(predictions), 6);
    }

    [Fact]
    public void LogLoss_CertainAndWrong_IsClippedNotInfinite()
    {
        var loss = FsrsMetrics.LogLoss([new FsrsPrediction(1.0, false, 1, 2, 0)]);

        Assert.Equal(-Math.Log(Math.BitIncrement(1.0) - 1.0), loss, 6);
    }

    // Three bins by hand. Bin A (1–3 days, i 2–3, no lapse): p 0.9, 0.8, 0.7 → mean 0.8, recalled 2/3.
    // Bin B (4 days, i 2, no lapse): p 0.6, 0.5 → 0.55, recalled 1/2. Bin C (1 day, i 2, one lapse): p 0.4, recalled 0.
    // RMSE = √((3·(0.8 − 2/3)² + 2·(0.05)² + 1·0.4²)/6) = √((0.0533333 + 0.005 + 0.16)/6) = √0.0363889 = 0.1907587.
    [Fact]
    public void RmseBins_ThreeBins_MatchesHandComputation()
    {
        FsrsPrediction[] predictions =
        [
            new(0.9, true, 1, 2, 0), new(0.8, true, 3, 3, 0), new(0.7, false, 2, 2, 0),
            new(0.6, true, 4, 2, 0), new(0.5, false, 4, 2, 0),
            new(0.4, false, 1, 2, 1),
        ];

        Assert.Equal(0.1907587, FsrsMetrics.RmseBins(predictions), 6);
    }

    // Unlike plain RMSE, errors in opposite directions inside one bin cancel: perfectly calibrated on average.
    [Fact]
    public void RmseBins_CalibratedBin_IsZero()
    {
        FsrsPrediction[] predictions = [new(0.5, true, 2, 2, 0), new(0.5, false, 2, 2, 0)];

        Assert.Equal(0, FsrsMetrics.RmseBins(predictions), 12);
        Assert.Equal(Math.Log(2), FsrsMetrics.LogLoss(predictions), 12);
    }

    [Fact]
    public void Evaluate_NoPredictions_Throws() =>
        Assert.Throws<ArgumentException>(() => FsrsMetrics.Evaluate([]));

    [Fact]
    public void Evaluate_NotAProbability_Throws() =>
        Assert.Throws<ArgumentException>(() => FsrsMetrics.Evaluate([new FsrsPrediction(1.2, true, 1, 2, 0)]));
}
