using System.Text.RegularExpressions;

namespace LlmCourse.Core.Lab;

/// <summary>One ROUGE variant's counts and scores.</summary>
/// <param name="Overlap">Clipped n-gram overlap (ROUGE-N) or LCS length (ROUGE-L).</param>
/// <param name="PredictionCount">Prediction n-grams (ROUGE-N) or tokens (ROUGE-L): the precision denominator.</param>
/// <param name="TargetCount">Target n-grams or tokens: the recall denominator.</param>
/// <param name="Precision">Overlap / prediction count.</param>
/// <param name="Recall">Overlap / target count.</param>
/// <param name="F1">2PR / (P + R), 0 when both are 0.</param>
/// <param name="TargetIndex">Which target scored it (the best one for multi-reference scoring).</param>
public sealed record RougeScore(int Overlap, int PredictionCount, int TargetCount, double Precision, double Recall, double F1, int TargetIndex = 0);

/// <summary>ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of a prediction, with the tokens they were computed on.</summary>
/// <param name="RougeLsum">Summary-level LCS over newline-separated sentences (rouge-score's "rougeLsum").</param>
public sealed record RougeResult(
    RougeScore Rouge1,
    RougeScore Rouge2,
    RougeScore RougeL,
    RougeScore RougeLsum,
    IReadOnlyList<string> PredictionTokens,
    IReadOnlyList<IReadOnlyList<string>> TargetTokens);

/// <summary>
/// ROUGE (Lin 2004) as Google's rouge-score package computes it (github.com/google-research/google-research,
/// rouge/rouge_scorer.py and rouge/tokenize.py): lower-case, every run of characters outside [a-z0-9]
/// becomes a space, split on whitespace, optionally Porter-stem tokens longer than 3 characters (NLTK's
/// PorterStemmer, see <see cref="PorterStemmer"/>). ROUGE-N counts n-gram overlap with clipped counts;
/// ROUGE-L is LCS over the whole text as one sequence; ROUGE-Lsum is the summary-level LCS of Lin's section
/// 3.2, over sentences separated by newlines. Precision's denominator is the prediction, recall's the target.
/// </summary>
public static partial class Rouge
{
    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumericRegex();

    /// <summary>rouge-score's default tokenizer.</summary>
    public static IReadOnlyList<string> Tokenize(string text, bool useStemmer = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = NonAlphanumericRegex().Replace(text.ToLowerInvariant(), " ");
        return cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => useStemmer && t.Length > 3 ? PorterStemmer.Stem(t) : t)
            .Where(t => t.Length > 0)
            .ToList();
    }

    /// <summary>Scores <paramref name="prediction"/> against one <paramref name="target"/> (rouge-score's <c>score</c>).</summary>
    public static RougeResult Score(string target, string prediction, bool useStemmer = false) =>
        ScoreMulti([target], prediction, useStemmer);

    /// <summary>
    /// Scores against several targets like rouge-score's <c>score_multi</c>: for each ROUGE type
    /// independently, the target with the highest F1 wins (first one on ties).
    /// </summary>
    public static RougeResult ScoreMulti(IReadOnlyList<string> targets, string prediction, bool useStemmer = false)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(prediction);
        if (targets.Count == 0)
        {
            throw new ArgumentException("At least one target is needed.", nameof(targets));
        }

        var predictionTokens = Tokenize(prediction, useStemmer);
        var targetTokens = targets.Select(t => Tokenize(t ?? "", useStemmer)).ToList();

        RougeScore Best(Func<IReadOnlyList<string>, IReadOnlyList<string>, RougeScore> scorer)
        {
            RougeScore? best = null;
            for (var i = 0; i < targetTokens.Count; i++)
            {
                var score = scorer(targetTokens[i], predictionTokens) with { TargetIndex = i };
                if (best is null || score.F1 > best.F1)
                {
                    best = score;
                }
            }

            return best!;
        }

        // rougeLsum tokenizes sentence by sentence, so it keeps its own token lists.
        var predictionSentences = SentenceTokens(prediction, useStemmer);
        RougeScore? bestLsum = null;
        for (var i = 0; i < targets.Count; i++)
        {
            var score = SummaryLevelLcs(SentenceTokens(targets[i] ?? "", useStemmer), predictionSentences) with { TargetIndex = i };
            if (bestLsum is null || score.F1 > bestLsum.F1)
            {
                bestLsum = score;
            }
        }

        return new RougeResult(
            Best((t, p) => NGramScore(t, p, 1)),
            Best((t, p) => NGramScore(t, p, 2)),
            Best(LcsScore),
            bestLsum!,
            predictionTokens,
            targetTokens);
    }

    /// <summary>
    /// rougeLsum's sentences: the text split on "\n" only, empty lines dropped (a line of spaces stays and
    /// tokenizes to nothing). rouge-score's <c>split_summaries</c> option (NLTK sentence splitting) is not offered.
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n').Where(s => s.Length > 0)];
    }

    /// <summary>
    /// Summary-level ROUGE-L (Lin 2004, section 3.2; rouge-score's <c>_summary_level_lcs</c>): for each target
    /// sentence, the union of its LCS with every prediction sentence; each token of a union counts as a hit while
    /// both texts still have an unused copy of it (ROUGE-1.5.5's guard against counting a token twice). Recall is
    /// hits / target tokens, precision hits / prediction tokens; the overlap reported is the hit count.
    /// </summary>
    public static RougeScore SummaryLevelLcs(IReadOnlyList<IReadOnlyList<string>> targetSentences, IReadOnlyList<IReadOnlyList<string>> predictionSentences)
    {
        ArgumentNullException.ThrowIfNull(targetSentences);
        ArgumentNullException.ThrowIfNull(predictionSentences);
        var targetCount = targetSentences.Sum(s => s.Count);
        var predictionCount = predictionSentences.Sum(s => s.Count);
        if (targetCount == 0 || predictionCount == 0)
        {
            return new RougeScore(0, predictionCount, targetCount, 0, 0, 0);
        }

        var unusedTarget = CountTokens(targetSentences);
        var unusedPrediction = CountTokens(predictionSentences);
        var hits = 0;
        foreach (var sentence in targetSentences)
        {
            foreach (var token in UnionLcs(sentence, predictionSentences))
            {
                if (unusedPrediction.GetValueOrDefault(token) > 0 && unusedTarget.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    unusedPrediction[token]--;
                    unusedTarget[token]--;
                }
            }
        }

        var recall = (double)hits / targetCount;
        var precision = (double)hits / predictionCount;
        return new RougeScore(hits, predictionCount, targetCount, precision, recall, F1(precision, recall));
    }

    /// <summary>
    /// The tokens of <paramref name="targetSentence"/> in the union of its LCS with each prediction sentence, in
    /// target order (rouge-score's <c>_union_lcs</c>).
    /// </summary>
    public static IReadOnlyList<string> UnionLcs(IReadOnlyList<string> targetSentence, IReadOnlyList<IReadOnlyList<string>> predictionSentences)
    {
        ArgumentNullException.ThrowIfNull(targetSentence);
        ArgumentNullException.ThrowIfNull(predictionSentences);
        var indices = new SortedSet<int>();
        foreach (var prediction in predictionSentences)
        {
            indices.UnionWith(LcsIndices(targetSentence, prediction));
        }

        return [.. indices.Select(i => targetSentence[i])];
    }

    /// <summary>
    /// Indices into <paramref name="target"/> of one longest common subsequence with <paramref name="prediction"/>,
    /// the one rouge-score's backtracking reads out: from the end, take a match; otherwise step back in the
    /// prediction when that keeps a strictly longer LCS, else step back in the target. Which LCS is chosen matters
    /// for the union.
    /// </summary>
    public static IReadOnlyList<int> LcsIndices(IReadOnlyList<string> target, IReadOnlyList<string> prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        var table = new int[target.Count + 1, prediction.Count + 1];
        for (var i = 1; i <= target.Count; i++)
        {
            for (var j = 1; j <= prediction.Count; j++)
            {
                table[i, j] = string.Equals(target[i - 1], prediction[j - 1], StringComparison.Ordinal)
                    ? table[i - 1, j - 1] + 1
                    : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        var indices = new List<int>();
        var (ti, pj) = (target.Count, prediction.Count);
        while (ti > 0 && pj > 0)
        {
            if (string.Equals(target[ti - 1], prediction[pj - 1], StringComparison.Ordinal))
            {
                indices.Add(ti - 1);
                ti--;
                pj--;
            }
            else if (table[ti, pj - 1] > table[ti - 1, pj])
            {
                pj--;
            }
            else
            {
                ti--;
            }
        }

        indices.Reverse();
        return indices;
    }

    private static List<IReadOnlyList<string>> SentenceTokens(string text, bool useStemmer) =>
        [.. SplitSentences(text).Select(s => Tokenize(s, useStemmer))];

    private static Dictionary<string, int> CountTokens(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in sentences.SelectMany(s => s))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    /// <summary>ROUGE-N between token lists: overlap Σ min(count_target, count_prediction) over n-grams.</summary>
    public static RougeScore NGramScore(IReadOnlyList<string> targetTokens, IReadOnlyList<string> predictionTokens, int n)
    {
        ArgumentNullException.ThrowIfNull(targetTokens);
        ArgumentNullException.ThrowIfNull(predictionTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var targetNGrams = CountNGrams(targetTokens, n);
        var predictionNGrams = CountNGrams(predictionTokens, n);
        var overlap = targetNGrams.Sum(kv => Math.Min(kv.Value, predictionNGrams.GetValueOrDefault(kv.Key)));
        var targetCount = targetNGrams.Values.Sum();
        var predictionCount = predictionNGrams.Values.Sum();

        // rouge-score divides by max(count, 1), so empty texts give 0 rather than NaN.
        var precision = (double)overlap / Math.Max(predictionCount, 1);
        var recall = (double)overlap / Math.Max(targetCount, 1);
        return new RougeScore(overlap, predictionCount, targetCount, precision, recall, F1(precision, recall));
    }

    /// <summary>ROUGE-L between token lists: LCS length over prediction (precision) and target (recall) lengths.</summary>
    public static RougeScore LcsScore(IReadOnlyList<string> targetTokens, IReadOnlyList<string> predictionTokens)
    {
        ArgumentNullException.ThrowIfNull(targetTokens);
        ArgumentNullException.ThrowIfNull(predictionTokens);
        if (targetTokens.Count == 0 || predictionTokens.Count == 0)
        {
            return new RougeScore(0, predictionTokens.Count, targetTokens.Count, 0, 0, 0);
        }

        var lcs = LongestCommonSubsequenceLength(targetTokens, predictionTokens);
        var precision = (double)lcs / predictionTokens.Count;
        var recall = (double)lcs / targetTokens.Count;
        return new RougeScore(lcs, predictionTokens.Count, targetTokens.Count, precision, recall, F1(precision, recall));
    }

    /// <summary>Length of the longest common subsequence (dynamic programming, two rows).</summary>
    public static int LongestCommonSubsequenceLength(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static double F1(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

    private static Dictionary<string, int> CountNGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = string.Join(' ', tokens.Skip(i).Take(n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
