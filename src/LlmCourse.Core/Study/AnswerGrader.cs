using System.Globalization;
using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>How a written answer was accepted, or that it was not.</summary>
public enum WrittenMatch
{
    /// <summary>Not accepted.</summary>
    None,

    /// <summary>Equal to the expected answer after normalisation.</summary>
    Exact,

    /// <summary>Within the typo allowance of the expected answer.</summary>
    Typo,

    /// <summary>Contains every key term of the expected answer (only when key terms are allowed).</summary>
    KeyTerms,
}

/// <summary>The verdict on one written answer.</summary>
/// <param name="Correct">Whether the answer is accepted.</param>
/// <param name="Match">How it was accepted.</param>
/// <param name="Distance">Edit distance between the normalised answer and the normalised expected answer.</param>
/// <param name="Expected">The answer the learner was graded against, as authored (to show at review).</param>
public sealed record WrittenAnswerGrade(bool Correct, WrittenMatch Match, int Distance, string Expected);

/// <summary>
/// Lenient grading of typed answers against a card's <see cref="Card.ShortAnswer"/>.
/// </summary>
/// <remarks>
/// <para>Both the answer and the expected text are normalised first: Unicode compatibility forms are folded and
/// accents dropped (NFKD, combining marks removed, so "café" = "cafe" and "ﬁne" = "fine"); letters are
/// lower-cased; punctuation becomes a space; a symbol (+ = &lt; …) stands as its own word; runs of whitespace
/// become one space; the ends are trimmed; and a
/// leading article "a", "an" or "the" is dropped.</para>
/// <para>The answer is accepted when the normalised texts are equal, or when their optimal-string-alignment
/// distance (Damerau–Levenshtein with adjacent transpositions, each edit costing 1) is within the allowance set
/// by the expected text's normalised length: 1 edit up to 8 characters, 2 up to 20, and 10 % of the length
/// (rounded down) beyond that. Two guards keep the leniency from accepting a different answer: expected
/// answers of 3 characters or fewer must match exactly, and the numbers in both texts must be the same
/// (so "0.9" never accepts "0.8").</para>
/// <para>The learner may also type the card's full answer text (<see cref="Card.AnswerText"/>) under the same
/// rule. With <c>allowKeyTerms</c> the answer is also accepted when it contains, in any order, every key term of
/// the short answer: each word of 4 or more letters that is not a common function word, matched with the
/// word-length allowance above.</para>
/// </remarks>
public static class AnswerGrader
{
    private static readonly HashSet<string> _articles = ["a", "an", "the"];

    // Latin letters with diacritics and ligatures, lower case, to plain ASCII: the fold NFKD plus dropping combining
    // marks gives (generated from the Unicode data for U+00C0..U+024F and U+FB00..U+FB06). Needed because the
    // projects run with InvariantGlobalization, where string.Normalize leaves non-ASCII text unchanged.
    private const string _foldFrom =
        "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžſơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳøđħłŧıðŋƀ";

    private const string _foldTo =
        "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzsouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyodhltidnb";

    private static readonly Dictionary<char, string> _folds = BuildFolds();

    private static readonly HashSet<string> _stopWords =
    [
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "from", "at", "as", "is", "are",
        "be", "it", "its", "that", "this", "these", "those", "into", "than", "then", "which", "what", "when", "where",
        "their", "there", "them", "they", "also", "more", "most", "some", "such", "each", "other", "over", "about",
    ];

    /// <summary>Grades a typed answer to <paramref name="card"/>.</summary>
    /// <param name="allowKeyTerms">Also accept an answer holding every key term of the short answer, in any order.</param>
    public static WrittenAnswerGrade Grade(string? answer, Card card, bool allowKeyTerms = false)
    {
        ArgumentNullException.ThrowIfNull(card);
        var given = Normalize(answer);
        var expected = Normalize(card.ShortAnswer);
        var distance = Distance(given, expected);

        if (given.Length == 0)
        {
            return new WrittenAnswerGrade(false, WrittenMatch.None, distance, card.ShortAnswer);
        }

        var match = Compare(given, expected, distance);
        if (match == WrittenMatch.None && !string.IsNullOrWhiteSpace(card.AnswerText))
        {
            var full = Normalize(card.AnswerText);
            match = Compare(given, full, Distance(given, full));
        }

        if (match == WrittenMatch.None && allowKeyTerms && ContainsKeyTerms(given, expected))
        {
            match = WrittenMatch.KeyTerms;
        }

        return new WrittenAnswerGrade(match != WrittenMatch.None, match, distance, card.ShortAnswer);
    }

    /// <summary>Whether <paramref name="answer"/> matches <paramref name="expected"/> under the rule above.</summary>
    public static bool IsAccepted(string? answer, string expected)
    {
        var given = Normalize(answer);
        var target = Normalize(expected);
        return given.Length > 0 && Compare(given, target, Distance(given, target)) != WrittenMatch.None;
    }

    /// <summary>The normal form both sides are compared in (see the class remarks).</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var raw in decomposed)
        {
            // Full-width ASCII forms (U+FF01..U+FF5E) read as their ASCII letters, digits and signs.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            // A symbol stands as its own word, so "p=0.9" and "p = 0.9" read the same.
            var isSymbol = char.IsSymbol(c);
            if ((pendingSpace || isSymbol) && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }

            pendingSpace = isSymbol;
            var lower = char.ToLowerInvariant(c);
            if (_folds.TryGetValue(lower, out var folded))
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(lower);
            }
        }

        var normal = builder.ToString();
        var firstSpace = normal.IndexOf(' ', StringComparison.Ordinal);
        return firstSpace > 0 && _articles.Contains(normal[..firstSpace]) ? normal[(firstSpace + 1)..] : normal;
    }

    /// <summary>Edits allowed for an expected answer of this normalised length.</summary>
    public static int Allowance(int expectedLength) => expectedLength switch
    {
        <= 3 => 0,
        <= 8 => 1,
        <= 20 => 2,
        _ => expectedLength / 10,
    };

    /// <summary>
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of adjacent characters,
    /// each costing 1 (the restricted Damerau–Levenshtein distance).
    /// </summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        // Three rolling rows are enough: a transposition looks back two rows.
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, previous2[j - 2] + 1);
                }

                current[j] = best;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static Dictionary<char, string> BuildFolds()
    {
        var folds = new Dictionary<char, string>
        {
            ['ĳ'] = "ij", ['ǆ'] = "dz", ['ǉ'] = "lj", ['ǌ'] = "nj", ['ǳ'] = "dz", ['ﬀ'] = "ff", ['ﬁ'] = "fi", ['ﬂ'] = "fl",
            ['ﬃ'] = "ffi", ['ﬄ'] = "ffl", ['ﬅ'] = "st", ['ﬆ'] = "st", ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['þ'] = "th",
        };
        for (var i = 0; i < _foldFrom.Length; i++)
        {
            folds[_foldFrom[i]] = _foldTo[i].ToString();
        }

        return folds;
    }

    private static WrittenMatch Compare(string given, string expected, int distance)
    {
        if (string.Equals(given, expected, StringComparison.Ordinal))
        {
            return WrittenMatch.Exact;
        }

        if (expected.Length == 0 || !SameNumbers(given, expected))
        {
            return WrittenMatch.None;
        }

        return distance <= Allowance(expected.Length) ? WrittenMatch.Typo : WrittenMatch.None;
    }

    private static bool SameNumbers(string a, string b) => Numbers(a).SequenceEqual(Numbers(b), StringComparer.Ordinal);

    private static List<string> Numbers(string text)
    {
        var numbers = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isDigit = i < text.Length && char.IsDigit(text[i]);
            if (isDigit && start < 0)
            {
                start = i;
            }
            else if (!isDigit && start >= 0)
            {
                numbers.Add(text[start..i]);
                start = -1;
            }
        }

        return numbers;
    }

    private static bool ContainsKeyTerms(string given, string expected)
    {
        var terms = expected.Split(' ').Where(w => w.Length >= 4 && !_stopWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            return false;
        }

        var words = given.Split(' ');
        return terms.All(term => words.Any(word =>
            SameNumbers(word, term) && Distance(word, term) <= Allowance(term.Length)));
    }
}
