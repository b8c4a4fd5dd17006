namespace LlmCourse.Core.Lab;

/// <summary>Settings of rouge-score's <c>BootstrapAggregator</c>.</summary>
/// <param name="ConfidenceInterval">Width of the interval, 0–1 (0.95: the 2.5th and 97.5th percentiles).</param>
/// <param name="Samples">Bootstrap resamples (1,000 by default).</param>
/// <param name="Seed">
/// Seed of the random stream: the same seed gives the same interval. The draws are NumPy's legacy
/// <c>np.random.seed(Seed)</c> stream, so results equal rouge-score's after that call.
/// </param>
public sealed record BootstrapSettings(double ConfidenceInterval = 0.95, int Samples = 1000, uint Seed = BootstrapSettings.DefaultSeed)
{
    /// <summary>The seed rouge-score's own aggregator tests fix (scoring_test.py, _RANDOM_SEED).</summary>
    public const uint DefaultSeed = 123;

    /// <summary>Most resamples one call may ask for.</summary>
    public const int MaxSamples = 100_000;

    /// <summary>The problems with these settings, one per field; empty when they are usable.</summary>
    public IReadOnlyList<SettingError> Validate()
    {
        var errors = new List<SettingError>();
        if (double.IsNaN(ConfidenceInterval) || ConfidenceInterval < 0 || ConfidenceInterval > 1)
        {
            errors.Add(new("confidenceInterval", "The confidence interval must be between 0 and 1."));
        }

        if (Samples is < 1 or > MaxSamples)
        {
            errors.Add(new("samples", $"The number of resamples must be between 1 and {MaxSamples:N0}."));
        }

        return errors;
    }
}

/// <summary>Low, middle and high percentiles of a bootstrapped mean.</summary>
public sealed record RougeInterval(double Low, double Mid, double High);

/// <summary>Confidence intervals of one ROUGE type's mean precision, recall and F1 over a set of scored pairs.</summary>
/// <param name="RougeType">"rouge1", "rouge2", "rougeL", "rougeLsum", or the caller's name.</param>
public sealed record RougeAggregate(string RougeType, RougeInterval Precision, RougeInterval Recall, RougeInterval F1);

/// <summary>
/// rouge-score's <c>BootstrapAggregator</c> (rouge/scoring.py): for each ROUGE type, draw
/// <see cref="BootstrapSettings.Samples"/> resamples of the scored pairs with replacement, take each resample's
/// mean precision, recall and F1, and report the percentiles (1 − c)/2, 50 and (1 + c)/2 of those means
/// (NumPy's default "linear" percentile). Mid is therefore the median of the resampled means, not the plain mean.
/// </summary>
public static class RougeBootstrap
{
    /// <summary>
    /// Aggregates several ROUGE types over the same pairs, in the given order. Like rouge-score, one random stream
    /// runs through all types in turn, so a type's interval depends on the types before it.
    /// </summary>
    /// <exception cref="ArgumentException">No types, a type without scores, or types with different numbers of scores.</exception>
    public static IReadOnlyList<RougeAggregate> Aggregate(
        IReadOnlyList<(string RougeType, IReadOnlyList<RougeScore> Scores)> types, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentOutOfRangeException(errors[0].Field, string.Join(" ", errors.Select(e => e.Message)));
        }

        if (types.Count == 0 || types.Any(t => t.Scores is null || t.Scores.Count == 0))
        {
            throw new ArgumentException("Each ROUGE type needs at least one score.", nameof(types));
        }

        var random = new NumPyRandomState(settings.Seed);
        return [.. types.Select(t => Resample(t.RougeType, t.Scores, settings, random))];
    }

    /// <summary>
    /// Aggregates rouge1, rouge2, rougeL and rougeLsum of scored pairs, in that order: the same numbers as
    /// rouge-score's <c>RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"])</c> fed to a
    /// <c>BootstrapAggregator</c> after <c>np.random.seed(Seed)</c>.
    /// </summary>
    public static IReadOnlyList<RougeAggregate> Aggregate(IReadOnlyList<RougeResult> results, BootstrapSettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Aggregate(
            [
                ("rouge1", [.. results.Select(r => r.Rouge1)]),
                ("rouge2", [.. results.Select(r => r.Rouge2)]),
                ("rougeL", [.. results.Select(r => r.RougeL)]),
                ("rougeLsum", [.. results.Select(r => r.RougeLsum)]),
            ],
            settings);
    }

    private static RougeAggregate Resample(string type, IReadOnlyList<RougeScore> scores, BootstrapSettings settings, NumPyRandomState random)
    {
        var n = scores.Count;
        var means = new double[3][];
        for (var m = 0; m < 3; m++)
        {
            means[m] = new double[settings.Samples];
        }

        var indices = new int[n];
        for (var sample = 0; sample < settings.Samples; sample++)
        {
            random.Choice(n, indices);

            // NumPy's mean over axis 0 adds the rows in order, then divides by the count.
            double precision = 0, recall = 0, f1 = 0;
            foreach (var index in indices)
            {
                precision += scores[index].Precision;
                recall += scores[index].Recall;
                f1 += scores[index].F1;
            }

            means[0][sample] = precision / n;
            means[1][sample] = recall / n;
            means[2][sample] = f1 / n;
        }

        // The same arithmetic as rouge-score: q = 100 · [(1 − c)/2, 0.5, 1 − (1 − c)/2], and NumPy divides by 100.
        var delta = (1 - settings.ConfidenceInterval) / 2;
        double[] quantiles = [100 * delta / 100, 100 * 0.5 / 100, 100 * (1 - delta) / 100];
        var intervals = means.Select(column =>
        {
            Array.Sort(column);
            return new RougeInterval(Percentile(column, quantiles[0]), Percentile(column, quantiles[1]), Percentile(column, quantiles[2]));
        }).ToList();
        return new RougeAggregate(type, intervals[0], intervals[1], intervals[2]);
    }

    // NumPy's "linear" percentile of sorted values (Hyndman & Fan method 7), with its two-sided interpolation:
    // a + (b − a)·t below t = 0.5, b − (b − a)·(1 − t) from 0.5 up.
    private static double Percentile(double[] sorted, double quantile)
    {
        var index = (sorted.Length - 1) * quantile;
        if (index >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var below = Math.Floor(index);
        var gamma = index - below;
        var a = sorted[(int)below];
        var b = sorted[(int)below + 1];
        var difference = b - a;
        return gamma >= 0.5 ? b - (difference * (1 - gamma)) : a + (difference * gamma);
    }
}

/// <summary>
/// NumPy's legacy global random state (<c>np.random.seed</c>, <c>np.random.choice</c>): the Mersenne Twister
/// MT19937 (Matsumoto &amp; Nishimura 1998) seeded by init_genrand, with bounded integers drawn by masked
/// rejection as NumPy's RandomState does. Only what rouge-score's bootstrap uses.
/// </summary>
internal sealed class NumPyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _position;

    public NumPyRandomState(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            _state[i] = unchecked((1812433253u * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i);
        }

        _position = N;
    }

    /// <summary>The next 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (_position >= N)
        {
            Twist();
        }

        var y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// <c>choice(arange(count), size=destination.Length)</c>: uniform indices below <paramref name="count"/>.
    /// A single possible value is returned without drawing, as NumPy does.
    /// </summary>
    public void Choice(int count, int[] destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var range = (uint)(count - 1);
        if (range == 0)
        {
            Array.Clear(destination);
            return;
        }

        // Smallest all-ones mask covering the range; draws above the range are rejected.
        var mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        for (var i = 0; i < destination.Length; i++)
        {
            uint value;
            do
            {
                value = NextUInt32() & mask;
            }
            while (value > range);

            destination[i] = (int)value;
        }
    }

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var y = (_state[i] & 0x80000000u) | (_state[(i + 1) % N] & 0x7fffffffu);
            _state[i] = _state[(i + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }

        _position = 0;
    }
}
