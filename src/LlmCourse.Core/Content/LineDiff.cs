namespace LlmCourse.Core.Content;

/// <summary>Whether a line of a diff is in both texts, only the new one, or only the old one.</summary>
public enum DiffKind
{
    Same,
    Added,
    Removed,
}

/// <summary>One line of a diff, with its 1-based line number in the old and/or new text.</summary>
public sealed record DiffLine(DiffKind Kind, int? OldLine, int? NewLine, string Text);

/// <summary>A line diff between two revisions of a file, from their longest common subsequence of lines.</summary>
public static class LineDiff
{
    /// <summary>Above this many cells the quadratic table would be too large; the diff then replaces the changed middle wholesale.</summary>
    private const long MaxCells = 16_000_000;

    /// <summary>The lines of <paramref name="newText"/> compared with <paramref name="oldText"/>, in order; removals come before additions at a change.</summary>
    public static IReadOnlyList<DiffLine> Compute(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var a = SplitLines(oldText);
        var b = SplitLines(newText);

        // A shared head and tail are common in edits and need no table.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffKind.Same, i + 1, i + 1, a[i]));
        }

        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxCells)
        {
            for (var i = 0; i < n; i++)
            {
                result.Add(new DiffLine(DiffKind.Removed, prefix + i + 1, null, a[prefix + i]));
            }

            for (var j = 0; j < m; j++)
            {
                result.Add(new DiffLine(DiffKind.Added, null, prefix + j + 1, b[prefix + j]));
            }
        }
        else
        {
            // lcs[i, j] = length of the LCS of a[prefix+i..] and b[prefix+j..] (suffix-based, so the walk goes forwards).
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    result.Add(new DiffLine(DiffKind.Same, prefix + x + 1, prefix + y + 1, a[prefix + x]));
                    x++;
                    y++;
                }
                else if (y >= m || (x < n && lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    result.Add(new DiffLine(DiffKind.Removed, prefix + x + 1, null, a[prefix + x]));
                    x++;
                }
                else
                {
                    result.Add(new DiffLine(DiffKind.Added, null, prefix + y + 1, b[prefix + y]));
                    y++;
                }
            }
        }

        for (var k = suffix; k > 0; k--)
        {
            result.Add(new DiffLine(DiffKind.Same, a.Length - k + 1, b.Length - k + 1, a[a.Length - k]));
        }

        return result;
    }

    /// <summary>Lines without their terminators; "\r\n", "\n" and "\r" all end a line, and a final terminator adds no empty line.</summary>
    public static string[] SplitLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return text.EndsWith('\n') || text.EndsWith('\r') ? lines[..^1] : lines;
    }
}
