using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Lab;

/// <summary>
/// The word tokenizer of the lab's n-gram model: lower-case words (letters/digits, with inner apostrophes)
/// and one token per punctuation character; sentences end after <c>.</c>, <c>!</c> or <c>?</c>.
/// </summary>
public static partial class LabTokenizer
{
    /// <summary>Padding token before the first word of a sentence; never produced as a prediction.</summary>
    public const string StartToken = "<s>";

    /// <summary>Token that closes a sentence; generation stops when it is drawn.</summary>
    public const string EndToken = "</s>";

    private static readonly HashSet<string> _sentenceTerminators = [".", "!", "?"];

    // Punctuation characters never join words, so "<" ">" "/" come out alone and cannot spell "<s>".
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex TokenRegex();

    /// <summary>Lower-cases <paramref name="text"/> and splits it into word and punctuation tokens.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant().Replace('’', '\'');
        return TokenRegex().Matches(lower).Select(m => m.Value).ToList();
    }

    /// <summary>True when <paramref name="token"/> ends a sentence (<c>. ! ?</c>).</summary>
    public static bool IsSentenceTerminator(string token) => _sentenceTerminators.Contains(token);

    /// <summary>
    /// Splits <paramref name="text"/> into sentences of tokens; the terminator stays in its sentence and a
    /// trailing unfinished sentence is kept too.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> SplitSentences(string text)
    {
        var sentences = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var token in Tokenize(text))
        {
            current.Add(token);
            if (IsSentenceTerminator(token))
            {
                sentences.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            sentences.Add(current);
        }

        return sentences;
    }

    /// <summary>Joins tokens into readable text: no space before closing punctuation or after opening.</summary>
    public static string Detokenize(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var builder = new StringBuilder();
        var previous = "";
        foreach (var token in tokens)
        {
            if (token is StartToken or EndToken)
            {
                continue;
            }

            var glue = builder.Length == 0 || IsClosing(token) || previous is "(" or "[" or "{" or "-";
            if (!glue)
            {
                builder.Append(' ');
            }

            builder.Append(token);
            previous = token;
        }

        return builder.ToString();
    }

    private static bool IsClosing(string token) =>
        token is "." or "," or "!" or "?" or ";" or ":" or ")" or "]" or "}" or "%" or "-";
}
