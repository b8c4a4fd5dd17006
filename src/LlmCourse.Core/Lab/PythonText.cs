using System.Globalization;
using System.Text;

namespace LlmCourse.Core.Lab;

/// <summary>
/// The few Python <c>str</c> behaviours sacreBLEU's results depend on, so that scores agree on any text:
/// what counts as whitespace for <c>split()</c> and <c>rstrip()</c>, <c>lower()</c>, and iteration by code point.
/// </summary>
internal static class PythonText
{
    /// <summary>
    /// Python's <c>str.isspace</c> for one UTF-16 unit (every Python whitespace character is in the BMP): .NET's
    /// whitespace plus the four information separators U+001C–U+001F, which Python splits on and .NET does not.
    /// </summary>
    public static bool IsWhitespace(char c) => c is >= '\u001c' and <= '\u001f' || char.IsWhiteSpace(c);

    /// <summary><c>str.split()</c> with no argument: runs of whitespace separate, empty pieces are dropped.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsWhitespace(text[i]))
            {
                if (start >= 0)
                {
                    pieces.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            pieces.Add(text[start..]);
        }

        return pieces;
    }

    /// <summary><c>' '.join(text.split())</c>: whitespace collapsed to single spaces, ends trimmed.</summary>
    public static string CollapseWhitespace(string text) => string.Join(' ', Split(text));

    /// <summary><c>''.join(text.split())</c>: every whitespace character removed.</summary>
    public static string RemoveWhitespace(string text) => string.Concat(Split(text));

    /// <summary><c>str.rstrip()</c>.</summary>
    public static string TrimEnd(string text)
    {
        var end = text.Length;
        while (end > 0 && IsWhitespace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    /// <summary>
    /// The code points of <paramref name="text"/> as Python sees them: a surrogate pair is one code point, and a
    /// lone surrogate (which Python strings can also hold) is kept as itself rather than replaced.
    /// </summary>
    public static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                points.Add(text[i]);
            }
        }

        return [.. points];
    }

    /// <summary>Appends one code point, writing a lone surrogate back as the single unit it came from.</summary>
    public static StringBuilder AppendCodePoint(this StringBuilder builder, int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF
            ? builder.Append((char)codePoint)
            : builder.Append(char.ConvertFromUtf32(codePoint));

    /// <summary>
    /// <c>str.lower()</c>: Unicode's default lower-case mapping. That is the simple per-code-point mapping (.NET's
    /// invariant casing) plus the two rules Python applies beyond it: İ (U+0130) becomes "i̇" (two code points),
    /// and a capital sigma at the end of a word becomes the final form ς (Unicode's Final_Sigma context).
    /// </summary>
    public static string Lower(string text)
    {
        var points = CodePoints(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            switch (point)
            {
                case 0x0130:
                    builder.Append("i\u0307");
                    break;
                case 0x03A3:
                    builder.Append(IsFinalSigma(points, i) ? 'ς' : 'σ');
                    break;
                case >= 0xD800 and <= 0xDFFF:
                    builder.Append((char)point);
                    break;
                default:
                    builder.Append(Rune.ToLowerInvariant(new Rune(point)).ToString());
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Unicode general category of a code point (lone surrogates report Surrogate).</summary>
    public static UnicodeCategory Category(int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF ? UnicodeCategory.Surrogate : CharUnicodeInfo.GetUnicodeCategory(codePoint);

    // Final_Sigma (Unicode 3.13, table 3-17): a cased letter before (skipping case-ignorable characters) and no
    // cased letter after (skipping them too). CPython's lower() implements exactly this context.
    private static bool IsFinalSigma(int[] points, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(points[before]))
        {
            before--;
        }

        if (before < 0 || !IsCased(points[before]))
        {
            return false;
        }

        var after = index + 1;
        while (after < points.Length && IsCaseIgnorable(points[after]))
        {
            after++;
        }

        return after == points.Length || !IsCased(points[after]);
    }

    // Cased: letters with case, plus the Other_Lowercase/Other_Uppercase characters that are not letters
    // (ordinal indicators, Roman numerals, circled letters).
    private static bool IsCased(int point) =>
        Category(point) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || point is 0x00AA or 0x00BA or (>= 0x2160 and <= 0x217F) or (>= 0x24B6 and <= 0x24E9);

    // Case-ignorable: marks, format characters, modifier letters and symbols, and the word-internal punctuation
    // of Word_Break MidLetter, MidNumLet and Single_Quote.
    private static bool IsCaseIgnorable(int point) =>
        Category(point) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || point is '\'' or '.' or ':' or 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
