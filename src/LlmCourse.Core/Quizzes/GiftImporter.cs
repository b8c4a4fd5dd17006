using System.Globalization;
using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>A problem in a GIFT file, at a 1-based line.</summary>
public sealed record GiftError(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>The quiz file made from a GIFT file, or the errors that stopped it (then <see cref="Markdown"/> is empty).</summary>
public sealed record GiftImportResult(string Markdown, IReadOnlyList<GiftError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Converts Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format, the common subset) to a quiz file
/// in the format of docs/authoring.md: multiple choice, multiple answers (positive weights are correct),
/// true/false, short answer, numeric (tolerance and ranges), matching, titles, comments, per-answer and
/// general feedback, escapes and <c>$CATEGORY</c> lines. Questions are separated by blank lines.
/// </summary>
public static class GiftImporter
{
    private const string Blank = "_____";

    /// <summary>Imports <paramref name="gift"/> as a quiz titled <paramref name="quizTitle"/>.</summary>
    public static GiftImportResult Import(string gift, string quizTitle)
    {
        ArgumentNullException.ThrowIfNull(gift);
        ArgumentNullException.ThrowIfNull(quizTitle);
        var errors = new List<GiftError>();
        var questions = new List<GiftQuestion>();
        foreach (var chunk in Chunks(gift))
        {
            try
            {
                questions.Add(ParseQuestion(chunk));
            }
            catch (GiftException e)
            {
                errors.Add(new GiftError(e.Line, e.Message));
            }
        }

        if (questions.Count == 0 && errors.Count == 0)
        {
            errors.Add(new GiftError(1, "The file holds no questions."));
        }

        return errors.Count > 0 ? new GiftImportResult("", errors) : new GiftImportResult(Write(quizTitle, questions), []);
    }

    // ---- Splitting into questions ----

    private readonly record struct Ch(char C, bool Escaped, int Line);

    private static IEnumerable<List<Ch>> Chunks(string gift)
    {
        var lines = gift.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new List<(string Text, int Line)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (trimmed.Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return Tokenize(current);
                    current = [];
                }

                continue;
            }

            current.Add((lines[i], i + 1));
        }

        if (current.Count > 0)
        {
            yield return Tokenize(current);
        }
    }

    private static List<Ch> Tokenize(List<(string Text, int Line)> lines)
    {
        var result = new List<Ch>();
        foreach (var (text, line) in lines)
        {
            if (result.Count > 0)
            {
                result.Add(new Ch('\n', false, line));
            }

            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && @":~=#{}\n".Contains(text[i + 1], StringComparison.Ordinal))
                {
                    result.Add(new Ch(text[i + 1] == 'n' ? '\n' : text[i + 1], true, line));
                    i++;
                }
                else
                {
                    result.Add(new Ch(text[i], false, line));
                }
            }
        }

        return result;
    }

    // ---- One question ----

    private sealed record GiftAnswer(string Text, bool Correct, string? Feedback);

    private sealed record GiftQuestion(string? Title, string Text, QuestionType Type, IReadOnlyList<GiftAnswer> Answers, string? Explanation, int Line);

    private sealed class GiftException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    private static GiftQuestion ParseQuestion(List<Ch> chars)
    {
        var firstLine = chars[0].Line;
        var pos = SkipSpace(chars, 0);
        string? title = null;
        if (StartsWith(chars, pos, "::"))
        {
            var end = Find(chars, "::", pos + 2);
            if (end < 0)
            {
                throw new GiftException(chars[pos].Line, "The question title '::…' is not closed with '::'.");
            }

            title = Text(chars, pos + 2, end).Trim();
            pos = end + 2;
        }

        var open = Find(chars, "{", pos);
        if (open < 0)
        {
            throw new GiftException(firstLine, "The question has no answer block '{…}'.");
        }

        var close = Find(chars, "}", open + 1);
        var nestedOpen = Find(chars, "{", open + 1);
        if (close < 0 || (nestedOpen >= 0 && nestedOpen < close))
        {
            throw new GiftException(chars[open].Line, "The answer block '{' is not closed with '}'.");
        }

        if (Find(chars, "{", close + 1) is var extra and >= 0)
        {
            throw new GiftException(chars[extra].Line, "A question may have only one answer block '{…}'.");
        }

        var before = StripFormat(Text(chars, pos, open).Trim());
        var after = Text(chars, close + 1, chars.Count).Trim();
        var text = after.Length > 0 ? $"{before} {Blank} {after}".Trim() : before;
        if (text.Length == 0)
        {
            throw new GiftException(firstLine, "The question has no text.");
        }

        var block = chars.GetRange(open + 1, close - open - 1);
        string? explanation = null;
        var general = Find(block, "####", 0);
        if (general >= 0)
        {
            explanation = StripFormat(Text(block, general + 4, block.Count).Trim());
            block = block.GetRange(0, general);
        }

        var blockLine = chars[open].Line;
        var (type, answers) = ParseAnswers(block, blockLine);
        return new GiftQuestion(title, text, type, answers, string.IsNullOrEmpty(explanation) ? null : explanation, firstLine);
    }

    private static (QuestionType Type, List<GiftAnswer> Answers) ParseAnswers(List<Ch> block, int blockLine)
    {
        var start = SkipSpace(block, 0);
        if (start >= block.Count)
        {
            throw new GiftException(blockLine, "The answer block is empty: give answers with '=' or '~' (essay questions are not supported).");
        }

        if (block[start] is { C: '#', Escaped: false })
        {
            return (QuestionType.Numeric, [ParseNumeric(block.GetRange(start + 1, block.Count - start - 1), block[start].Line)]);
        }

        if (TryTrueFalse(block, start) is { } trueFalse)
        {
            return (QuestionType.TrueFalse, trueFalse);
        }

        var raw = SplitAnswers(block, start, blockLine);
        if (raw.All(a => a.Marker == '=' && Find(a.Body, "->", 0) >= 0))
        {
            return (QuestionType.Matching, raw.Select(a => MatchingAnswer(a.Body, a.Line)).ToList());
        }

        if (raw.Any(a => Find(a.Body, "->", 0) >= 0) && raw.All(a => a.Marker == '='))
        {
            throw new GiftException(raw.First(a => Find(a.Body, "->", 0) < 0).Line, "In a matching question every answer needs the form '=left -> right'.");
        }

        var parsed = raw.Select(a => (a.Marker, a.Line, Answer: ParseWeighted(a.Body, a.Line))).ToList();
        foreach (var (_, line, answer) in parsed)
        {
            if (answer.Text.Length == 0)
            {
                throw new GiftException(line, "An answer is empty.");
            }
        }

        if (parsed.All(p => p.Marker == '='))
        {
            // Short answer: our short-text questions are all-or-nothing, so only full-credit answers are kept.
            var accepted = parsed.Where(p => p.Answer.Weight is null or >= 100).Select(p => new GiftAnswer(p.Answer.Text, true, null)).ToList();
            if (accepted.Count == 0)
            {
                throw new GiftException(blockLine, "A short-answer question needs at least one answer worth full marks.");
            }

            return (QuestionType.ShortText, accepted);
        }

        var choices = parsed
            .Select(p => new GiftAnswer(p.Answer.Text, p.Answer.Weight is { } w ? w > 0 : p.Marker == '=', p.Answer.Feedback))
            .ToList();
        var correct = choices.Count(c => c.Correct);
        if (correct == 0)
        {
            throw new GiftException(blockLine, "A multiple-choice question needs a correct answer ('=' or a positive '~%n%' weight).");
        }

        var duplicate = choices.GroupBy(c => c.Text, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GiftException(blockLine, $"The answer '{duplicate.Key}' appears twice.");
        }

        var weighted = parsed.Any(p => p.Marker == '~' && p.Answer.Weight is > 0);
        return (correct > 1 || weighted ? QuestionType.MultipleAnswers : QuestionType.SingleChoice, choices);
    }

    private static List<GiftAnswer>? TryTrueFalse(List<Ch> block, int start)
    {
        var hash = Find(block, "#", start);
        var head = Text(block, start, hash < 0 ? block.Count : hash).Trim().ToUpperInvariant();
        bool truth;
        switch (head)
        {
            case "T" or "TRUE":
                truth = true;
                break;
            case "F" or "FALSE":
                truth = false;
                break;
            default:
                return null;
        }

        // GIFT: the first feedback is shown for a wrong answer, the second for a right one.
        string? wrongFeedback = null, rightFeedback = null;
        if (hash >= 0)
        {
            var second = Find(block, "#", hash + 1);
            wrongFeedback = NullIfEmpty(Text(block, hash + 1, second < 0 ? block.Count : second).Trim());
            rightFeedback = second < 0 ? null : NullIfEmpty(Text(block, second + 1, block.Count).Trim());
        }

        return
        [
            new GiftAnswer("True", truth, truth ? rightFeedback : wrongFeedback),
            new GiftAnswer("False", !truth, truth ? wrongFeedback : rightFeedback),
        ];
    }

    private static List<(char Marker, List<Ch> Body, int Line)> SplitAnswers(List<Ch> block, int start, int blockLine)
    {
        if (block[start] is not { Escaped: false, C: '=' or '~' })
        {
            throw new GiftException(block[start].Line, "Each answer must start with '=' (right) or '~' (wrong).");
        }

        var answers = new List<(char, List<Ch>, int)>();
        var i = start;
        while (i < block.Count)
        {
            var marker = block[i].C;
            var line = block[i].Line;
            var j = i + 1;

            // '->' of a matching pair is not a marker; '=' only starts an answer when not part of it.
            while (j < block.Count && !(block[j] is { Escaped: false, C: '=' or '~' }))
            {
                j++;
            }

            answers.Add((marker, block.GetRange(i + 1, j - i - 1), line));
            i = j;
        }

        return answers.Count > 0 ? answers : throw new GiftException(blockLine, "The answer block has no answers.");
    }

    private sealed record Weighted(string Text, double? Weight, string? Feedback);

    private static Weighted ParseWeighted(List<Ch> body, int line)
    {
        var start = SkipSpace(body, 0);
        double? weight = null;
        if (start < body.Count && body[start] is { C: '%', Escaped: false })
        {
            var end = Find(body, "%", start + 1);
            if (end < 0 || !double.TryParse(Text(body, start + 1, end), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w))
            {
                throw new GiftException(line, "An answer weight must look like %50%.");
            }

            weight = w;
            start = end + 1;
        }

        var hash = Find(body, "#", start);
        var text = Collapse(Text(body, start, hash < 0 ? body.Count : hash));
        var feedback = hash < 0 ? null : NullIfEmpty(Text(body, hash + 1, body.Count).Trim());
        return new Weighted(text, weight, feedback);
    }

    private static GiftAnswer MatchingAnswer(List<Ch> body, int line)
    {
        var hash = Find(body, "#", 0);
        var pair = hash < 0 ? body : body.GetRange(0, hash);
        var arrow = Find(pair, "->", 0);
        var left = Collapse(Text(pair, 0, arrow));
        var right = Collapse(Text(pair, arrow + 2, pair.Count));
        if (left.Length == 0 || right.Length == 0)
        {
            throw new GiftException(line, "A matching pair needs text on both sides of '->'.");
        }

        return new GiftAnswer($"{left} -> {right}", true, null);
    }

    private static GiftAnswer ParseNumeric(List<Ch> body, int line)
    {
        var start = SkipSpace(body, 0);
        string answer;
        if (start < body.Count && body[start] is { C: '=', Escaped: false })
        {
            // Several answers: keep the one worth full marks (our numeric questions have one answer).
            var full = SplitAnswers(body, start, line)
                .Select(a => (a.Line, Answer: ParseWeighted(a.Body, a.Line)))
                .FirstOrDefault(a => a.Answer.Weight is null or >= 100);
            if (full.Answer is null)
            {
                throw new GiftException(line, "A numeric question needs an answer worth full marks.");
            }

            (line, answer) = (full.Line, full.Answer.Text);
        }
        else
        {
            var hash = Find(body, "#", start);
            answer = Collapse(Text(body, start, hash < 0 ? body.Count : hash));
        }

        var (value, tolerance) = ParseNumber(answer, line);
        return new GiftAnswer($"{Format(value)} ± {Format(tolerance)}", true, null);
    }

    private static (double Value, double Tolerance) ParseNumber(string answer, int line)
    {
        if (answer.Length == 0)
        {
            throw new GiftException(line, "The numeric answer is empty.");
        }

        var range = answer.Split("..", StringSplitOptions.TrimEntries);
        if (range.Length == 2)
        {
            if (Number(range[0]) is { } min && Number(range[1]) is { } max && min <= max)
            {
                return ((min + max) / 2, (max - min) / 2);
            }

            throw new GiftException(line, $"'{answer}' is not a numeric range 'min..max'.");
        }

        var parts = answer.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length <= 2 && Number(parts[0]) is { } value)
        {
            if (parts.Length == 1)
            {
                return (value, 0);
            }

            if (Number(parts[1]) is { } tolerance and >= 0)
            {
                return (value, tolerance);
            }
        }

        throw new GiftException(line, $"'{answer}' is not a numeric answer 'value', 'value:tolerance' or 'min..max'.");
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : null;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // ---- Writing Markdown ----

    private static string Write(string quizTitle, List<GiftQuestion> questions)
    {
        var md = new StringBuilder();
        md.Append("---\nkind: quiz\ntitle: ").Append(ContentRules.YamlString(quizTitle)).Append("\n---\n");
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in questions)
        {
            var id = UniqueId(Slug(q.Title ?? q.Text), used, questions.IndexOf(q) + 1);
            var lines = q.Text.Split('\n').Select(l => l.Trim()).ToList();
            var heading = lines[0].Length > 0 ? lines[0] : q.Title ?? id;
            md.Append("\n## ").Append(EscapeInline(heading)).Append(" {#").Append(id).Append(" type=").Append(ContentRules.QuestionTypeName(q.Type)).Append("}\n");
            var rest = string.Join('\n', lines.Skip(1).Select(EscapeLineStart)).Trim();
            if (rest.Length > 0)
            {
                md.Append('\n').Append(rest).Append('\n');
            }

            md.Append('\n');
            foreach (var a in q.Answers)
            {
                md.Append(q.Type switch
                {
                    QuestionType.SingleChoice or QuestionType.MultipleAnswers or QuestionType.TrueFalse => a.Correct ? "- [x] " : "- [ ] ",
                    _ => "- ",
                });
                md.Append(EscapeInline(a.Text)).Append('\n');
                if (a.Feedback is { } feedback)
                {
                    md.Append("  > ").Append(EscapeInline(Collapse(feedback))).Append('\n');
                }
            }

            if (q.Explanation is { } explanation)
            {
                md.Append("\n### Explanation\n\n").Append(string.Join('\n', explanation.Split('\n').Select(l => EscapeLineStart(l.Trim())))).Append('\n');
            }
        }

        return md.ToString();
    }

    /// <summary>Lower-case ASCII letters and digits joined by hyphens, at most 60 characters.</summary>
    internal static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            // The site runs with invariant globalization, where Unicode decomposition is unavailable,
            // so common Latin accented letters are folded by table.
            var folded = FoldAccent(ch);
            if (char.IsAsciiLetterOrDigit(folded))
            {
                slug.Append(folded);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > 60 ? result[..60].TrimEnd('-') : result;
    }

    private static char FoldAccent(char ch)
    {
        const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿ";
        const string Plain = "aaaaaaceeeeiiiinoooooouuuuyy";
        var index = Accented.IndexOf(ch, StringComparison.Ordinal);
        return index >= 0 ? Plain[index] : ch;
    }

    private static string UniqueId(string slug, HashSet<string> used, int number)
    {
        var id = slug.Length > 0 ? slug : $"question-{number}";
        var candidate = id;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }

    // Braces would be read as the heading's {#id}; keep them literal.
    private static string EscapeInline(string text) =>
        text.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);

    // A prompt line that starts like a list, quote or heading would change the question's structure.
    private static string EscapeLineStart(string line)
    {
        line = EscapeInline(line);
        if (line.Length > 0 && "#->+*".Contains(line[0], StringComparison.Ordinal))
        {
            return "\\" + line;
        }

        return line.Length > 1 && char.IsAsciiDigit(line[0]) && line.TrimStart("0123456789".ToCharArray()) is ['.' or ')', ..]
            ? line.Insert(line.IndexOfAny(['.', ')']), "\\")
            : line;
    }

    // ---- Small helpers over the escaped character list ----

    private static int SkipSpace(List<Ch> chars, int i)
    {
        while (i < chars.Count && !chars[i].Escaped && char.IsWhiteSpace(chars[i].C))
        {
            i++;
        }

        return i;
    }

    private static bool StartsWith(List<Ch> chars, int at, string text)
    {
        if (at + text.Length > chars.Count)
        {
            return false;
        }

        for (var k = 0; k < text.Length; k++)
        {
            if (chars[at + k].Escaped || chars[at + k].C != text[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Index of the first unescaped occurrence of <paramref name="text"/> at or after <paramref name="from"/>, or −1.</summary>
    private static int Find(List<Ch> chars, string text, int from)
    {
        for (var i = Math.Max(0, from); i <= chars.Count - text.Length; i++)
        {
            if (StartsWith(chars, i, text))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Text(List<Ch> chars, int from, int to)
    {
        var builder = new StringBuilder(Math.Max(0, to - from));
        for (var i = from; i < to; i++)
        {
            builder.Append(chars[i].C);
        }

        return builder.ToString();
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    // GIFT text may begin with a format marker such as [markdown] or [html].
    private static string StripFormat(string text)
    {
        foreach (var marker in (string[])["[markdown]", "[html]", "[plain]", "[moodle]"])
        {
            if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return text[marker.Length..].TrimStart();
            }
        }

        return text;
    }
}
