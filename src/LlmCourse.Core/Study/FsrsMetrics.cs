namespace LlmCourse.Core.Study;

/// <summary>One scored review: what the model predicted before it, what happened, and the features RMSE (bins) groups by.</summary>
/// <param name="Retrievability">Predicted probability of recall, from the card's earlier reviews.</param>
/// <param name="Recalled">True unless the learner rated the review Again.</param>
/// <param name="ElapsedDays">Whole days since the card's previous review (at least 1: same-day reviews are not scored).</param>
/// <param name="ReviewNumber">srs-benchmark's <c>i</c>: reviews a day or more apart so far, this one included, plus one for the first review.</param>
/// <param name="Lapses">srs-benchmark's <c>rmse_bins_lapse</c>: earlier reviews rated Again a day or more after the one before.</param>
public sealed record FsrsPrediction(double Retrievability, bool Recalled, int ElapsedDays, int ReviewNumber, int Lapses);

/// <summary>How well a set of weights predicts a set of reviews.</summary>
/// <param name="LogLoss">Mean binary cross-entropy of the predictions (lower is better).</param>
/// <param name="RmseBins">Root mean square calibration error over srs-benchmark's bins (lower is better).</param>
/// <param name="Reviews">How many reviews were scored.</param>
public sealed record FsrsEvaluation(double LogLoss, double RmseBins, int Reviews);

/// <summary>
/// The two metrics of the open srs-benchmark (open-spaced-repetition/srs-benchmark, <c>utils.py</c>
/// <c>evaluate</c> and <c>rmse_matrix</c>), computed as it computes them, without weights.
/// </summary>
public static class FsrsMetrics
{
    // sklearn's log_loss clips predictions to [eps, 1 − eps] with eps the float64 machine epsilon.
    private static readonly double _epsilon = Math.BitIncrement(1.0) - 1.0;

    /// <summary>Log loss and RMSE (bins) of <paramref name="predictions"/>.</summary>
    /// <exception cref="ArgumentException">There are no predictions, or one is not a probability.</exception>
    public static FsrsEvaluation Evaluate(IReadOnlyCollection<FsrsPrediction> predictions) =>
        new(LogLoss(predictions), RmseBins(predictions), predictions.Count);

    /// <summary>−mean(y·ln p + (1 − y)·ln(1 − p)), p clipped to [ε, 1 − ε] (sklearn <c>log_loss</c>).</summary>
    public static double LogLoss(IReadOnlyCollection<FsrsPrediction> predictions)
    {
        Check(predictions);
        var sum = 0.0;
        foreach (var prediction in predictions)
        {
            var p = Math.Clamp(prediction.Retrievability, _epsilon, 1 - _epsilon);
            sum -= prediction.Recalled ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / predictions.Count;
    }

    /// <summary>
    /// RMSE (bins): group the reviews by (elapsed-days bin, review-number bin, lapse bin), compare each group's mean
    /// prediction with its recall rate, and take the root of the mean squared gap weighted by group size.
    /// </summary>
    public static double RmseBins(IReadOnlyCollection<FsrsPrediction> predictions)
    {
        Check(predictions);
        var groups = new Dictionary<(double, double, double), (double Predicted, double Recalled, int Count)>();
        foreach (var prediction in predictions)
        {
            var key = (ElapsedDaysBin(prediction.ElapsedDays), ReviewNumberBin(prediction.ReviewNumber), LapseBin(prediction.Lapses));
            var (predicted, recalled, count) = groups.GetValueOrDefault(key);
            groups[key] = (predicted + prediction.Retrievability, recalled + (prediction.Recalled ? 1 : 0), count + 1);
        }

        var squares = 0.0;
        foreach (var (predicted, recalled, count) in groups.Values)
        {
            var gap = (predicted / count) - (recalled / count);
            squares += gap * gap * count;
        }

        return Math.Sqrt(squares / predictions.Count);
    }

    /// <summary>srs-benchmark's elapsed-days bin: round(2.48 · 3.62^⌊log₃.₆₂ t⌋, 2).</summary>
    public static double ElapsedDaysBin(int elapsedDays) => Math.Round(2.48 * Math.Pow(3.62, FloorLog(Math.Max(elapsedDays, 1e-6), 3.62)), 2);

    /// <summary>srs-benchmark's review-number bin: round(1.99 · 1.89^⌊log₁.₈₉ i⌋).</summary>
    public static double ReviewNumberBin(int reviewNumber) => Math.Round(1.99 * Math.Pow(1.89, FloorLog(reviewNumber, 1.89)));

    /// <summary>srs-benchmark's lapse bin: 0 for no lapse, else round(1.65 · 1.73^⌊log₁.₇₃ n⌋).</summary>
    public static double LapseBin(int lapses) => lapses == 0 ? 0 : Math.Round(1.65 * Math.Pow(1.73, FloorLog(lapses, 1.73)));

    private static double FloorLog(double x, double b) => Math.Floor(Math.Log(x) / Math.Log(b));

    private static void Check(IReadOnlyCollection<FsrsPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count == 0)
        {
            throw new ArgumentException("There are no reviews to score.", nameof(predictions));
        }

        if (predictions.Any(p => !(p.Retrievability >= 0 && p.Retrievability <= 1)))
        {
            throw new ArgumentException("Every prediction must be a probability between 0 and 1.", nameof(predictions));
        }
    }
}
