using System.Globalization;

namespace LlmCourse.Core.Lab;

/// <summary>Every setting of sacreBLEU's <c>CHRF</c> metric, with its defaults (chrF2: 6 character orders, no word orders).</summary>
public sealed record ChrfOptions
{
    /// <summary>Highest character or word order accepted (sacreBLEU sets none; this keeps a request's work bounded).</summary>
    public const int MaxOrderLimit = 20;

    /// <summary>Highest β accepted.</summary>
    public const int MaxBeta = 100;

    /// <summary>Character n-gram orders 1..n; 6 by default.</summary>
    public int CharOrder { get; init; } = 6;

    /// <summary>Word n-gram orders 1..n; 0 for chrF, 2 for chrF++.</summary>
    public int WordOrder { get; init; }

    /// <summary>Recall is β times as important as precision; 2 by default.</summary>
    public int Beta { get; init; } = 2;

    /// <summary>Lower-case hypotheses and references (Python's <c>str.lower</c>) first.</summary>
    public bool Lowercase { get; init; }

    /// <summary>Keep whitespace inside character n-grams (by default every whitespace character is removed first).</summary>
    public bool Whitespace { get; init; }

    /// <summary>
    /// chrF++.py / NLTK / Moses epsilon smoothing: the score is the mean of the per-order F-scores, an order
    /// without n-grams counting as ε. Off by default: sacreBLEU then averages precision and recall over the
    /// orders both sides have (its "effective order", as before 2.0) and takes one F-score of the averages.
    /// </summary>
    public bool EpsSmoothing { get; init; }

    /// <summary>sacreBLEU's chrF defaults (chrF2).</summary>
    public static ChrfOptions ChrF { get; } = new();

    /// <summary>chrF++ (Popović 2017): chrF with word unigrams and bigrams.</summary>
    public static ChrfOptions ChrFPlusPlus { get; } = new() { WordOrder = 2 };

    /// <summary>The metric's name as sacreBLEU prints it: "chrF" + β + one "+" per word order (chrF2, chrF2++).</summary>
    public string Name => $"chrF{Beta.ToString(CultureInfo.InvariantCulture)}" + new string('+', Math.Max(0, WordOrder));

    /// <summary>The problems with these settings, one per field; empty when they are usable.</summary>
    public IReadOnlyList<SettingError> Validate()
    {
        var errors = new List<SettingError>();
        if (CharOrder is < 0 or > MaxOrderLimit)
        {
            errors.Add(new("charOrder", $"The character order must be between 0 and {MaxOrderLimit}."));
        }

        if (WordOrder is < 0 or > MaxOrderLimit)
        {
            errors.Add(new("wordOrder", $"The word order must be between 0 and {MaxOrderLimit}."));
        }

        if (CharOrder + WordOrder == 0)
        {
            errors.Add(new("charOrder", "At least one character or word order is needed."));
        }

        if (Beta is < 0 or > MaxBeta)
        {
            errors.Add(new("beta", $"β must be between 0 and {MaxBeta}."));
        }

        return errors;
    }

    /// <summary>sacreBLEU's signature without its version field, e.g. <c>nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no</c>.</summary>
    public string Signature(string references) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"nrefs:{references}|case:{(Lowercase ? "lc" : "mixed")}|eff:{(EpsSmoothing ? "no" : "yes")}|nc:{CharOrder}|nw:{WordOrder}|space:{(Whitespace ? "yes" : "no")}");

    internal void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentOutOfRangeException(errors[0].Field, string.Join(" ", errors.Select(e => e.Message)));
        }
    }
}

/// <summary>Whether an order counts character or word n-grams.</summary>
public enum ChrfNGramKind
{
    Character,
    Word,
}

/// <summary>The statistics of one n-gram order.</summary>
/// <param name="HypothesisCount">Hypothesis n-grams (0 when the reference has none of this order, as sacreBLEU counts).</param>
/// <param name="ReferenceCount">Reference n-grams.</param>
/// <param name="Matched">Hypothesis n-grams matched, clipped by the reference counts.</param>
/// <param name="Precision">Matched / hypothesis n-grams; null when there are none.</param>
/// <param name="Recall">Matched / reference n-grams; null when there are none.</param>
/// <param name="FScore">F-β of this order (0–1); null when precision or recall is undefined or both are 0.</param>
/// <param name="Effective">Both sides have n-grams of this order, so it enters the averages.</param>
public sealed record ChrfOrder(
    ChrfNGramKind Kind,
    int Order,
    int HypothesisCount,
    int ReferenceCount,
    int Matched,
    double? Precision,
    double? Recall,
    double? FScore,
    bool Effective);

/// <summary>A chrF or chrF++ score with the statistics behind it.</summary>
/// <param name="Score">The score, 0–100.</param>
/// <param name="Name">chrF2, chrF2++, …</param>
/// <param name="Orders">Character orders 1..n, then word orders 1..m, summed over segments.</param>
/// <param name="AveragePrecision">Mean precision over the effective orders (0–1).</param>
/// <param name="AverageRecall">Mean recall over the effective orders (0–1).</param>
/// <param name="EffectiveOrder">Number of orders both sides have.</param>
/// <param name="ReferenceIndices">For each segment, the reference stream whose statistics were used (best F, first on ties).</param>
public sealed record ChrfResult(
    double Score,
    string Name,
    IReadOnlyList<ChrfOrder> Orders,
    double AveragePrecision,
    double AverageRecall,
    int EffectiveOrder,
    IReadOnlyList<int> ReferenceIndices,
    ChrfOptions Options,
    string Signature);

/// <summary>
/// chrF (Popović 2015) and chrF++ (Popović 2017) as sacreBLEU 2.x computes them (sacrebleu/metrics/chrf.py):
/// character n-grams over code points after removing whitespace (unless kept), word n-grams after splitting
/// one punctuation character off either end of each word, per-order statistics from the reference with the
/// best F-score, summed over segments for the corpus score.
/// </summary>
public static class Chrf
{
    // chrF++.py's epsilon, also sacreBLEU's.
    private const double Epsilon = 1e-16;

    // string.punctuation: the characters chrF++ splits off word ends.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>
    /// Corpus chrF like <c>CHRF(...).corpus_score(hypotheses, references)</c>: reference streams each hold one
    /// reference per hypothesis; a null reference is missing, an empty string is a reference with no n-grams.
    /// </summary>
    /// <exception cref="ArgumentException">No stream, a stream of the wrong length, or a segment without any reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ChrfResult CorpusChrf(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string?>> referenceStreams, ChrfOptions options)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        if (referenceStreams.Count == 0)
        {
            throw new ArgumentException("At least one reference stream is needed.", nameof(referenceStreams));
        }

        if (referenceStreams.Any(s => s is null || s.Count != hypotheses.Count))
        {
            throw new ArgumentException("Each reference stream must have one reference per hypothesis.", nameof(referenceStreams));
        }

        var orderCount = options.CharOrder + options.WordOrder;
        var totals = new int[3 * orderCount];
        var chosen = new List<int>(hypotheses.Count);
        var referenceCounts = new HashSet<int>();
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var hypothesis = hypotheses[i] ?? throw new ArgumentException($"Hypothesis {i + 1} is missing.", nameof(hypotheses));
            var references = referenceStreams
                .Select((stream, index) => (Text: stream[i], Index: index))
                .Where(r => r.Text is not null)
                .ToList();
            if (references.Count == 0)
            {
                throw new ArgumentException($"Segment {i + 1} has no reference.", nameof(referenceStreams));
            }

            referenceCounts.Add(references.Count);
            var hypothesisNGrams = NGrams(Prepare(hypothesis, options), options);
            int[]? best = null;
            var bestScore = -1.0;
            var bestIndex = -1;
            foreach (var (text, index) in references)
            {
                var stats = MatchStatistics(hypothesisNGrams, NGrams(Prepare(text!, options), options));
                var score = FScore(stats, options).Score;
                if (score > bestScore)
                {
                    (best, bestScore, bestIndex) = (stats, score, index);
                }
            }

            for (var k = 0; k < totals.Length; k++)
            {
                totals[k] += best![k];
            }

            chosen.Add(bestIndex);
        }

        var (final, averagePrecision, averageRecall, effective) = FScore(totals, options);
        var orders = new List<ChrfOrder>(orderCount);
        for (var o = 0; o < orderCount; o++)
        {
            var (hyp, reference, matched) = (totals[3 * o], totals[(3 * o) + 1], totals[(3 * o) + 2]);
            double? precision = hyp > 0 ? (double)matched / hyp : null;
            double? recall = reference > 0 ? (double)matched / reference : null;
            var factor = (double)options.Beta * options.Beta;
            double? f = precision is { } p && recall is { } r && (factor * p) + r > 0 ? (1 + factor) * p * r / ((factor * p) + r) : null;
            var isCharacter = o < options.CharOrder;
            orders.Add(new ChrfOrder(
                isCharacter ? ChrfNGramKind.Character : ChrfNGramKind.Word,
                isCharacter ? o + 1 : o - options.CharOrder + 1,
                hyp,
                reference,
                matched,
                precision,
                recall,
                f,
                hyp > 0 && reference > 0));
        }

        var nrefs = referenceCounts.Count == 1 ? referenceCounts.First().ToString(CultureInfo.InvariantCulture) : "var";
        return new ChrfResult(final, options.Name, orders, averagePrecision, averageRecall, effective, chosen, options, options.Signature(nrefs));
    }

    /// <summary>Sentence chrF like <c>CHRF(...).sentence_score(hypothesis, references)</c>.</summary>
    public static ChrfResult SentenceChrf(string hypothesis, IReadOnlyList<string?> references, ChrfOptions options)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        return CorpusChrf([hypothesis], references.Select(r => (IReadOnlyList<string?>)[r]).ToList(), options);
    }

    /// <summary>
    /// chrF++'s word splitting (sacreBLEU's <c>_remove_punctuation</c>): split on whitespace; a word longer than
    /// one character loses one ASCII punctuation character from its end, or else from its start, as a separate
    /// token ("(hi)" gives "(hi" and ")", sacreBLEU's issue #124).
    /// </summary>
    public static IReadOnlyList<string> Words(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var words = new List<string>();
        foreach (var word in PythonText.Split(sentence))
        {
            // Python's len counts code points; a surrogate pair is one character there.
            if (PythonText.CodePoints(word).Length == 1)
            {
                words.Add(word);
            }
            else if (AsciiPunctuation.Contains(word[^1], StringComparison.Ordinal))
            {
                words.Add(word[..^1]);
                words.Add(word[^1..]);
            }
            else if (AsciiPunctuation.Contains(word[0], StringComparison.Ordinal))
            {
                words.Add(word[..1]);
                words.Add(word[1..]);
            }
            else
            {
                words.Add(word);
            }
        }

        return words;
    }

    private static string Prepare(string text, ChrfOptions options) => options.Lowercase ? PythonText.Lower(text) : text;

    // One counter per order: character orders first, then word orders.
    private static List<Dictionary<string, int>> NGrams(string sentence, ChrfOptions options)
    {
        var counters = new List<Dictionary<string, int>>(options.CharOrder + options.WordOrder);
        var line = options.Whitespace ? sentence : PythonText.RemoveWhitespace(sentence);

        // Start offset of each code point, so an n-gram of code points is one substring.
        var starts = new List<int>(line.Length + 1);
        for (var i = 0; i < line.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                i++;
            }
        }

        var length = starts.Count;
        starts.Add(line.Length);
        for (var n = 1; n <= options.CharOrder; n++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i + n <= length; i++)
            {
                var key = line[starts[i]..starts[i + n]];
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            counters.Add(counts);
        }

        if (options.WordOrder > 0)
        {
            var words = Words(sentence);
            for (var n = 1; n <= options.WordOrder; n++)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i + n <= words.Count; i++)
                {
                    var key = string.Join(' ', words.Skip(i).Take(n));
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }

                counters.Add(counts);
            }
        }

        return counters;
    }

    // [hyp, ref, match] per order. sacreBLEU reports 0 hypothesis n-grams when the reference has none of the
    // order, so such an order neither helps nor hurts.
    private static int[] MatchStatistics(List<Dictionary<string, int>> hypothesis, List<Dictionary<string, int>> reference)
    {
        var stats = new int[3 * hypothesis.Count];
        for (var o = 0; o < hypothesis.Count; o++)
        {
            var matched = 0;
            var hypCount = 0;
            foreach (var (ngram, count) in hypothesis[o])
            {
                hypCount += count;
                if (reference[o].TryGetValue(ngram, out var refCount))
                {
                    matched += Math.Min(count, refCount);
                }
            }

            stats[3 * o] = reference[o].Count > 0 ? hypCount : 0;
            stats[(3 * o) + 1] = reference[o].Values.Sum();
            stats[(3 * o) + 2] = matched;
        }

        return stats;
    }

    // sacreBLEU's _compute_f_score, statement for statement.
    private static (double Score, double AveragePrecision, double AverageRecall, int EffectiveOrder) FScore(int[] statistics, ChrfOptions options)
    {
        var orderCount = options.CharOrder + options.WordOrder;
        var factor = (double)options.Beta * options.Beta;
        var score = 0.0;
        var effective = 0;
        double averagePrecision = 0, averageRecall = 0;
        for (var o = 0; o < orderCount; o++)
        {
            var (hyp, reference, matched) = (statistics[3 * o], statistics[(3 * o) + 1], statistics[(3 * o) + 2]);
            var precision = hyp > 0 ? (double)matched / hyp : Epsilon;
            var recall = reference > 0 ? (double)matched / reference : Epsilon;
            var denominator = (factor * precision) + recall;
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : Epsilon;
            if (hyp > 0 && reference > 0)
            {
                averagePrecision += precision;
                averageRecall += recall;
                effective++;
            }
        }

        if (effective == 0)
        {
            averagePrecision = averageRecall = 0;
        }
        else
        {
            averagePrecision /= effective;
            averageRecall /= effective;
        }

        if (options.EpsSmoothing)
        {
            return (100 * score / orderCount, averagePrecision, averageRecall, effective);
        }

        if (averagePrecision + averageRecall == 0)
        {
            return (0.0, averagePrecision, averageRecall, effective);
        }

        var f = (1 + factor) * averagePrecision * averageRecall;
        f /= (factor * averagePrecision) + averageRecall;
        return (100 * f, averagePrecision, averageRecall, effective);
    }
}
