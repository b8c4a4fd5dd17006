using System.Globalization;

namespace LlmCourse.Core.Lab;

/// <summary>
/// How zero n-gram matches are handled (sacreBLEU's <c>smooth_method</c>; Chen &amp; Cherry 2014, "A Systematic
/// Comparison of Smoothing Techniques for Sentence-Level BLEU").
/// </summary>
public enum BleuSmoothing
{
    /// <summary>"none": a zero precision makes BLEU 0.</summary>
    None,

    /// <summary>
    /// "exp", sacreBLEU's default (NIST / mteval-v13a, Chen &amp; Cherry's method 3): the k-th order with zero
    /// matches gets precision 100 / (2^k · total) instead of 0.
    /// </summary>
    Exp,

    /// <summary>"floor" (method 1): an order with zero matches gets precision 100 · value / total (value 0.1 by default).</summary>
    Floor,

    /// <summary>"add-k" (method 2): every order above 1 adds k (1 by default) to both matches and total.</summary>
    AddK,
}

/// <summary>Every BLEU setting sacreBLEU's <c>BLEU</c> metric takes, with its defaults.</summary>
public sealed record BleuOptions
{
    /// <summary>Highest n-gram order accepted (sacreBLEU sets none; this keeps a request's work bounded).</summary>
    public const int MaxNGramOrderLimit = 20;

    /// <summary>Smoothing method; "exp" by default.</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exp;

    /// <summary>
    /// The value for floor and add-k; null takes sacreBLEU's default (floor 0.1, add-k 1). Ignored by exp and none.
    /// </summary>
    public double? SmoothingValue { get; init; }

    /// <summary>Tokenizer; 13a by default.</summary>
    public BleuTokenizer Tokenizer { get; init; } = BleuTokenizer.Mteval13a;

    /// <summary>Lower-case hypotheses and references (Python's <c>str.lower</c>) before tokenizing.</summary>
    public bool Lowercase { get; init; }

    /// <summary>Highest n-gram order, 4 by default.</summary>
    public int MaxNGramOrder { get; init; } = SacreBleu.MaxOrder;

    /// <summary>
    /// Average only the orders the hypothesis can have (stop at the first order with no n-grams). Off for corpus
    /// BLEU, on for sentence BLEU, as sacreBLEU recommends.
    /// </summary>
    public bool EffectiveOrder { get; init; }

    /// <summary>sacreBLEU's corpus defaults.</summary>
    public static BleuOptions Corpus { get; } = new();

    /// <summary>sacreBLEU's sentence defaults (<c>sentence_bleu</c>: effective order on).</summary>
    public static BleuOptions Sentence { get; } = new() { EffectiveOrder = true };

    /// <summary>The smoothing value in use: the given one or the method's default; null for exp and none.</summary>
    public double? EffectiveSmoothingValue => SacreBleu.DefaultSmoothingValue(Smoothing) is { } fallback ? SmoothingValue ?? fallback : null;

    /// <summary>The problems with these settings, one per field; empty when they are usable.</summary>
    public IReadOnlyList<SettingError> Validate()
    {
        var errors = new List<SettingError>();
        if (!Enum.IsDefined(Smoothing))
        {
            errors.Add(new("smoothing", "Smoothing must be exp, floor, add-k or none."));
        }

        if (SmoothingValue is { } value && (!double.IsFinite(value) || value < 0))
        {
            errors.Add(new("smoothingValue", "The smoothing value must be a number of at least 0."));
        }

        if (!Enum.IsDefined(Tokenizer))
        {
            errors.Add(new("tokenizer", "The tokenizer must be 13a, intl, char or none."));
        }

        if (MaxNGramOrder is < 1 or > MaxNGramOrderLimit)
        {
            errors.Add(new("maxNGramOrder", $"The maximum n-gram order must be between 1 and {MaxNGramOrderLimit}."));
        }

        return errors;
    }

    /// <summary>
    /// sacreBLEU's reproducibility signature without its version field, e.g.
    /// <c>nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp</c>; "var" references when segments have different numbers.
    /// Like sacreBLEU's it does not name the n-gram order.
    /// </summary>
    public string Signature(string references)
    {
        var smooth = SacreBleu.SmoothingName(Smoothing);
        if (EffectiveSmoothingValue is { } value)
        {
            smooth += "[" + value.ToString("0.00", CultureInfo.InvariantCulture) + "]";
        }

        return $"nrefs:{references}|case:{(Lowercase ? "lc" : "mixed")}|eff:{(EffectiveOrder ? "yes" : "no")}|tok:{BleuTokenizers.Name(Tokenizer)}|smooth:{smooth}";
    }

    internal void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentOutOfRangeException(errors[0].Field, string.Join(" ", errors.Select(e => e.Message)));
        }
    }
}

/// <summary>Matches for one n-gram order.</summary>
/// <param name="Order">n.</param>
/// <param name="Matched">Hypothesis n-grams matched, clipped by the maximum count over the references.</param>
/// <param name="Total">Hypothesis n-grams.</param>
/// <param name="Precision">Precision in percent after smoothing (what enters the geometric mean).</param>
/// <param name="Smoothed">The precision came from smoothing: exp or floor on an order with no match, or add-k's addition.</param>
/// <param name="Used">The order enters the geometric mean (all orders, or those up to the effective order).</param>
public sealed record BleuOrder(int Order, int Matched, int Total, double Precision, bool Smoothed = false, bool Used = true);

/// <summary>A BLEU score with its sufficient statistics, as sacreBLEU reports them.</summary>
/// <param name="Score">BLEU on 0–100.</param>
/// <param name="Orders">Per-order matches, totals and precisions.</param>
/// <param name="HypothesisLength">Hypothesis tokens (sys_len).</param>
/// <param name="ReferenceLength">Sum over segments of the closest reference length (ref_len).</param>
/// <param name="Ratio">HypothesisLength / ReferenceLength (0 when the reference length is 0).</param>
/// <param name="BrevityPenalty">BP = 1 if hyp ≥ ref, else exp(1 − ref/hyp) (0 for an empty hypothesis).</param>
/// <param name="EffectiveOrder">Number of orders averaged (the maximum order, or fewer with effective order).</param>
/// <param name="GeometricMean">exp(mean of the log precisions) in percent, before the brevity penalty.</param>
/// <param name="Options">The settings used.</param>
/// <param name="Signature">sacreBLEU's signature of the settings (without version).</param>
public sealed record BleuResult(
    double Score,
    IReadOnlyList<BleuOrder> Orders,
    int HypothesisLength,
    int ReferenceLength,
    double Ratio,
    double BrevityPenalty,
    int EffectiveOrder,
    double GeometricMean,
    BleuOptions Options,
    string Signature)
{
    /// <summary>The smoothing used.</summary>
    public BleuSmoothing Smoothing => Options.Smoothing;
}

/// <summary>
/// BLEU (Papineni et al. 2002) computed as sacreBLEU 2.x does (Post 2018, "A Call for Clarity in Reporting BLEU
/// Scores"; github.com/mjpost/sacrebleu, sacrebleu/metrics/bleu.py), with every option its BLEU metric has:
/// smoothing (exp, floor, add-k, none and their values), tokenizer (13a, intl, char, none), lower-casing,
/// maximum n-gram order and effective order. N-gram counts are clipped by the maximum count in any reference;
/// the reference length is the closest one (ties → shorter). Corpus BLEU sums the statistics over segments
/// before scoring.
/// </summary>
public static class SacreBleu
{
    /// <summary>sacreBLEU's default highest n-gram order.</summary>
    public const int MaxOrder = 4;

    // sacreBLEU's my_log returns this for log(0), so a zero precision drives the score to exactly 0.
    private const double LogOfZero = -9999999999;

    /// <summary>Every smoothing method, in the order a form should offer them (default first).</summary>
    public static IReadOnlyList<BleuSmoothing> SmoothingMethods { get; } =
        [BleuSmoothing.Exp, BleuSmoothing.Floor, BleuSmoothing.AddK, BleuSmoothing.None];

    /// <summary>sacreBLEU's name for a smoothing method ("exp", "floor", "add-k", "none").</summary>
    public static string SmoothingName(BleuSmoothing smoothing) => smoothing switch
    {
        BleuSmoothing.Exp => "exp",
        BleuSmoothing.Floor => "floor",
        BleuSmoothing.AddK => "add-k",
        BleuSmoothing.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Unknown smoothing method."),
    };

    /// <summary>Reads a sacreBLEU smoothing name (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParseSmoothing(string? name, out BleuSmoothing smoothing)
    {
        foreach (var candidate in SmoothingMethods)
        {
            if (string.Equals(SmoothingName(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                smoothing = candidate;
                return true;
            }
        }

        smoothing = BleuSmoothing.Exp;
        return false;
    }

    /// <summary>sacreBLEU's SMOOTH_DEFAULTS: floor 0.1 and add-k 1 (from Chen &amp; Cherry); null for methods without a value.</summary>
    public static double? DefaultSmoothingValue(BleuSmoothing smoothing) => smoothing switch
    {
        BleuSmoothing.Floor => 0.1,
        BleuSmoothing.AddK => 1,
        _ => null,
    };

    /// <summary>The 13a tokenizer; see <see cref="BleuTokenizers.Tokenize13a"/>.</summary>
    public static string Tokenize13a(string line) => BleuTokenizers.Tokenize13a(line);

    /// <summary>
    /// A segment's tokens as BLEU counts them: lower-cased if asked, right-stripped, tokenized, split on whitespace.
    /// </summary>
    public static IReadOnlyList<string> Tokens(string segment, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        return Preprocess(segment, options);
    }

    /// <summary>
    /// Corpus BLEU like <c>BLEU(...).corpus_score(hypotheses, references)</c>: <paramref name="referenceStreams"/>
    /// is a list of reference streams, each with one reference per hypothesis. A null reference is missing (so
    /// segments may have different numbers of references, "nrefs:var"); an empty string is a reference with no
    /// tokens, as in sacreBLEU's code.
    /// </summary>
    /// <exception cref="ArgumentException">No stream, a stream of the wrong length, or a segment without any reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static BleuResult CorpusBleu(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        var segments = SegmentReferences(hypotheses, referenceStreams);

        var order = options.MaxNGramOrder;
        var matched = new int[order];
        var totals = new int[order];
        var hypothesisLength = 0;
        var referenceLength = 0;
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var (hypLength, refLength) = AddSegmentStatistics(hypotheses[i], segments[i], options, matched, totals);
            hypothesisLength += hypLength;
            referenceLength += refLength;
        }

        var counts = segments.Select(s => s.Count).Distinct().ToList();
        var signature = options.Signature(counts.Count == 1 ? counts[0].ToString(CultureInfo.InvariantCulture) : "var");
        return Score(matched, totals, hypothesisLength, referenceLength, options, signature);
    }

    /// <summary>Corpus BLEU with sacreBLEU's defaults but the given smoothing and effective order.</summary>
    public static BleuResult CorpusBleu(
        IReadOnlyList<string> hypotheses,
        IReadOnlyList<IReadOnlyList<string?>> referenceStreams,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = false) =>
        CorpusBleu(hypotheses, referenceStreams, new BleuOptions { Smoothing = smoothing, EffectiveOrder = effectiveOrder });

    /// <summary>
    /// Sentence BLEU like <c>BLEU(...).sentence_score(hypothesis, references)</c>: one segment, each reference its
    /// own stream. Pass <see cref="BleuOptions.Sentence"/> (effective order on) for sacreBLEU's <c>sentence_bleu</c>.
    /// </summary>
    public static BleuResult SentenceBleu(string hypothesis, IReadOnlyList<string?> references, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        return CorpusBleu([hypothesis], references.Select(r => (IReadOnlyList<string?>)[r]).ToList(), options);
    }

    /// <summary>
    /// Sentence BLEU like <c>sacrebleu.sentence_bleu(hypothesis, references)</c>: 13a, exp smoothing and
    /// effective order by default.
    /// </summary>
    public static BleuResult SentenceBleu(
        string hypothesis,
        IReadOnlyList<string?> references,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = true) =>
        SentenceBleu(hypothesis, references, new BleuOptions { Smoothing = smoothing, EffectiveOrder = effectiveOrder });

    /// <summary>
    /// Scores sufficient statistics like sacreBLEU's <c>BLEU.compute_bleu</c>, whose own default smoothing is
    /// "none": the order is the number of entries in <paramref name="matched"/>.
    /// </summary>
    public static BleuResult Compute(
        IReadOnlyList<int> matched,
        IReadOnlyList<int> totals,
        int hypothesisLength,
        int referenceLength,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = false,
        double? smoothingValue = null)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(totals);
        if (matched.Count != totals.Count || matched.Count == 0)
        {
            throw new ArgumentException("Matches and totals need one entry per order, and at least one order.", nameof(matched));
        }

        var options = new BleuOptions
        {
            Smoothing = smoothing,
            SmoothingValue = smoothingValue,
            EffectiveOrder = effectiveOrder,
            MaxNGramOrder = matched.Count,
        };
        options.EnsureValid();
        return Score([.. matched], [.. totals], hypothesisLength, referenceLength, options, options.Signature("1"));
    }

    /// <summary>The reference length closest to the hypothesis length; ties go to the shorter reference.</summary>
    internal static int ClosestReferenceLength(int hypothesisLength, IReadOnlyList<int> referenceLengths) =>
        referenceLengths.OrderBy(r => Math.Abs(hypothesisLength - r)).ThenBy(r => r).First();

    // BP from the lengths, precisions with smoothing, and BP · exp(mean of log precisions) over the used orders.
    // Statement for statement the arithmetic of compute_bleu, so scores agree to the last bit.
    private static BleuResult Score(int[] matched, int[] totals, int hypothesisLength, int referenceLength, BleuOptions options, string signature)
    {
        var order = matched.Length;
        var brevityPenalty = hypothesisLength < referenceLength
            ? hypothesisLength > 0 ? Math.Exp(1 - ((double)referenceLength / hypothesisLength)) : 0.0
            : 1.0;
        var ratio = referenceLength > 0 ? (double)hypothesisLength / referenceLength : 0;
        var precisions = new double[order];
        var smoothed = new bool[order];

        BleuResult Result(double score, int usedOrder, double geometricMean) => new(
            score,
            [.. Enumerable.Range(0, order).Select(n => new BleuOrder(n + 1, matched[n], totals[n], precisions[n], smoothed[n], n < usedOrder))],
            hypothesisLength,
            referenceLength,
            ratio,
            brevityPenalty,
            usedOrder,
            geometricMean,
            options,
            signature);

        // sacreBLEU stops early when nothing matches at all (its issue #141).
        if (matched.All(m => m == 0))
        {
            return Result(0.0, order, 0.0);
        }

        var value = options.EffectiveSmoothingValue ?? 0;
        var smoothFactor = 1.0;
        var usedOrder = order;
        for (var n = 0; n < order; n++)
        {
            // add-k changes the counts of every order above the first, before the zero-total check.
            double correct = matched[n];
            double total = totals[n];
            if (options.Smoothing == BleuSmoothing.AddK && n > 0)
            {
                correct += value;
                total += value;
                smoothed[n] = value != 0;
            }

            if (total == 0)
            {
                break;
            }

            if (options.EffectiveOrder)
            {
                usedOrder = n + 1;
            }

            if (correct == 0)
            {
                if (options.Smoothing == BleuSmoothing.Exp)
                {
                    smoothFactor *= 2;
                    precisions[n] = 100.0 / (smoothFactor * total);
                    smoothed[n] = true;
                }
                else if (options.Smoothing == BleuSmoothing.Floor)
                {
                    precisions[n] = 100.0 * value / total;
                    smoothed[n] = true;
                }
            }
            else
            {
                precisions[n] = 100.0 * correct / total;
            }
        }

        var logSum = 0.0;
        for (var n = 0; n < usedOrder; n++)
        {
            logSum += precisions[n] == 0 ? LogOfZero : Math.Log(precisions[n]);
        }

        var geometricMean = Math.Exp(logSum / usedOrder);
        return Result(brevityPenalty * geometricMean, usedOrder, geometricMean);
    }

    private static List<List<string>> SegmentReferences(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams)
    {
        if (referenceStreams.Count == 0)
        {
            throw new ArgumentException("At least one reference stream is needed.", nameof(referenceStreams));
        }

        if (referenceStreams.Any(s => s is null || s.Count != hypotheses.Count))
        {
            throw new ArgumentException("Each reference stream must have one reference per hypothesis.", nameof(referenceStreams));
        }

        var segments = new List<List<string>>(hypotheses.Count);
        for (var i = 0; i < hypotheses.Count; i++)
        {
            if (hypotheses[i] is null)
            {
                throw new ArgumentException($"Hypothesis {i + 1} is missing.", nameof(hypotheses));
            }

            var references = referenceStreams.Select(s => s[i]).OfType<string>().ToList();
            if (references.Count == 0)
            {
                throw new ArgumentException($"Segment {i + 1} has no reference.", nameof(referenceStreams));
            }

            segments.Add(references);
        }

        return segments;
    }

    private static (int HypothesisLength, int ReferenceLength) AddSegmentStatistics(
        string hypothesis, List<string> references, BleuOptions options, int[] matched, int[] totals)
    {
        var order = options.MaxNGramOrder;
        var maxReferenceCounts = new Dictionary<string, int>[order];
        for (var n = 0; n < order; n++)
        {
            maxReferenceCounts[n] = new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var referenceLengths = new List<int>(references.Count);
        foreach (var reference in references)
        {
            var tokens = Preprocess(reference, options);
            referenceLengths.Add(tokens.Length);
            for (var n = 0; n < order; n++)
            {
                foreach (var (ngram, count) in CountNGrams(tokens, n + 1))
                {
                    maxReferenceCounts[n][ngram] = Math.Max(maxReferenceCounts[n].GetValueOrDefault(ngram), count);
                }
            }
        }

        var hypothesisTokens = Preprocess(hypothesis, options);
        for (var n = 0; n < order; n++)
        {
            foreach (var (ngram, count) in CountNGrams(hypothesisTokens, n + 1))
            {
                totals[n] += count;
                matched[n] += Math.Min(count, maxReferenceCounts[n].GetValueOrDefault(ngram));
            }
        }

        return (hypothesisTokens.Length, ClosestReferenceLength(hypothesisTokens.Length, referenceLengths));
    }

    // sacreBLEU lower-cases, right-strips, tokenizes, then splits the tokenized line on whitespace.
    private static string[] Preprocess(string segment, BleuOptions options)
    {
        var text = options.Lowercase ? PythonText.Lower(segment) : segment;
        return [.. PythonText.Split(BleuTokenizers.Tokenize(PythonText.TrimEnd(text), options.Tokenizer))];
    }

    // N-grams are keyed by their tokens joined with a space: tokens never contain whitespace.
    private static Dictionary<string, int> CountNGrams(string[] tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Length; i++)
        {
            var key = n == 1 ? tokens[i] : string.Join(' ', tokens, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
