namespace LlmCourse.Core.Content;

/// <summary>A use of a glossary term in a run of text.</summary>
/// <param name="Start">Index of its first character.</param>
/// <param name="Length">How many characters it covers (a plural "s" included).</param>
internal readonly record struct GlossaryMatch(int Start, int Length, GlossaryTerm Term);

/// <summary>
/// Finds the glossary's terms and aliases in plain text: whole words only, the longest name first at each position,
/// never overlapping, and an "s" after a name that ends in a letter (plurals: "n-grams", "LLMs") still counts.
/// A name with a capital after its first letter (an acronym or a spelling like "LoRA", "BIG-bench") must match
/// its case exactly, so "GLUE" finds the benchmark but not "glue"; every other name matches ignoring case.
/// </summary>
/// <remarks>
/// A word character is a letter, digit or underscore. A hyphen between two word characters joins them into one
/// word, so "fine-tuning" is not found inside "fine-tuning-based", nor "top-p" inside "non-top-p". A space in a name
/// matches any one whitespace character (a Markdown line break inside a paragraph included).
/// </remarks>
internal sealed class GlossaryMatcher
{
    private readonly Dictionary<char, Name[]> _byFirstLetter;

    public GlossaryMatcher(IEnumerable<GlossaryTerm> terms)
    {
        var names = new List<Name>();
        foreach (var term in terms)
        {
            foreach (var text in term.Aliases.Prepend(term.Term).Distinct(StringComparer.Ordinal))
            {
                if (text.Length > 0 && IsWordChar(text[0]) && IsWordChar(text[^1]))
                {
                    names.Add(new Name(text, term, IsCaseSensitive(text)));
                }
            }
        }

        _byFirstLetter = names
            .GroupBy(n => char.ToLowerInvariant(n.Text[0]))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.Text.Length).ThenBy(n => n.Text, StringComparer.Ordinal).ToArray());
    }

    public bool IsEmpty => _byFirstLetter.Count == 0;

    /// <summary>Whether a name is matched with its exact case: it has a capital letter after its first character.</summary>
    public static bool IsCaseSensitive(string name) => name.Skip(1).Any(char.IsUpper);

    /// <summary>Every use of a term in <paramref name="text"/>, left to right, longest first, none overlapping.</summary>
    public IReadOnlyList<GlossaryMatch> Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<GlossaryMatch>();
        var i = 0;
        while (i < text.Length)
        {
            if (StartsWord(text, i)
                && _byFirstLetter.TryGetValue(char.ToLowerInvariant(text[i]), out var names)
                && Longest(text, i, names) is { } match)
            {
                found.Add(match);
                i += match.Length;
                continue;
            }

            i++;
        }

        return found;
    }

    private static GlossaryMatch? Longest(string text, int start, Name[] names)
    {
        foreach (var name in names)
        {
            if (!Matches(text, start, name))
            {
                continue;
            }

            var end = start + name.Text.Length;
            if (EndsWord(text, end))
            {
                return new GlossaryMatch(start, name.Text.Length, name.Term);
            }

            if (char.IsLetter(name.Text[^1]) && end < text.Length && text[end] == 's' && EndsWord(text, end + 1))
            {
                return new GlossaryMatch(start, name.Text.Length + 1, name.Term);
            }
        }

        return null;
    }

    private static bool Matches(string text, int start, Name name)
    {
        if (start + name.Text.Length > text.Length)
        {
            return false;
        }

        for (var k = 0; k < name.Text.Length; k++)
        {
            var expected = name.Text[k];
            var actual = text[start + k];
            var same = expected == ' '
                ? char.IsWhiteSpace(actual)
                : expected == actual || (!name.CaseSensitive && char.ToLowerInvariant(expected) == char.ToLowerInvariant(actual));
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWord(string text, int i) =>
        IsWordChar(text[i]) && (i == 0 || (!IsWordChar(text[i - 1]) && !(IsJoiner(text[i - 1]) && i >= 2 && IsWordChar(text[i - 2]))));

    private static bool EndsWord(string text, int end) =>
        end == text.Length || (!IsWordChar(text[end]) && !(IsJoiner(text[end]) && end + 1 < text.Length && IsWordChar(text[end + 1])));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    // Hyphen-minus and the non-breaking hyphen authors sometimes paste in.
    private static bool IsJoiner(char c) => c is '-' or '\u2011';

    private sealed record Name(string Text, GlossaryTerm Term, bool CaseSensitive);
}
