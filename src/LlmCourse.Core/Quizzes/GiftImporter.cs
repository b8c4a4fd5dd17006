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
/// Converts Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format) to a quiz file in the format of
/// docs/authoring.md, reading it as Moodle's importer does (question/format/gift/format.php, checked against its
/// tests in question/format/gift/tests/giftformat_test.php): multiple choice, multiple answers (positive weights are
/// correct), true/false, short answer, numeric (tolerance, ranges, a wrong-answer clause), matching (with distractors),
/// essay (<c>{}</c>, graded by the instructor), titles, <c>[id:…]</c> in comments, per-answer and general feedback,
/// the format markers <c>[moodle]</c>, <c>[html]</c>, <c>[plain]</c> and <c>[markdown]</c> on every text that takes
/// one, escapes and <c>$CATEGORY</c> lines. Questions are separated by blank lines.
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
                questions.Add(ParseQuestion(chunk.Chars, chunk.IdNumber));
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

    private sealed record Chunk(List<Ch> Chars, string? IdNumber);

    private static IEnumerable<Chunk> Chunks(string gift)
    {
        var lines = gift.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new List<(string Text, int Line)>();
        string? idNumber = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                // Moodle reads a question's idnumber from "[id:…]" in the comments before it.
                idNumber = IdNumberIn(trimmed) ?? idNumber;
                continue;
            }

            if (trimmed.StartsWith("$CATEGORY:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (trimmed.Length == 0)
            {
                if (current.Count > 0)
                {
                    yield return new Chunk(Tokenize(current), idNumber);
                    current = [];
                }

                idNumber = null;
                continue;
            }

            current.Add((lines[i], i + 1));
        }

        if (current.Count > 0)
        {
            yield return new Chunk(Tokenize(current), idNumber);
        }
    }

    /// <summary>The idnumber in <c>[id:…]</c> on a comment line (<c>\]</c> escapes a bracket), trimmed; null when there is none.</summary>
    internal static string? IdNumberIn(string comment)
    {
        var start = comment.IndexOf("[id:", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var value = new StringBuilder();
        for (var i = start + 4; i < comment.Length; i++)
        {
            if (comment[i] == '\\' && i + 1 < comment.Length && comment[i + 1] == ']')
            {
                value.Append(']');
                i++;
            }
            else if (comment[i] == ']')
            {
                return value.ToString().Trim() is { Length: > 0 } id ? id : null;
            }
            else
            {
                value.Append(comment[i]);
            }
        }

        return null;
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

    /// <summary>Moodle's text formats (FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN).</summary>
    private enum TextFormat
    {
        Moodle,
        Html,
        Plain,
        Markdown,
    }

    /// <summary>A piece of GIFT text with its format, as Moodle's parse_text_with_format leaves it (marker removed, trimmed).</summary>
    private sealed record FormattedText(string Text, TextFormat Format);

    /// <summary>An answer as quiz Markdown: one line for the list item, and its feedback line.</summary>
    private sealed record GiftAnswer(string Markdown, bool Correct, string? Feedback);

    /// <summary>The question text as quiz Markdown: the heading line and the prompt's blocks.</summary>
    private sealed record QuestionText(string Heading, IReadOnlyList<string> Prompt, string Plain);

    private sealed record GiftQuestion(
        string? Title, string? IdNumber, QuestionText Text, QuestionType Type, IReadOnlyList<GiftAnswer> Answers, IReadOnlyList<string>? Explanation, int Line);

    private sealed class GiftException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    private static GiftQuestion ParseQuestion(List<Ch> chars, string? idNumber)
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
            throw new GiftException(firstLine, "The question has no answer block '{…}' (a description without a question is not imported).");
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

        // As Moodle: the format marker is read from the question text with the blank already in place.
        var before = Text(chars, pos, open).Trim();
        var after = Text(chars, close + 1, chars.Count).Trim();
        var questionText = ParseFormat(after.Length > 0 ? $"{before} {Blank} {after}" : before, TextFormat.Moodle);
        if (questionText.Text.Length == 0)
        {
            throw new GiftException(firstLine, "The question has no text.");
        }

        var format = questionText.Format;
        var block = chars.GetRange(open + 1, close - open - 1);
        IReadOnlyList<string>? explanation = null;
        var general = FindLast(block, "####");
        if (general >= 0)
        {
            // General feedback takes the question's format unless it names its own.
            var feedback = ParseFormat(Text(block, general + 4, block.Count), format);
            explanation = feedback.Text.Length == 0 ? null : Blocks(feedback);
            block = block.GetRange(0, general);
        }

        var blockLine = chars[open].Line;
        var (type, answers) = ParseAnswers(block, blockLine, format);
        return new GiftQuestion(title, idNumber, QuestionTextOf(questionText), type, answers, explanation, firstLine);
    }

    private static (QuestionType Type, List<GiftAnswer> Answers) ParseAnswers(List<Ch> block, int blockLine, TextFormat format)
    {
        var start = SkipSpace(block, 0);
        if (start >= block.Count)
        {
            // Moodle: an empty answer block is an essay, answered in writing and graded by the instructor.
            return (QuestionType.Essay, []);
        }

        if (block[start] is { C: '#', Escaped: false })
        {
            return (QuestionType.Numeric, [ParseNumeric(block.GetRange(start + 1, block.Count - start - 1), block[start].Line, format)]);
        }

        if (TryTrueFalse(block, start, format) is { } trueFalse)
        {
            return (QuestionType.TrueFalse, trueFalse);
        }

        var raw = SplitAnswers(block, start, blockLine);
        if (raw.All(a => a.Marker == '=' && Find(a.Body, "->", 0) >= 0))
        {
            var matching = raw.Select(a => MatchingAnswer(a.Body, a.Line, format)).ToList();
            if (matching.Count(a => a.Correct) < 2)
            {
                throw new GiftException(blockLine, "A matching question needs at least two pairs '=left -> right' (an extra '= -> right' only adds an option).");
            }

            return (QuestionType.Matching, matching);
        }

        if (raw.Any(a => Find(a.Body, "->", 0) >= 0) && raw.All(a => a.Marker == '='))
        {
            throw new GiftException(raw.First(a => Find(a.Body, "->", 0) < 0).Line, "In a matching question every answer needs the form '=left -> right'.");
        }

        var parsed = raw.Select(a => (a.Marker, a.Line, Answer: ParseWeighted(a.Body, a.Line, format))).ToList();
        foreach (var (_, line, answer) in parsed)
        {
            if (answer.Text.Text.Length == 0)
            {
                throw new GiftException(line, "An answer is empty.");
            }
        }

        if (parsed.All(p => p.Marker == '='))
        {
            // Short answer: our short-text questions are all-or-nothing, so only full-credit answers are kept. Moodle
            // compares a learner's answer with the text, so it is kept literally whatever its format marker.
            var accepted = parsed
                .Where(p => p.Answer.Weight is null or >= 100)
                .Select(p => new GiftAnswer(EscapeLiteral(Collapse(p.Answer.Text.Text)), true, null))
                .ToList();
            if (accepted.Count == 0)
            {
                throw new GiftException(blockLine, "A short-answer question needs at least one answer worth full marks.");
            }

            return (QuestionType.ShortText, accepted);
        }

        var choices = parsed
            .Select(p => (Plain: Collapse(p.Answer.Text.Text), Answer: new GiftAnswer(
                Inline(p.Answer.Text),
                p.Answer.Weight is { } w ? w > 0 : p.Marker == '=',
                p.Answer.Feedback is { } f ? Inline(f) : null)))
            .ToList();
        var correct = choices.Count(c => c.Answer.Correct);
        if (correct == 0)
        {
            throw new GiftException(blockLine, "A multiple-choice question needs a correct answer ('=' or a positive '~%n%' weight).");
        }

        var duplicate = choices.GroupBy(c => c.Plain, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GiftException(blockLine, $"The answer '{duplicate.Key}' appears twice.");
        }

        var weighted = parsed.Any(p => p.Marker == '~' && p.Answer.Weight is > 0);
        return (correct > 1 || weighted ? QuestionType.MultipleAnswers : QuestionType.SingleChoice, [.. choices.Select(c => c.Answer)]);
    }

    private static List<GiftAnswer>? TryTrueFalse(List<Ch> block, int start, TextFormat format)
    {
        var hash = Find(block, "#", start);
        var head = ParseFormat(Text(block, start, hash < 0 ? block.Count : hash), format).Text.ToUpperInvariant();
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

        // GIFT: the first feedback is shown for a wrong answer, the second for a right one; each may name its format.
        string? wrongFeedback = null, rightFeedback = null;
        if (hash >= 0)
        {
            var second = Find(block, "#", hash + 1);
            wrongFeedback = FeedbackOf(Text(block, hash + 1, second < 0 ? block.Count : second), format);
            rightFeedback = second < 0 ? null : FeedbackOf(Text(block, second + 1, block.Count), format);
        }

        return
        [
            new GiftAnswer("True", truth, truth ? rightFeedback : wrongFeedback),
            new GiftAnswer("False", !truth, truth ? wrongFeedback : rightFeedback),
        ];
    }

    private static string? FeedbackOf(string text, TextFormat format) =>
        ParseFormat(text, format) is { Text.Length: > 0 } feedback ? Inline(feedback) : null;

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

    private sealed record Weighted(FormattedText Text, double? Weight, FormattedText? Feedback);

    private static Weighted ParseWeighted(List<Ch> body, int line, TextFormat format)
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

        // Moodle's commentparser: text up to the first '#', feedback after it, each with its own format marker.
        var hash = Find(body, "#", start);
        var text = ParseFormat(Text(body, start, hash < 0 ? body.Count : hash), format);
        var feedback = hash < 0 ? null : ParseFormat(Text(body, hash + 1, body.Count), format);
        return new Weighted(text, weight, feedback is { Text.Length: > 0 } ? feedback : null);
    }

    /// <summary>A pair <c>left -> right</c> (correct) or a distractor <c>-> right</c> with nothing on the left (not correct).</summary>
    private static GiftAnswer MatchingAnswer(List<Ch> body, int line, TextFormat format)
    {
        var hash = Find(body, "#", 0);
        var pair = hash < 0 ? body : body.GetRange(0, hash);
        var arrow = Find(pair, "->", 0);

        // As Moodle: the left side (the item) may name its format; the right side (the option) is plain text.
        var left = ParseFormat(Text(pair, 0, arrow), format);
        var right = Collapse(Text(pair, arrow + 2, pair.Count));
        if (right.Length == 0)
        {
            throw new GiftException(line, "A matching pair needs text on the right of '->'.");
        }

        return left.Text.Length == 0
            ? new GiftAnswer($"-> {EscapeLiteral(right)}", false, null)
            : new GiftAnswer($"{Inline(left)} -> {EscapeLiteral(right)}", true, null);
    }

    private static GiftAnswer ParseNumeric(List<Ch> body, int line, TextFormat format)
    {
        // Moodle: everything from the first '~' is feedback for a wrong answer ('*' worth 0). Our numeric questions
        // grade right or wrong without per-answer feedback, so the clause is accepted and left out.
        if (Find(body, "~", 0) is var tilde and >= 0)
        {
            body = body.GetRange(0, tilde);
        }

        var start = SkipSpace(body, 0);
        string answer;
        if (start < body.Count && body[start] is { C: '=', Escaped: false })
        {
            // Several answers: keep the one worth full marks (our numeric questions have one answer).
            var full = SplitAnswers(body, start, line)
                .Select(a => (a.Line, Answer: ParseWeighted(a.Body, a.Line, format)))
                .FirstOrDefault(a => a.Answer.Weight is null or >= 100);
            if (full.Answer is null)
            {
                throw new GiftException(line, "A numeric question needs an answer worth full marks.");
            }

            (line, answer) = (full.Line, Collapse(full.Answer.Text.Text));
        }
        else
        {
            var hash = Find(body, "#", start);
            answer = Collapse(ParseFormat(Text(body, start, hash < 0 ? body.Count : hash), format).Text);
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

    // ---- Text formats ----

    /// <summary>
    /// Moodle's parse_text_with_format: trimmed text that starts with <c>[moodle]</c>, <c>[html]</c>, <c>[plain]</c>
    /// or <c>[markdown]</c> (exactly so, lower case) is in that format, without the marker; any other text keeps
    /// <paramref name="defaultFormat"/> and all its characters.
    /// </summary>
    private static FormattedText ParseFormat(string text, TextFormat defaultFormat)
    {
        text = text.Trim();
        if (text.StartsWith('[') && text.IndexOf(']', StringComparison.Ordinal) is var end and > 0)
        {
            TextFormat? named = text[1..end] switch
            {
                "moodle" => TextFormat.Moodle,
                "html" => TextFormat.Html,
                "plain" => TextFormat.Plain,
                "markdown" => TextFormat.Markdown,
                _ => null,
            };
            if (named is { } format)
            {
                return new FormattedText(text[(end + 1)..].Trim(), format);
            }
        }

        return new FormattedText(text, defaultFormat);
    }

    /// <summary>
    /// Text as one line of quiz Markdown: HTML cleaned and converted (<see cref="GiftHtml"/>); plain text escaped so
    /// it reads literally; Moodle's own format as written but with backslashes literal (it has no escapes); Markdown
    /// as written.
    /// </summary>
    private static string Inline(FormattedText text) => text.Format switch
    {
        TextFormat.Html => GiftHtml.Inline(text.Text),
        TextFormat.Plain => EscapeLiteral(Collapse(text.Text)),
        TextFormat.Moodle => EscapeStructure(EscapeBackslashes(Collapse(text.Text))),
        _ => EscapeStructure(Collapse(text.Text)),
    };

    /// <summary>Text as blocks of quiz Markdown (paragraphs and, from HTML, code blocks, lists and tables).</summary>
    private static List<string> Blocks(FormattedText text)
    {
        if (text.Format == TextFormat.Html)
        {
            return [.. GiftHtml.Blocks(text.Text).Select(b => b.Markdown)];
        }

        var lines = text.Text.Split('\n').Select(l => l.Trim()).Select(l => text.Format switch
        {
            TextFormat.Plain => EscapeLiteral(l),
            TextFormat.Moodle => EscapeStructure(EscapeBackslashes(l)),
            _ => EscapeStructure(l),
        });
        var joined = string.Join('\n', lines).Trim();
        return joined.Length == 0 ? [] : [joined];
    }

    /// <summary>The question text as a heading (its first line) and the prompt below it.</summary>
    private static QuestionText QuestionTextOf(FormattedText text)
    {
        if (text.Format == TextFormat.Html)
        {
            var blocks = GiftHtml.Blocks(text.Text).ToList();
            var plain = GiftHtml.PlainText(text.Text);
            if (blocks.Count == 0)
            {
                return new QuestionText("", [], plain);
            }

            if (!blocks[0].IsParagraph)
            {
                return new QuestionText("", [.. blocks.Select(b => b.Markdown)], plain);
            }

            var lines = blocks[0].Markdown.Split('\n').Select(l => l.EndsWith('\\') ? l[..^1] : l).ToList();
            var rest = lines.Count > 1 ? [string.Join("\\\n", lines.Skip(1))] : new List<string>();
            return new QuestionText(lines[0], [.. rest, .. blocks.Skip(1).Select(b => b.Markdown)], plain);
        }

        var raw = text.Text.Split('\n').Select(l => l.Trim()).ToList();
        var heading = text.Format switch
        {
            TextFormat.Plain => EscapeLiteral(raw[0]),
            TextFormat.Moodle => EscapeStructure(EscapeBackslashes(raw[0])),
            _ => EscapeStructure(raw[0]),
        };
        var prompt = Blocks(text with { Text = string.Join('\n', raw.Skip(1)) });
        return new QuestionText(heading, prompt, Collapse(text.Text));
    }

    // ---- Writing Markdown ----

    private static string Write(string quizTitle, List<GiftQuestion> questions)
    {
        var md = new StringBuilder();
        md.Append("---\nkind: quiz\ntitle: ").Append(ContentRules.YamlString(quizTitle)).Append("\n---\n");
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < questions.Count; n++)
        {
            var q = questions[n];
            var preferred = q.IdNumber is { } idNumber && Slug(idNumber) is { Length: > 0 } fromId ? fromId : Slug(q.Title ?? q.Text.Plain);
            var id = UniqueId(preferred, used, n + 1);
            var heading = q.Text.Heading.Length > 0 ? q.Text.Heading : EscapeLiteral(q.Title ?? $"Question {n + 1}");
            md.Append("\n## ").Append(heading).Append(" {#").Append(id).Append(" type=").Append(ContentRules.QuestionTypeName(q.Type)).Append("}\n");
            foreach (var block in q.Text.Prompt.Where(b => b.Length > 0))
            {
                md.Append('\n').Append(block).Append('\n');
            }

            if (q.Answers.Count > 0)
            {
                md.Append('\n');
            }

            foreach (var a in q.Answers)
            {
                md.Append(q.Type switch
                {
                    QuestionType.SingleChoice or QuestionType.MultipleAnswers or QuestionType.TrueFalse => a.Correct ? "- [x] " : "- [ ] ",
                    _ => "- ",
                });
                md.Append(a.Markdown).Append('\n');
                if (a.Feedback is { } feedback)
                {
                    md.Append("  > ").Append(feedback).Append('\n');
                }
            }

            if (q.Explanation is { Count: > 0 } explanation)
            {
                md.Append("\n### Explanation\n");
                foreach (var block in explanation)
                {
                    md.Append('\n').Append(block).Append('\n');
                }
            }
        }

        return md.ToString();
    }

    /// <summary>Lower-case ASCII letters and digits joined by hyphens, at most 60 characters.</summary>
    public static string Slug(string text)
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

    // Moodle's own format has no escapes: a backslash in it is a backslash, which Markdown would read as one.
    private static string EscapeBackslashes(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal);

    // Braces would be read as the heading's {#id}; a line that starts like a list, quote or heading would change
    // the question's structure. Emphasis at the start of a line ("**yes**") is left alone.
    private static string EscapeStructure(string line)
    {
        line = line.Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
        if (line.Length > 0 && line[0] is '*' && (line.Length == 1 || line[1] == ' ' || line.All(c => c is '*' or ' ')))
        {
            return "\\" + line;
        }

        return line.Length > 0 && line[0] == '>' ? "\\" + line : GiftHtml.EscapeLineStart(line);
    }

    /// <summary>Text shown exactly as written: every character Markdown would read is escaped.</summary>
    private static string EscapeLiteral(string text) => GiftHtml.EscapeLineStart(GiftHtml.EscapeText(text));

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

    /// <summary>Index of the last unescaped occurrence of <paramref name="text"/>, or −1 (Moodle finds general feedback with strrpos).</summary>
    private static int FindLast(List<Ch> chars, string text)
    {
        for (var i = chars.Count - text.Length; i >= 0; i--)
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
}
