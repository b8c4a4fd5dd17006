namespace LlmCourse.Core.Study;

/// <summary>
/// Pre-training of the initial stabilities S0 = w0..w3 from each card's first review a day or more later, as fsrs-rs
/// does before gradient descent (<c>src/parameter_initialization.rs</c>): per first rating, the S0 whose forgetting
/// curve best fits the recall rates observed at each delay, then filling in ratings nobody used.
/// </summary>
internal static class FsrsInitialStability
{
    /// <summary>The most an initial stability may be (fsrs-rs <c>INIT_S_MAX</c>).</summary>
    public const double MaxInitialStability = 100.0;

    // The exponents fsrs-rs fills missing S0 with: ln S0(Hard) = 0.41·ln S0(Again) + 0.59·ln S0(Good) and
    // ln S0(Good) = 0.46·ln S0(Hard) + 0.54·ln S0(Easy).
    private const double HardBetweenAgainAndGood = 0.41;
    private const double GoodBetweenHardAndEasy = 0.54;

    // fsrs-rs stops the search when the bracket is narrower than f64::EPSILON (not .NET's double.Epsilon).
    private static readonly double _machineEpsilon = Math.BitIncrement(1.0) - 1.0;

    /// <summary>One delay after a given first rating: how many cards came back after it and what share was recalled.</summary>
    public readonly record struct RecallAtDelay(double Days, double Recall, double Count);

    /// <summary>Pre-trained S0 per first rating (1..4) and how many cards each estimate rests on.</summary>
    /// <exception cref="InvalidOperationException">No card has a first review a day or more later.</exception>
    public static (double[] Stability, Dictionary<Rating, int> Counts) Fit(IReadOnlyList<FsrsTarget> firstIntervals, double averageRecall)
    {
        var fitted = new Dictionary<Rating, double>();
        var counts = new Dictionary<Rating, int>();
        foreach (var byRating in firstIntervals.GroupBy(t => t.Card.Ratings[0]).OrderBy(g => g.Key))
        {
            var data = byRating
                .GroupBy(t => t.ElapsedDays)
                .OrderBy(g => g.Key)
                .Select(g => new RecallAtDelay(g.Key, g.Count(t => t.Recalled) / (double)g.Count(), g.Count()))
                .ToList();
            counts[byRating.Key] = byRating.Count();
            fitted[byRating.Key] = Search(data, averageRecall, FsrsOptions.DefaultParameters[(int)byRating.Key - 1]);
        }

        return (SmoothAndFill(fitted, counts), counts);
    }

    /// <summary>
    /// The loss one S0 candidate is scored by: count-weighted cross-entropy between the recall rates (Laplace-smoothed
    /// toward the average recall by one pseudo-review) and the default-decay forgetting curve, plus |S0 − default|/16.
    /// </summary>
    public static double Loss(IReadOnlyList<RecallAtDelay> data, double averageRecall, double s0, double defaultS0, bool smooth = true)
    {
        var w20 = FsrsOptions.DefaultParameters[20];
        var factor = FsrsFormulas.Factor(w20);
        var loss = 0.0;
        foreach (var (days, recall, count) in data)
        {
            var y = smooth ? ((recall * count) + averageRecall) / (count + 1) : recall;
            var p = FsrsFormulas.Retrievability(days, s0, w20, factor);
            loss -= ((y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p))) * count;
        }

        return loss + (Math.Abs(s0 - defaultS0) / 16);
    }

    /// <summary>Ternary search for the S0 minimising <see cref="Loss"/> on [0.001, 100] (the loss is unimodal there).</summary>
    public static double Search(IReadOnlyList<RecallAtDelay> data, double averageRecall, double defaultS0)
    {
        double low = FsrsFormulas.MinStability, high = MaxInitialStability, best = defaultS0;
        for (var i = 0; i < 1000 && high - low > _machineEpsilon; i++)
        {
            var third = (high - low) / 3;
            if (Loss(data, averageRecall, low + third, defaultS0) < Loss(data, averageRecall, high - third, defaultS0))
            {
                high -= third;
            }
            else
            {
                low += third;
            }

            best = (high + low) / 2;
        }

        return best;
    }

    /// <summary>
    /// Makes S0 rise with the rating and fills ratings without data (fsrs-rs <c>smooth_and_fill</c>): where a worse
    /// rating's S0 exceeds a better one's, the estimate resting on fewer cards takes the other's value; one known S0
    /// scales the defaults; two or three known fill the rest from the log-linear relations above; all clamped to
    /// [0.001, 100].
    /// </summary>
    /// <exception cref="InvalidOperationException">No rating has data.</exception>
    public static double[] SmoothAndFill(IReadOnlyDictionary<Rating, double> fitted, IReadOnlyDictionary<Rating, int> counts)
    {
        var s = new double?[5];
        foreach (var (rating, value) in fitted)
        {
            if (counts.ContainsKey(rating))
            {
                s[(int)rating] = value;
            }
        }

        foreach (var (small, big) in new[] { (1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4) })
        {
            if (s[small] is { } lower && s[big] is { } higher && lower > higher)
            {
                if (counts[(Rating)small] > counts[(Rating)big])
                {
                    s[big] = lower;
                }
                else
                {
                    s[small] = higher;
                }
            }
        }

        var known = Enumerable.Range(1, 4).Count(r => s[r] is not null);
        if (known == 0)
        {
            throw new InvalidOperationException("No card was reviewed again a day or more after its first review.");
        }

        if (known == 1)
        {
            var rating = Enumerable.Range(1, 4).Single(r => s[r] is not null);
            var scale = s[rating]!.Value / FsrsOptions.DefaultParameters[rating - 1];
            return [.. Enumerable.Range(0, 4).Select(i => Clamp(FsrsOptions.DefaultParameters[i] * scale))];
        }

        // In logs the two relations are linear: L2 = a·L1 + (1 − a)·L3 and L3 = (1 − b)·L2 + b·L4.
        const double a = HardBetweenAgainAndGood, b = GoodBetweenHardAndEasy;
        var l = s.Select(v => v is { } x ? Math.Log(x) : (double?)null).ToArray();
        if (known == 2)
        {
            if (l[1] is null && l[2] is null)
            {
                l[2] = (l[3]!.Value - (b * l[4]!.Value)) / (1 - b);
            }
            else if (l[1] is null && l[3] is null)
            {
                l[3] = ((1 - b) * l[2]!.Value) + (b * l[4]!.Value);
            }
            else if (l[1] is null && l[4] is null)
            {
                l[4] = (l[3]!.Value - ((1 - b) * l[2]!.Value)) / b;
            }
            else if (l[2] is null && l[3] is null)
            {
                // Both relations at once: L2·(a + b − ab) = a·L1 + (1 − a)·b·L4.
                var k = a + b - (a * b);
                l[2] = ((a * l[1]!.Value) + ((1 - a) * b * l[4]!.Value)) / k;
                l[3] = ((1 - b) * l[2]!.Value) + (b * l[4]!.Value);
            }
            else if (l[2] is null && l[4] is null)
            {
                l[2] = (a * l[1]!.Value) + ((1 - a) * l[3]!.Value);
                l[4] = (l[3]!.Value - ((1 - b) * l[2]!.Value)) / b;
            }
            else
            {
                l[3] = (l[2]!.Value - (a * l[1]!.Value)) / (1 - a);
                l[4] = (l[3]!.Value - ((1 - b) * l[2]!.Value)) / b;
            }

            // Again is the last one filled when it was missing.
            l[1] ??= (l[2]!.Value - ((1 - a) * l[3]!.Value)) / a;
        }
        else if (known == 3)
        {
            if (l[1] is null)
            {
                l[1] = (l[2]!.Value - ((1 - a) * l[3]!.Value)) / a;
            }
            else if (l[2] is null)
            {
                l[2] = (a * l[1]!.Value) + ((1 - a) * l[3]!.Value);
            }
            else if (l[3] is null)
            {
                l[3] = ((1 - b) * l[2]!.Value) + (b * l[4]!.Value);
            }
            else
            {
                l[4] = (l[3]!.Value - ((1 - b) * l[2]!.Value)) / b;
            }
        }

        // Known values pass through untouched; only the filled ones come back from logs.
        return [.. Enumerable.Range(1, 4).Select(r => Clamp(s[r] ?? Math.Exp(l[r]!.Value)))];
    }

    private static double Clamp(double s0) => Math.Clamp(s0, FsrsFormulas.MinStability, MaxInitialStability);
}
