using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Extensions.TaskLists;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>
/// Quiz: settings from the front matter, an intro, then one question per <c>##</c> heading. The answer
/// list's shape gives the question type unless <c>type=</c> names it (docs/authoring.md, "Quiz").
/// </summary>
internal static partial class QuizParser
{
    /// <summary>Front matter keys a quiz accepts besides the common ones.</summary>
    public static readonly string[] SettingKeys =
        ["attempts", "time-limit", "grading", "shuffle-questions", "shuffle-choices", "layout", "pass-mark", "reveal", "show-marks", "opens", "closes"];

    private static readonly Dictionary<string, GradingMethod> _grading = new(StringComparer.Ordinal)
    {
        ["highest"] = GradingMethod.Highest,
        ["average"] = GradingMethod.Average,
        ["first"] = GradingMethod.First,
        ["last"] = GradingMethod.Last,
    };

    private static readonly Dictionary<string, QuizLayout> _layouts = new(StringComparer.Ordinal)
    {
        ["one-page"] = QuizLayout.OnePage,
        ["one-question-per-page"] = QuizLayout.OneQuestionPerPage,
    };

    private static readonly Dictionary<string, RevealPolicy> _reveal = new(StringComparer.Ordinal)
    {
        ["after-each-attempt"] = RevealPolicy.AfterEachAttempt,
        ["after-last-attempt"] = RevealPolicy.AfterLastAttempt,
        ["after-close"] = RevealPolicy.AfterClose,
        ["never"] = RevealPolicy.Never,
    };

    private static readonly Dictionary<string, MarksPolicy> _marks = new(StringComparer.Ordinal)
    {
        ["immediately"] = MarksPolicy.Immediately,
        ["after-close"] = MarksPolicy.AfterClose,
        ["never"] = MarksPolicy.Never,
    };

    private static readonly string[] _questionKeys = ["points", "type", "tests"];

    public static Quiz Parse(SourceDocument document, FrontMatter frontMatter, ItemHeader header)
    {
        var settings = ReadSettings(document, frontMatter);
        var (intro, sections) = Sections.Split(document.Body);
        if (sections.Count == 0)
        {
            document.AddError(1, "A quiz needs at least one question: a '##' heading ending in {#id}, followed by its answers.");
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var questions = new List<Question>();
        foreach (var section in sections)
        {
            var question = ParseQuestion(document, section, seen);
            if (question is not null)
            {
                questions.Add(question);
            }
        }

        return new Quiz
        {
            Id = header.Id,
            Title = header.Title,
            Kind = ItemKind.Quiz,
            Summary = header.Summary,
            Tags = header.Tags,
            SourceFile = header.SourceFile,
            Markdown = header.Markdown,
            Revision = header.Revision,
            Settings = settings,
            Questions = questions,
            IntroHtml = CourseMarkdown.RenderBlocks(intro),
        };
    }

    /// <summary>The stable id of a choice: a short hash of its text, ignoring case and spacing.</summary>
    public static string ChoiceId(string text) => ContentRules.Hash(NormalizeChoice(text))[..10];

    private static string NormalizeChoice(string text) => CourseMarkdown.CollapseSpaces(text).ToLowerInvariant();

    private static QuizSettings ReadSettings(SourceDocument document, FrontMatter frontMatter)
    {
        var defaults = QuizSettings.Default;

        int? attempts = null;
        if (frontMatter.String("attempts") is { } attemptsText && attemptsText != "unlimited")
        {
            if (int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                attempts = count;
            }
            else
            {
                document.AddError(frontMatter.ValueLine("attempts"), $"'attempts' must be a number of at least 1 or 'unlimited', not '{attemptsText}'.");
            }
        }

        TimeSpan? timeLimit = null;
        if (frontMatter.Number("time-limit") is { } minutes)
        {
            if (minutes > 0 && minutes <= TimeSpan.MaxValue.TotalMinutes)
            {
                timeLimit = TimeSpan.FromMinutes(minutes);
            }
            else
            {
                document.AddError(frontMatter.ValueLine("time-limit"), "'time-limit' must be a positive number of minutes.");
            }
        }

        var passMark = defaults.PassMark;
        if (frontMatter.Number("pass-mark") is { } percent)
        {
            if (percent is >= 0 and <= 100)
            {
                passMark = percent / 100;
            }
            else
            {
                document.AddError(frontMatter.ValueLine("pass-mark"), "'pass-mark' is a percentage from 0 to 100.");
            }
        }

        var opens = frontMatter.Instant("opens");
        var closes = frontMatter.Instant("closes");
        if (opens is not null && closes is not null && closes <= opens)
        {
            document.AddError(frontMatter.ValueLine("closes"), "'closes' must be later than 'opens'.");
        }

        var reveal = frontMatter.Choice("reveal", _reveal) ?? defaults.Reveal;
        if (reveal == RevealPolicy.AfterClose && closes is null && frontMatter.Loaded && !frontMatter.Has("closes"))
        {
            document.AddError(frontMatter.ValueLine("reveal"), "'reveal: after-close' needs a 'closes' instant, or answers would never be shown.");
        }

        var marks = frontMatter.Choice("show-marks", _marks) ?? defaults.ShowMarks;
        if (marks == MarksPolicy.AfterClose && closes is null && frontMatter.Loaded && !frontMatter.Has("closes"))
        {
            document.AddError(frontMatter.ValueLine("show-marks"), "'show-marks: after-close' needs a 'closes' instant, or marks would never be shown.");
        }

        return new QuizSettings(
            attempts,
            timeLimit,
            frontMatter.Choice("grading", _grading) ?? defaults.Grading,
            frontMatter.Bool("shuffle-questions") ?? defaults.ShuffleQuestions,
            frontMatter.Bool("shuffle-choices") ?? defaults.ShuffleChoices,
            frontMatter.Choice("layout", _layouts) ?? defaults.Layout,
            passMark,
            reveal,
            opens,
            closes,
            marks);
    }

    private static Question? ParseQuestion(SourceDocument document, Section section, Dictionary<string, int> seen)
    {
        var errorsBefore = document.Errors.Count;
        var line = section.Line;
        var attributes = Sections.ReadAttributes(document, section.Heading, "question");
        if (attributes.Id is { } id && !seen.TryAdd(id, line))
        {
            document.AddError(line, $"The question id '{id}' is already used on line {seen[id]}.");
        }

        foreach (var key in attributes.Values.Keys.Where(k => !_questionKeys.Contains(k)))
        {
            document.AddError(line, $"Unknown question setting '{key}'. Allowed: {string.Join(", ", _questionKeys)}.");
        }

        var points = 1.0;
        if (attributes.Values.TryGetValue("points", out var pointsText)
            && !(double.TryParse(pointsText, NumberStyles.Float, CultureInfo.InvariantCulture, out points) && points > 0 && double.IsFinite(points)))
        {
            document.AddError(line, $"points={pointsText} must be a positive number.");
        }

        QuestionType? declared = null;
        if (attributes.Values.TryGetValue("type", out var typeText))
        {
            if (ContentRules.TryParseQuestionType(typeText, out var type))
            {
                declared = type;
            }
            else
            {
                document.AddError(line, $"Unknown question type '{typeText}'. Use one of: {string.Join(", ", ContentRules.QuestionTypeNames)}.");
            }
        }

        var essay = declared == QuestionType.Essay;
        var parts = SplitParts(document, section, essay);
        if (parts is null)
        {
            return null;
        }

        var title = CourseMarkdown.PlainText(section.Heading.Inline);
        var headingHtml = CourseMarkdown.RenderInlines(section.Heading.Inline);
        var promptHtml = $"<p class=\"question-title\">{headingHtml}</p>\n{CourseMarkdown.RenderBlocks(parts.Prompt)}".Trim();
        var question = new Question
        {
            Id = attributes.Id ?? "",
            Type = QuestionType.SingleChoice,
            Title = title,
            PromptHtml = promptHtml,
            Points = points,
            HintHtml = parts.Hint is null ? null : CourseMarkdown.RenderBlocks(parts.Hint),
            ExplanationHtml = parts.Explanation is null ? null : CourseMarkdown.RenderBlocks(parts.Explanation),
            Line = line,
            Tests = Sections.ReadTests(document, line, attributes.Values.GetValueOrDefault("tests")),
        };

        // An essay has no answer key: whatever follows its heading is the prompt, and the instructor grades the answer.
        question = essay
            ? question with { Type = QuestionType.Essay, GraderInfoHtml = parts.GraderInfo is null ? null : CourseMarkdown.RenderBlocks(parts.GraderInfo) }
            : ReadAnswers(document, parts.Answers!, declared, question);
        return question is not null && document.Errors.Count == errorsBefore ? question : null;
    }

    private sealed record QuestionParts(
        IReadOnlyList<Block> Prompt, ListBlock? Answers, IReadOnlyList<Block>? Hint, IReadOnlyList<Block>? Explanation, IReadOnlyList<Block>? GraderInfo);

    /// <summary>
    /// Prompt blocks, the answer list (the last list before any <c>### Hint</c>/<c>### Explanation</c>) and those
    /// subsections. An essay has no answer list (every block before the subsections is its prompt) and may have
    /// <c>### Grader information</c>.
    /// </summary>
    private static QuestionParts? SplitParts(SourceDocument document, Section section, bool essay)
    {
        var main = new List<Block>();
        List<Block>? hint = null;
        List<Block>? explanation = null;
        List<Block>? graderInfo = null;
        var current = main;
        foreach (var block in section.Blocks)
        {
            if (block is HeadingBlock { Level: 3 } h3)
            {
                var name = CourseMarkdown.PlainText(h3.Inline);
                if (string.Equals(name, "Hint", StringComparison.OrdinalIgnoreCase))
                {
                    if (hint is not null)
                    {
                        document.AddError(h3, "This question already has a '### Hint'.");
                    }

                    current = hint = [];
                    continue;
                }

                if (string.Equals(name, "Explanation", StringComparison.OrdinalIgnoreCase))
                {
                    if (explanation is not null)
                    {
                        document.AddError(h3, "This question already has a '### Explanation'.");
                    }

                    current = explanation = [];
                    continue;
                }

                if (string.Equals(name, "Grader information", StringComparison.OrdinalIgnoreCase))
                {
                    if (!essay)
                    {
                        document.AddError(h3, "Only an essay question ({#id type=essay}) takes '### Grader information'.");
                    }
                    else if (graderInfo is not null)
                    {
                        document.AddError(h3, "This question already has a '### Grader information'.");
                    }

                    current = graderInfo = [];
                    continue;
                }
            }

            current.Add(block);
        }

        if (essay)
        {
            return new QuestionParts(main, null, hint, explanation, graderInfo);
        }

        var answersAt = main.FindLastIndex(b => b is ListBlock);
        if (answersAt < 0)
        {
            document.AddError(section.Line, "This question has no answers: add a list of choices or accepted answers below it (or write {#id type=essay} for a written answer the instructor grades).");
            return null;
        }

        foreach (var extra in main.Skip(answersAt + 1))
        {
            document.AddError(extra, "Only the answer list may follow the prompt; put further text under '### Hint' or '### Explanation'.");
        }

        return new QuestionParts(main.Take(answersAt).ToList(), (ListBlock)main[answersAt], hint, explanation, null);
    }

    private static Question? ReadAnswers(SourceDocument document, ListBlock list, QuestionType? declared, Question question)
    {
        var items = list.OfType<ListItemBlock>().ToList();
        var tasks = items.Count(i => TaskOf(i) is not null);
        if (tasks > 0 && tasks < items.Count)
        {
            document.AddError(list, "Either every answer is a choice ('- [ ]' or '- [x]') or none is.");
            return null;
        }

        if (tasks > 0)
        {
            if (declared is not null and not (QuestionType.SingleChoice or QuestionType.MultipleAnswers or QuestionType.TrueFalse))
            {
                document.AddError(list, $"A question of type {ContentRules.QuestionTypeName(declared.Value)} takes a plain list, not a choice list with '[ ]'.");
                return null;
            }

            return ReadChoices(document, list, items, declared, question);
        }

        var type = declared ?? InferPlainType(list, items);
        if (type is QuestionType.SingleChoice or QuestionType.MultipleAnswers or QuestionType.TrueFalse)
        {
            document.AddError(list, $"A question of type {ContentRules.QuestionTypeName(type)} needs a choice list: '- [ ]' for wrong choices and '- [x]' for right ones.");
            return null;
        }

        var texts = new List<(ListItemBlock Item, ParagraphBlock Paragraph)>();
        foreach (var item in items)
        {
            if (item.Count != 1 || item[0] is not ParagraphBlock paragraph)
            {
                document.AddError(item, "Each answer must be a single line of text.");
                continue;
            }

            texts.Add((item, paragraph));
        }

        if (texts.Count != items.Count)
        {
            return null;
        }

        return type switch
        {
            QuestionType.ShortText => ReadShortAnswers(document, texts, question),
            QuestionType.Numeric => ReadNumeric(document, list, texts, question),
            QuestionType.Matching => ReadMatching(document, list, texts, question),
            _ => ReadOrdering(document, list, texts, question),
        };
    }

    private static QuestionType InferPlainType(ListBlock list, List<ListItemBlock> items)
    {
        if (list.IsOrdered)
        {
            return QuestionType.Ordering;
        }

        var texts = items.Select(i => i.FirstOrDefault() is ParagraphBlock p ? CourseMarkdown.PlainText(p.Inline) : "").ToList();
        if (texts.Count > 0 && texts.All(t => t.Contains("->", StringComparison.Ordinal)))
        {
            return QuestionType.Matching;
        }

        if (texts.Count == 1 && NumericPattern().IsMatch(texts[0]) && !texts[0].StartsWith('/'))
        {
            return QuestionType.Numeric;
        }

        return QuestionType.ShortText;
    }

    private static Question? ReadChoices(SourceDocument document, ListBlock list, List<ListItemBlock> items, QuestionType? declared, Question question)
    {
        var choices = new List<Choice>();
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var paragraph = (ParagraphBlock)item[0];
            var task = TaskOf(item)!;
            var isCorrect = task.Checked;

            // The checkbox is the answer key, not part of the choice: drop it before rendering.
            task.Remove();
            if (paragraph.Inline?.FirstChild is LiteralInline lead)
            {
                lead.Content = new StringSlice(lead.Content.ToString().TrimStart());
            }

            var text = CourseMarkdown.PlainText(paragraph.Inline);
            if (text.Length == 0)
            {
                document.AddError(item, "This choice is empty.");
                continue;
            }

            string? feedback = null;
            foreach (var extra in item.Skip(1))
            {
                if (extra is QuoteBlock quote && feedback is null)
                {
                    feedback = CourseMarkdown.RenderBlocks(quote.ToList());
                }
                else
                {
                    document.AddError(extra, "A choice may only be followed by one '>' feedback blockquote, indented under it.");
                }
            }

            var normalized = NormalizeChoice(text);
            if (!byText.TryAdd(normalized, SourceDocument.LineOf(item)))
            {
                document.AddError(item, $"Two choices read '{text}' (the other is on line {byText[normalized]}); choices must differ.");
                continue;
            }

            choices.Add(new Choice(ChoiceId(text), CourseMarkdown.RenderInlines(paragraph.Inline), text, isCorrect, feedback));
        }

        if (choices.Count != items.Count)
        {
            return null;
        }

        var ids = choices.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (ids is not null)
        {
            document.AddError(list, $"Two choices hash to the same id ({ids.Key}); reword one of them.");
            return null;
        }

        var correct = choices.Count(c => c.Correct);
        var isTrueFalse = choices.Count == 2
            && choices.Select(c => c.Text.ToLowerInvariant()).Order(StringComparer.Ordinal).SequenceEqual(["false", "true"]);
        var type = declared ?? (isTrueFalse ? QuestionType.TrueFalse : correct > 1 ? QuestionType.MultipleAnswers : QuestionType.SingleChoice);

        if (choices.Count < 2)
        {
            document.AddError(list, "A choice question needs at least two choices.");
        }

        if (correct == 0)
        {
            document.AddError(list, "No choice is marked correct: mark the right one(s) with '- [x]'.");
        }
        else if (type is QuestionType.SingleChoice or QuestionType.TrueFalse && correct > 1)
        {
            document.AddError(list, $"A {ContentRules.QuestionTypeName(type)} question has exactly one '- [x]' choice; this one has {correct}.");
        }

        if (type == QuestionType.TrueFalse && !isTrueFalse)
        {
            document.AddError(list, "A truefalse question has exactly the two choices True and False.");
        }

        return question with { Type = type, Choices = choices };
    }

    private static Question? ReadShortAnswers(SourceDocument document, List<(ListItemBlock Item, ParagraphBlock Paragraph)> texts, Question question)
    {
        var answers = new List<string>();
        var patterns = new List<string>();
        foreach (var (item, paragraph) in texts)
        {
            // A pattern is read from the source: Markdown would eat its backslashes and stars.
            var raw = document.SourceLine(SourceDocument.LineOf(paragraph));
            raw = paragraph.Column < raw.Length ? raw[paragraph.Column..].Trim() : "";
            if (raw.Length >= 2 && raw[0] == '/' && raw[^1] == '/')
            {
                var pattern = raw[1..^1];
                if (pattern.Length == 0)
                {
                    document.AddError(item, "The pattern // is empty.");
                    continue;
                }

                try
                {
                    _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
                    patterns.Add(pattern);
                }
                catch (ArgumentException ex)
                {
                    document.AddError(item, $"/{pattern}/ is not a valid regular expression: {ex.Message}");
                }

                continue;
            }

            var answer = CourseMarkdown.PlainText(paragraph.Inline);
            if (answers.Contains(answer, StringComparer.OrdinalIgnoreCase))
            {
                document.AddError(item, $"The answer '{answer}' is listed twice.");
                continue;
            }

            answers.Add(answer);
        }

        var combined = patterns.Count switch
        {
            0 => null,
            1 => patterns[0],
            _ => string.Join('|', patterns.Select(p => $"(?:{p})")),
        };
        return question with { Type = QuestionType.ShortText, AcceptedAnswers = answers, AcceptedPattern = combined };
    }

    private static Question? ReadNumeric(SourceDocument document, ListBlock list, List<(ListItemBlock Item, ParagraphBlock Paragraph)> texts, Question question)
    {
        if (texts.Count != 1)
        {
            document.AddError(list, "A numeric question has exactly one answer line, like '- 3.14 ± 0.01'.");
            return null;
        }

        var text = CourseMarkdown.PlainText(texts[0].Paragraph.Inline);
        var match = NumericPattern().Match(text);
        if (!match.Success)
        {
            document.AddError(texts[0].Item, $"'{text}' is not a number with an optional tolerance, like '3.14 ± 0.01' or '3.14 +- 0.01'.");
            return null;
        }

        var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var tolerance = match.Groups["tolerance"].Success
            ? double.Parse(match.Groups["tolerance"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)
            : 0;
        if (!double.IsFinite(value) || !double.IsFinite(tolerance))
        {
            document.AddError(texts[0].Item, $"'{text}' is out of range.");
            return null;
        }

        return question with { Type = QuestionType.Numeric, Numeric = new NumericAnswer(value, tolerance) };
    }

    private static Question? ReadMatching(SourceDocument document, ListBlock list, List<(ListItemBlock Item, ParagraphBlock Paragraph)> texts, Question question)
    {
        var pairs = new List<MatchPair>();
        var distractors = new List<string>();
        var read = 0;
        foreach (var (item, paragraph) in texts)
        {
            var text = CourseMarkdown.PlainText(paragraph.Inline);
            var arrow = text.IndexOf("->", StringComparison.Ordinal);
            var left = arrow < 0 ? "" : text[..arrow].Trim();
            var right = arrow < 0 ? "" : text[(arrow + 2)..].Trim();
            if (arrow >= 0 && left.Length == 0 && right.Length > 0)
            {
                // '-> right' with nothing on the left: an extra option that matches no item (Moodle's distractor).
                distractors.Add(right);
                read++;
                continue;
            }

            if (left.Length == 0 || right.Length == 0)
            {
                document.AddError(item, $"'{text}' is not a pair written 'left -> right' (or '-> right' for an extra option that matches nothing).");
                continue;
            }

            if (pairs.Any(p => string.Equals(p.Left, left, StringComparison.OrdinalIgnoreCase)))
            {
                document.AddError(item, $"'{left}' appears twice on the left.");
                continue;
            }

            pairs.Add(new MatchPair(left, right));
            read++;
        }

        if (read == texts.Count && pairs.Count < 2)
        {
            document.AddError(list, "A matching question needs at least two 'left -> right' pairs.");
        }

        return question with { Type = QuestionType.Matching, Pairs = pairs, MatchDistractors = [.. distractors.Distinct(StringComparer.Ordinal)] };
    }

    private static Question? ReadOrdering(SourceDocument document, ListBlock list, List<(ListItemBlock Item, ParagraphBlock Paragraph)> texts, Question question)
    {
        if (!list.IsOrdered)
        {
            document.AddError(list, "An ordering question takes a numbered list (1. 2. 3.) in the correct order.");
            return null;
        }

        var ordered = new List<string>();
        foreach (var (item, paragraph) in texts)
        {
            var text = CourseMarkdown.PlainText(paragraph.Inline);
            if (ordered.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                document.AddError(item, $"'{text}' appears twice.");
                continue;
            }

            ordered.Add(text);
        }

        if (ordered.Count == texts.Count && ordered.Count < 2)
        {
            document.AddError(list, "An ordering question needs at least two items.");
        }

        return question with { Type = QuestionType.Ordering, OrderedItems = ordered };
    }

    private static TaskList? TaskOf(ListItemBlock item) =>
        item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList task } ? task : null;

    // "value", "value ± tolerance" or "value +- tolerance" (also "+/-").
    [GeneratedRegex(@"^\s*(?<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?:(?:±|\+-|\+/-)\s*(?<tolerance>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?))?\s*$")]
    private static partial Regex NumericPattern();
}
