namespace LlmCourse.Core.Lab;

/// <summary>One predicted label next to its gold label.</summary>
public sealed record LabelComparison(int Index, string Predicted, string Gold, bool Correct);

/// <summary>Exact-match accuracy with the per-item comparisons.</summary>
/// <param name="Correct">Items whose trimmed prediction equals the trimmed gold label.</param>
/// <param name="Total">Items compared.</param>
/// <param name="Accuracy">Correct / Total (0 for no items).</param>
/// <param name="Items">Every comparison in input order.</param>
public sealed record AccuracyResult(int Correct, int Total, double Accuracy, IReadOnlyList<LabelComparison> Items);

/// <summary>Classification accuracy by exact match.</summary>
public static class LabelAccuracy
{
    /// <summary>
    /// Compares labels pairwise after trimming surrounding whitespace; case and inner text must match exactly.
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static AccuracyResult Compute(IReadOnlyList<string> predicted, IReadOnlyList<string> gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        if (predicted.Count != gold.Count)
        {
            throw new ArgumentException($"There are {predicted.Count} predictions but {gold.Count} gold labels.", nameof(predicted));
        }

        var items = predicted
            .Select((p, i) =>
            {
                var prediction = (p ?? "").Trim();
                var label = (gold[i] ?? "").Trim();
                return new LabelComparison(i, prediction, label, string.Equals(prediction, label, StringComparison.Ordinal));
            })
            .ToList();
        var correct = items.Count(i => i.Correct);
        return new AccuracyResult(correct, items.Count, items.Count == 0 ? 0 : (double)correct / items.Count, items);
    }
}
