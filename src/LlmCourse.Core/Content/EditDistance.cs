namespace LlmCourse.Core.Content;

/// <summary>How far apart two words are, for typo-tolerant search.</summary>
public static class EditDistance
{
    /// <summary>
    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two neighbouring
    /// letters each cost one ("tempreature" is one edit from "temperature"). Stops early and returns
    /// <paramref name="max"/> + 1 once the distance must exceed <paramref name="max"/>.
    /// </summary>
    public static int Osa(string a, string b, int max)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        // Three rows of the dynamic-programming table: two back (for swaps), one back, and the current one.
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > max)
            {
                return max + 1;
            }

            (before, previous, current) = (previous, current, before);
        }

        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>
    /// Typos forgiven in a query word of <paramref name="length"/> letters: none up to 3 (too many short words lie one
    /// edit apart), one from 4 to 7, two from 8.
    /// </summary>
    public static int Budget(int length) => length switch
    {
        <= 3 => 0,
        <= 7 => 1,
        _ => 2,
    };
}
