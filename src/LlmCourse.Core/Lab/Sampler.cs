namespace LlmCourse.Core.Lab;

/// <summary>Decoding settings for the lab's generator.</summary>
/// <param name="Temperature">0 (greedy) to 2; 1 leaves the distribution unchanged.</param>
/// <param name="TopK">Keep the k most likely tokens; 0 turns top-k off.</param>
/// <param name="TopP">Nucleus mass, 0 to 1; 1 turns top-p off, 0 keeps only the most likely token.</param>
/// <param name="MaxTokens">Most tokens generated per continuation (1 to <see cref="MaxTokensLimit"/>).</param>
/// <param name="Seed">Seed of the <see cref="Random"/> that draws the tokens.</param>
public sealed record SamplingSettings(double Temperature = 1.0, int TopK = 0, double TopP = 1.0, int MaxTokens = 30, int Seed = 42)
{
    /// <summary>Highest allowed temperature.</summary>
    public const double MaxTemperature = 2.0;

    /// <summary>Highest allowed <see cref="MaxTokens"/>.</summary>
    public const int MaxTokensLimit = 500;

    /// <summary>Problems with the settings, one message per bad field; empty when they are valid.</summary>
    public IReadOnlyList<SettingError> Validate()
    {
        var errors = new List<SettingError>();
        if (double.IsNaN(Temperature) || Temperature < 0 || Temperature > MaxTemperature)
        {
            errors.Add(new(nameof(Temperature), $"Temperature must be between 0 and {MaxTemperature:0.0} (got {Temperature})."));
        }

        if (TopK < 0)
        {
            errors.Add(new(nameof(TopK), $"Top-k must be 0 (off) or a positive number of tokens (got {TopK})."));
        }

        if (double.IsNaN(TopP) || TopP < 0 || TopP > 1)
        {
            errors.Add(new(nameof(TopP), $"Top-p must be between 0 and 1 (got {TopP})."));
        }

        if (MaxTokens < 1 || MaxTokens > MaxTokensLimit)
        {
            errors.Add(new(nameof(MaxTokens), $"Max tokens must be between 1 and {MaxTokensLimit} (got {MaxTokens})."));
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad field, if any.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentOutOfRangeException(errors[0].Field, string.Join(" ", errors.Select(e => e.Message)));
        }
    }
}

/// <summary>One invalid setting: the field's name and a message for the learner.</summary>
public sealed record SettingError(string Field, string Message);

/// <summary>One token's journey through temperature, top-k and top-p.</summary>
/// <param name="Rank">1-based rank by raw probability.</param>
/// <param name="Token">The token.</param>
/// <param name="RawProbability">The model's probability.</param>
/// <param name="TemperedProbability">After temperature (renormalised over all tokens).</param>
/// <param name="KeptByTopK">Survived top-k (always true when top-k is off).</param>
/// <param name="KeptByTopP">Survived top-p, judged on the top-k survivors renormalised (false if cut by top-k).</param>
/// <param name="FinalProbability">The probability the token is drawn with.</param>
public sealed record SamplingRow(
    int Rank,
    string Token,
    double RawProbability,
    double TemperedProbability,
    bool KeptByTopK,
    bool KeptByTopP,
    double FinalProbability);

/// <summary>What the settings do to a distribution: the first rows for a chart and the totals.</summary>
/// <param name="Settings">The settings applied.</param>
/// <param name="Rows">The most likely tokens (by raw probability), at most the number asked for.</param>
/// <param name="TokenCount">Tokens in the whole distribution.</param>
/// <param name="KeptCount">Tokens with a non-zero final probability.</param>
/// <param name="KeptRawMass">Sum of the raw probabilities of the kept tokens.</param>
public sealed record SamplingBreakdown(
    SamplingSettings Settings,
    IReadOnlyList<SamplingRow> Rows,
    int TokenCount,
    int KeptCount,
    double KeptRawMass);

/// <summary>
/// Pure sampling transforms over a probability vector. Order of application follows Hugging Face
/// transformers' logits processors: temperature, then top-k, then top-p on the renormalised top-k
/// survivors, then renormalisation. Ties are broken by position, so results are deterministic.
/// </summary>
public static class Sampler
{
    // Absorbs rounding in cumulative sums so that e.g. 0.5 + 0.3 + 0.2 "reaches" p = 1.0.
    private const double CumulativeTolerance = 1e-12;

    /// <summary>
    /// Temperature scaling: T = 0 gives a one-hot vector on the first most likely entry; otherwise
    /// p_i^(1/T) / Σ p_j^(1/T), computed as softmax(log p / T) with the maximum subtracted for stability.
    /// </summary>
    public static double[] ApplyTemperature(IReadOnlyList<double> probabilities, double temperature)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (double.IsNaN(temperature) || temperature < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "Temperature must be 0 or more.");
        }

        var result = new double[probabilities.Count];
        if (result.Length == 0)
        {
            return result;
        }

        if (temperature == 0)
        {
            result[RankOrder(probabilities)[0]] = 1.0;
            return result;
        }

        var maxLog = double.NegativeInfinity;
        var logs = new double[result.Length];
        for (var i = 0; i < logs.Length; i++)
        {
            logs[i] = probabilities[i] > 0 ? Math.Log(probabilities[i]) / temperature : double.NegativeInfinity;
            maxLog = Math.Max(maxLog, logs[i]);
        }

        if (double.IsNegativeInfinity(maxLog))
        {
            throw new ArgumentException("The distribution has no positive probability.", nameof(probabilities));
        }

        var sum = 0.0;
        for (var i = 0; i < logs.Length; i++)
        {
            result[i] = Math.Exp(logs[i] - maxLog);
            sum += result[i];
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>Marks the <paramref name="k"/> most likely entries; k = 0 (off) or k ≥ count keeps all.</summary>
    public static bool[] TopKMask(IReadOnlyList<double> probabilities, int k)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var keep = new bool[probabilities.Count];
        if (k == 0 || k >= keep.Length)
        {
            Array.Fill(keep, true);
            return keep;
        }

        foreach (var index in RankOrder(probabilities).Take(k))
        {
            keep[index] = true;
        }

        return keep;
    }

    /// <summary>
    /// Marks the nucleus: the smallest set of most likely entries whose cumulative mass reaches
    /// <paramref name="p"/> (Holtzman et al. 2020, "The Curious Case of Neural Text Degeneration").
    /// p = 1 keeps all entries; at least one entry is always kept.
    /// </summary>
    public static bool[] TopPMask(IReadOnlyList<double> probabilities, double p)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Top-p must be between 0 and 1.");
        }

        var keep = new bool[probabilities.Count];
        if (p >= 1)
        {
            Array.Fill(keep, true);
            return keep;
        }

        var cumulative = 0.0;
        foreach (var index in RankOrder(probabilities))
        {
            keep[index] = true;
            cumulative += probabilities[index];
            if (cumulative >= p - CumulativeTolerance)
            {
                break;
            }
        }

        return keep;
    }

    /// <summary>Zeroes the entries not kept and rescales the rest to sum to 1.</summary>
    public static double[] Renormalize(IReadOnlyList<double> probabilities, IReadOnlyList<bool> keep)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(keep);
        if (keep.Count != probabilities.Count)
        {
            throw new ArgumentException("The mask must have one entry per probability.", nameof(keep));
        }

        var result = new double[probabilities.Count];
        var sum = 0.0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = keep[i] ? probabilities[i] : 0;
            sum += result[i];
        }

        if (sum <= 0)
        {
            throw new ArgumentException("No probability mass is left after filtering.", nameof(keep));
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>Applies temperature, top-k and top-p to <paramref name="probabilities"/> and returns every stage.</summary>
    public static SamplingStages Apply(IReadOnlyList<double> probabilities, SamplingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        var tempered = ApplyTemperature(probabilities, settings.Temperature);
        var topK = TopKMask(tempered, settings.TopK);
        var afterTopK = Renormalize(tempered, topK);
        var topP = TopPMask(afterTopK, settings.TopP);
        for (var i = 0; i < topP.Length; i++)
        {
            topP[i] &= topK[i];
        }

        var final = Renormalize(afterTopK, topP);
        return new SamplingStages(probabilities.ToArray(), tempered, topK, topP, final);
    }

    /// <summary>
    /// Applies the settings to a token distribution and returns the first <paramref name="topN"/> rows
    /// (by raw probability) for a chart, plus totals over the whole distribution.
    /// </summary>
    public static SamplingBreakdown Explain(TokenDistribution distribution, SamplingSettings settings, int topN = 15)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfNegative(topN);
        var tokens = distribution.Tokens;
        var stages = Apply(tokens.Select(t => t.Probability).ToArray(), settings);
        var order = RankOrder(stages.Raw);
        var rows = order.Take(topN)
            .Select((index, rank) => new SamplingRow(
                rank + 1,
                tokens[index].Token,
                stages.Raw[index],
                stages.Tempered[index],
                stages.KeptByTopK[index],
                stages.KeptByTopP[index],
                stages.Final[index]))
            .ToList();
        var keptCount = stages.Final.Count(f => f > 0);
        var keptRawMass = Enumerable.Range(0, stages.Final.Count).Where(i => stages.Final[i] > 0).Sum(i => stages.Raw[i]);
        return new SamplingBreakdown(settings, rows, tokens.Count, keptCount, keptRawMass);
    }

    /// <summary>Draws an index with the given probabilities using one <see cref="Random.NextDouble"/>.</summary>
    public static int Draw(IReadOnlyList<double> probabilities, Random random)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(random);
        var target = random.NextDouble();
        var cumulative = 0.0;
        var lastPositive = -1;
        for (var i = 0; i < probabilities.Count; i++)
        {
            if (probabilities[i] <= 0)
            {
                continue;
            }

            lastPositive = i;
            cumulative += probabilities[i];
            if (target < cumulative)
            {
                return i;
            }
        }

        // Rounding can leave the cumulative sum a hair under 1; the last possible entry takes that sliver.
        return lastPositive >= 0
            ? lastPositive
            : throw new ArgumentException("The distribution has no positive probability.", nameof(probabilities));
    }

    /// <summary>Indices sorted by probability descending, ties by index ascending.</summary>
    internal static int[] RankOrder(IReadOnlyList<double> probabilities)
    {
        var order = Enumerable.Range(0, probabilities.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var byProbability = probabilities[b].CompareTo(probabilities[a]);
            return byProbability != 0 ? byProbability : a.CompareTo(b);
        });
        return order;
    }
}

/// <summary>Every stage of <see cref="Sampler.Apply"/>, index-aligned with the input.</summary>
public sealed record SamplingStages(
    IReadOnlyList<double> Raw,
    IReadOnlyList<double> Tempered,
    IReadOnlyList<bool> KeptByTopK,
    IReadOnlyList<bool> KeptByTopP,
    IReadOnlyList<double> Final);
