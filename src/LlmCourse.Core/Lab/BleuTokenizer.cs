using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Lab;

/// <summary>sacreBLEU's tokenizers for BLEU (its <c>tokenize</c> option) that need no external model.</summary>
public enum BleuTokenizer
{
    /// <summary>"13a", the default: mteval-v13a.pl's tokenization (punctuation split off, ASCII rules).</summary>
    Mteval13a,

    /// <summary>"intl": mteval-v14.pl's international tokenization on Unicode punctuation and symbols.</summary>
    International,

    /// <summary>"char": every character is a token (for languages written without spaces).</summary>
    Character,

    /// <summary>"none": the text is split on whitespace only.</summary>
    None,
}

/// <summary>
/// The tokenizers of sacrebleu/tokenizers (tokenizer_13a.py, tokenizer_re.py, tokenizer_intl.py,
/// tokenizer_char.py, tokenizer_none.py). Each returns the tokens joined by single spaces, as sacreBLEU's do.
/// </summary>
public static partial class BleuTokenizers
{
    /// <summary>Every tokenizer, in the order a form should offer them (default first).</summary>
    public static IReadOnlyList<BleuTokenizer> All { get; } =
        [BleuTokenizer.Mteval13a, BleuTokenizer.International, BleuTokenizer.Character, BleuTokenizer.None];

    /// <summary>sacreBLEU's name for the tokenizer, as in its signature ("13a", "intl", "char", "none").</summary>
    public static string Name(BleuTokenizer tokenizer) => tokenizer switch
    {
        BleuTokenizer.Mteval13a => "13a",
        BleuTokenizer.International => "intl",
        BleuTokenizer.Character => "char",
        BleuTokenizer.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(tokenizer), tokenizer, "Unknown tokenizer."),
    };

    /// <summary>Reads a sacreBLEU tokenizer name (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? name, out BleuTokenizer tokenizer)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                tokenizer = candidate;
                return true;
            }
        }

        tokenizer = BleuTokenizer.Mteval13a;
        return false;
    }

    /// <summary>Tokenizes one line with <paramref name="tokenizer"/>.</summary>
    public static string Tokenize(string line, BleuTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(line);
        return tokenizer switch
        {
            BleuTokenizer.Mteval13a => Tokenize13a(line),
            BleuTokenizer.International => TokenizeInternational(line),
            BleuTokenizer.Character => TokenizeCharacters(line),
            BleuTokenizer.None => line,
            _ => throw new ArgumentOutOfRangeException(nameof(tokenizer), tokenizer, "Unknown tokenizer."),
        };
    }

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
    /// The 13a tokenizer (mteval-v13a.pl as in tokenizer_13a.py): drop &lt;skipped&gt;, join "-\n" line breaks,
    /// newlines to spaces, unescape &amp;quot; &amp;amp; &amp;lt; &amp;gt;, then split off punctuation, and
    /// collapse whitespace. The rules are ASCII-only, so matching them on UTF-16 units gives the same text as
    /// Python's matching on code points.
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
        return PythonText.CollapseWhitespace(line);
    }

    /// <summary>
    /// The "intl" tokenizer (mteval-v14.pl's international rules as in tokenizer_intl.py), three substitutions
    /// applied in turn, each left to right without overlap: a punctuation character after a non-digit gets a
    /// space either side of the pair's end (<c>(\P{N})(\p{P})</c> → "\1 \2 "); a punctuation character before a
    /// non-digit likewise (<c>(\p{P})(\P{N})</c> → " \1 \2"); every symbol gets spaces around it
    /// (<c>(\p{S})</c> → " \1 "). So "3.14" and "1,000" stay whole, and so does a number ending the line with
    /// a period ("in 2024."), a quirk of mteval-v14 that sacreBLEU keeps. Works on code points, so emoji and
    /// other characters outside the BMP are classified as Python's <c>regex</c> module classifies them.
    /// </summary>
    public static string TokenizeInternational(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var points = PythonText.CodePoints(line);

        // (\P{N})(\p{P}) -> "\1 \2 "
        var first = new List<int>(points.Length * 2);
        for (var i = 0; i < points.Length; i++)
        {
            if (i + 1 < points.Length && !IsNumber(points[i]) && IsPunctuation(points[i + 1]))
            {
                first.AddRange([points[i], ' ', points[i + 1], ' ']);
                i++;
            }
            else
            {
                first.Add(points[i]);
            }
        }

        // (\p{P})(\P{N}) -> " \1 \2"
        var second = new List<int>(first.Count * 2);
        for (var i = 0; i < first.Count; i++)
        {
            if (i + 1 < first.Count && IsPunctuation(first[i]) && !IsNumber(first[i + 1]))
            {
                second.AddRange([' ', first[i], ' ', first[i + 1]]);
                i++;
            }
            else
            {
                second.Add(first[i]);
            }
        }

        // (\p{S}) -> " \1 "
        var builder = new StringBuilder(second.Count * 2);
        foreach (var point in second)
        {
            if (IsSymbol(point))
            {
                builder.Append(' ').AppendCodePoint(point).Append(' ');
            }
            else
            {
                builder.AppendCodePoint(point);
            }
        }

        return PythonText.CollapseWhitespace(builder.ToString());
    }

    /// <summary>The "char" tokenizer: every code point (whitespace included) separated by one space.</summary>
    public static string TokenizeCharacters(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var builder = new StringBuilder(line.Length * 2);
        foreach (var point in PythonText.CodePoints(line))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.AppendCodePoint(point);
        }

        return builder.ToString();
    }

    private static bool IsNumber(int point) => PythonText.Category(point) is
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsPunctuation(int point) => PythonText.Category(point) is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsSymbol(int point) => PythonText.Category(point) is
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
        or UnicodeCategory.OtherSymbol;
}
