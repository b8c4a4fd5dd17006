using System.Text.RegularExpressions;

namespace LlmCourse.Core.Lab;

/// <summary>How zero n-gram matches are handled (sacreBLEU's <c>smooth_method</c>).</summary>
public enum BleuSmoothing
{
    /// <summary>No smoothing: a zero precision makes BLEU 0.</summary>
    None,

    /// <summary>
    /// sacreBLEU's default "exp" (NIST / mteval-v13a, Chen &amp; Cherry 2014 method 3): the k-th order with
    /// zero matches gets precision 100 / (2^k · total) instead of 0.
    /// </summary>
    Exp,
}

/// <summary>Matches for one n-gram order.</summary>
/// <param name="Order">n, 1 to 4.</param>
/// <param name="Matched">Hypothesis n-grams matched, clipped by the maximum count over the references.</param>
/// <param name="Total">Hypothesis n-grams.</param>
/// <param name="Precision">Precision in percent after smoothing (what enters the geometric mean).</param>
public sealed record BleuOrder(int Order, int Matched, int Total, double Precision);

/// <summary>A BLEU score with its sufficient statistics, as sacreBLEU reports them.</summary>
/// <param name="Score">BLEU on 0–100.</param>
/// <param name="Orders">Per-order matches, totals and precisions.</param>
/// <param name="HypothesisLength">Hypothesis tokens (sys_len).</param>
/// <param name="ReferenceLength">Sum over segments of the closest reference length (ref_len).</param>
/// <param name="Ratio">HypothesisLength / ReferenceLength (0 when the reference length is 0).</param>
/// <param name="BrevityPenalty">BP = 1 if hyp ≥ ref, else exp(1 − ref/hyp) (0 for an empty hypothesis).</param>
/// <param name="EffectiveOrder">Number of orders averaged (4, or fewer with effective order).</param>
/// <param name="Smoothing">The smoothing used.</param>
public sealed record BleuResult(
    double Score,
    IReadOnlyList<BleuOrder> Orders,
    int HypothesisLength,
    int ReferenceLength,
    double Ratio,
    double BrevityPenalty,
    int EffectiveOrder,
    BleuSmoothing Smoothing);

/// <summary>
/// BLEU (Papineni et al. 2002) computed as sacreBLEU 2.x does by default (Post 2018, "A Call for Clarity in
/// Reporting BLEU Scores"; github.com/mjpost/sacrebleu, sacrebleu/metrics/bleu.py): 13a tokenization, case
/// kept, n = 1..4, counts clipped by the maximum count in any reference, closest reference length (ties →
/// shorter), "exp" smoothing. Corpus BLEU sums the statistics over segments before scoring; sentence BLEU
/// also uses effective order (orders the hypothesis is too short to have are left out).
/// </summary>
public static partial class SacreBleu
{
    /// <summary>Highest n-gram order.</summary>
    public const int MaxOrder = 4;

    // sacreBLEU's my_log returns this for log(0), so a zero precision drives the score to exactly 0.
    private const double LogOfZero = -9999999999;

    // mteval-v13a language-dependent part, as in sacrebleu/tokenizers/tokenizer_re.py:
    // separate the symbols {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ and /.
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])")]
    private static partial Regex SymbolRegex();

    // Period and comma unless preceded by a digit.
    [GeneratedRegex(@"([^0-9])([\.,])")]
    private static partial Regex PeriodCommaNotAfterDigitRegex();

    // Period and comma unless followed by a digit.
    [GeneratedRegex(@"([\.,])([^0-9])")]
    private static partial Regex PeriodCommaNotBeforeDigitRegex();

    // Dash when preceded by a digit.
    [GeneratedRegex(@"([0-9])(-)")]
    private static partial Regex DashAfterDigitRegex();

    /// <summary>
    /// The 13a tokenizer (mteval-v13a.pl as in sacrebleu/tokenizers/tokenizer_13a.py): drop &lt;skipped&gt;,
    /// join "-\n" line breaks, newlines to spaces, unescape &amp;quot; &amp;amp; &amp;lt; &amp;gt;, then
    /// split off punctuation, and collapse whitespace. Returns the tokens joined by single spaces.
    /// </summary>
    public static string Tokenize13a(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Replace("<skipped>", "", StringComparison.Ordinal)
            .Replace("-\n", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);
        line = $" {line} ";
        line = SymbolRegex().Replace(line, " $1 ");
        line = PeriodCommaNotAfterDigitRegex().Replace(line, "$1 $2 ");
        line = PeriodCommaNotBeforeDigitRegex().Replace(line, " $1 $2");
        line = DashAfterDigitRegex().Replace(line, "$1 $2 ");
        return string.Join(' ', SplitWhitespace(line));
    }

    /// <summary>
    /// Corpus BLEU like <c>sacrebleu.corpus_bleu(hypotheses, references)</c>: <paramref name="referenceStreams"/>
    /// is a list of reference streams, each with one reference per hypothesis (empty strings are skipped,
    /// allowing fewer references for some segments).
    /// </summary>
    public static BleuResult CorpusBleu(
        IReadOnlyList<string> hypotheses,
        IReadOnlyList<IReadOnlyList<string>> referenceStreams,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = false)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        if (referenceStreams.Count == 0)
        {
            throw new ArgumentException("At least one reference stream is needed.", nameof(referenceStreams));
        }

        if (referenceStreams.Any(s => s is null || s.Count != hypotheses.Count))
        {
            throw new ArgumentException("Each reference stream must have one reference per hypothesis.", nameof(referenceStreams));
        }

        var matched = new int[MaxOrder];
        var totals = new int[MaxOrder];
        var hypothesisLength = 0;
        var referenceLength = 0;
        for (var i = 0; i < hypotheses.Count; i++)
        {
            var references = referenceStreams.Select(s => s[i]).Where(r => !string.IsNullOrEmpty(r)).ToList();
            if (references.Count == 0)
            {
                throw new ArgumentException($"Segment {i + 1} has no non-empty reference.", nameof(referenceStreams));
            }

            var (hypLength, refLength) = AddSegmentStatistics(hypotheses[i], references, matched, totals);
            hypothesisLength += hypLength;
            referenceLength += refLength;
        }

        return Compute(matched, totals, hypothesisLength, referenceLength, smoothing, effectiveOrder);
    }

    /// <summary>
    /// Sentence BLEU like <c>sacrebleu.sentence_bleu(hypothesis, references)</c>: exp smoothing and
    /// effective order on by default.
    /// </summary>
    public static BleuResult SentenceBleu(
        string hypothesis,
        IReadOnlyList<string> references,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = true)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        return CorpusBleu([hypothesis], references.Select(r => (IReadOnlyList<string>)[r]).ToList(), smoothing, effectiveOrder);
    }

    /// <summary>
    /// Scores sufficient statistics (sacreBLEU's <c>BLEU.compute_bleu</c>): BP from the lengths, precisions
    /// with smoothing, and BP · exp(mean of log precisions) over the effective orders.
    /// </summary>
    public static BleuResult Compute(
        IReadOnlyList<int> matched,
        IReadOnlyList<int> totals,
        int hypothesisLength,
        int referenceLength,
        BleuSmoothing smoothing = BleuSmoothing.Exp,
        bool effectiveOrder = false)
    {
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(totals);
        if (matched.Count != MaxOrder || totals.Count != MaxOrder)
        {
            throw new ArgumentException($"Statistics must have {MaxOrder} orders.", nameof(matched));
        }

        var brevityPenalty = hypothesisLength < referenceLength
            ? hypothesisLength > 0 ? Math.Exp(1 - ((double)referenceLength / hypothesisLength)) : 0.0
            : 1.0;
        var ratio = referenceLength > 0 ? (double)hypothesisLength / referenceLength : 0;
        var precisions = new double[MaxOrder];

        BleuResult Result(double score, int order) => new(
            score,
            Enumerable.Range(0, MaxOrder).Select(n => new BleuOrder(n + 1, matched[n], totals[n], precisions[n])).ToList(),
            hypothesisLength,
            referenceLength,
            ratio,
            brevityPenalty,
            order,
            smoothing);

        // sacreBLEU stops early when nothing matches at all (its issue #141).
        if (matched.All(m => m == 0))
        {
            return Result(0.0, MaxOrder);
        }

        var smoothFactor = 1.0;
        var usedOrder = MaxOrder;
        for (var n = 0; n < MaxOrder; n++)
        {
            if (totals[n] == 0)
            {
                break;
            }

            if (effectiveOrder)
            {
                usedOrder = n + 1;
            }

            if (matched[n] == 0)
            {
                if (smoothing == BleuSmoothing.Exp)
                {
                    smoothFactor *= 2;
                    precisions[n] = 100.0 / (smoothFactor * totals[n]);
                }
            }
            else
            {
                precisions[n] = 100.0 * matched[n] / totals[n];
            }
        }

        var logSum = precisions.Take(usedOrder).Sum(p => p > 0 ? Math.Log(p) : LogOfZero);
        return Result(brevityPenalty * Math.Exp(logSum / usedOrder), usedOrder);
    }

    private static (int HypothesisLength, int ReferenceLength) AddSegmentStatistics(
        string hypothesis, IReadOnlyList<string> references, int[] matched, int[] totals)
    {
        var maxReferenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var referenceLengths = new List<int>(references.Count);
        foreach (var reference in references)
        {
            var tokens = Preprocess(reference);
            referenceLengths.Add(tokens.Length);
            foreach (var (ngram, count) in CountNGrams(tokens))
            {
                maxReferenceCounts[ngram] = Math.Max(maxReferenceCounts.GetValueOrDefault(ngram), count);
            }
        }

        var hypothesisTokens = Preprocess(hypothesis);
        foreach (var (ngram, count) in CountNGrams(hypothesisTokens))
        {
            var order = ngram.Count(c => c == ' ');
            totals[order] += count;
            matched[order] += Math.Min(count, maxReferenceCounts.GetValueOrDefault(ngram));
        }

        return (hypothesisTokens.Length, ClosestReferenceLength(hypothesisTokens.Length, referenceLengths));
    }

    /// <summary>The reference length closest to the hypothesis length; ties go to the shorter reference.</summary>
    internal static int ClosestReferenceLength(int hypothesisLength, IReadOnlyList<int> referenceLengths) =>
        referenceLengths.OrderBy(r => Math.Abs(hypothesisLength - r)).ThenBy(r => r).First();

    // sacreBLEU right-strips each segment before tokenizing, then splits the tokenized line on whitespace.
    private static string[] Preprocess(string segment) => SplitWhitespace(Tokenize13a(segment.TrimEnd()));

    // N-grams are keyed by their tokens joined with a space: 13a output has no spaces inside tokens.
    private static Dictionary<string, int> CountNGrams(string[] tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var n = 1; n <= MaxOrder; n++)
        {
            for (var i = 0; i + n <= tokens.Length; i++)
            {
                var key = string.Join(' ', tokens, i, n);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    private static string[] SplitWhitespace(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
