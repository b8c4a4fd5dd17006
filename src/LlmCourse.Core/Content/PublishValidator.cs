using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>
/// Checks a week before it may be published: its files' parse problems (its images' too), problems parsing
/// cannot see (an empty deck, a choice question without a right answer, a question or card testing a slide or
/// notes section that does not exist), images without alt text or that are
/// missing, and links to pages of the course that do not exist or that learners would not be able to open
/// when the week appears.
/// </summary>
public static partial class PublishValidator
{
    /// <summary>Every problem that blocks publishing week <paramref name="weekNumber"/>, by file and line.</summary>
    /// <param name="snapshot">The course as loaded, errors included.</param>
    /// <param name="weekNumber">The week to check.</param>
    /// <param name="releaseAt">When the week would become visible (now, for "publish now").</param>
    /// <param name="visibleFrom">For another week's number, the instant learners can see it, or null if they cannot.</param>
    /// <param name="weekMarkdown">The text of the week's <c>week.md</c>, whose links are checked too (optional).</param>
    public static IReadOnlyList<ContentError> ValidateWeek(
        CourseSnapshot snapshot,
        int weekNumber,
        DateTimeOffset releaseAt,
        Func<int, DateTimeOffset?> visibleFrom,
        string? weekMarkdown = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(visibleFrom);
        var week = snapshot.FindWeek(weekNumber);
        if (week is null)
        {
            return [new ContentError($"weeks/?/week.md", 1, $"There is no week {weekNumber}.")];
        }

        var folder = week.SourceFile[..(week.SourceFile.LastIndexOf('/') + 1)];
        var problems = snapshot.Errors.Where(e => e.File.StartsWith(folder, StringComparison.Ordinal)).ToList();
        foreach (var item in week.Items)
        {
            if (string.IsNullOrWhiteSpace(item.Title))
            {
                problems.Add(new ContentError(item.SourceFile, 1, "The item has no title."));
            }

            switch (item)
            {
                case Deck { Cards.Count: 0 }:
                    problems.Add(new ContentError(item.SourceFile, 1, "The deck has no cards."));
                    break;
                case Lecture { Slides.Count: 0 }:
                    problems.Add(new ContentError(item.SourceFile, 1, "The lecture has no slides."));
                    break;
                case Quiz quiz:
                    if (quiz.Questions.Count == 0)
                    {
                        problems.Add(new ContentError(item.SourceFile, 1, "The quiz has no questions."));
                    }

                    foreach (var question in quiz.Questions.Where(q => q.Choices.Count > 0 && !q.Choices.Any(c => c.Correct)))
                    {
                        problems.Add(new ContentError(item.SourceFile, Math.Max(1, question.Line), $"The question '{question.Title}' has no correct answer."));
                    }

                    break;
            }

            problems.AddRange(CheckLinks(item.SourceFile, item.Markdown, snapshot, week, releaseAt, visibleFrom));
            problems.AddRange(CheckImages(item.SourceFile, item.Images, snapshot));
            problems.AddRange(CheckMaterialReferences(item, week));
        }

        problems.AddRange(CheckImages(week.SourceFile, week.Images, snapshot));

        if (weekMarkdown is not null)
        {
            problems.AddRange(CheckLinks(week.SourceFile, weekMarkdown, snapshot, week, releaseAt, visibleFrom));
        }

        return problems
            .Distinct()
            .OrderBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ToList();
    }

    /// <summary>
    /// What an author should know before publishing week <paramref name="weekNumber"/> but that does not
    /// block it: question ids that contain their own answer. Learners see opaque ids, but authored ids stay
    /// in records, exports and statistics, and an id is no place for an answer.
    /// </summary>
    public static IReadOnlyList<ContentError> WarnWeek(CourseSnapshot snapshot, int weekNumber)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var week = snapshot.FindWeek(weekNumber);
        if (week is null)
        {
            return [];
        }

        return [.. week.Items.OfType<Quiz>()
            .SelectMany(quiz => quiz.Questions.Select(q => (Quiz: quiz, Question: q, Answer: AnswerInId(q))))
            .Where(x => x.Answer is not null)
            .Select(x => new ContentError(
                x.Quiz.SourceFile,
                Math.Max(1, x.Question.Line),
                $"The question id '{x.Question.Id}' contains its answer {x.Answer}: give the question an id that names it, not its answer."))];
    }

    /// <summary>The answer (quoted as the author wrote it) that question <paramref name="question"/>'s id contains, or null.</summary>
    public static string? AnswerInId(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var id = LettersAndDigits(question.Id);
        if (id.Length == 0)
        {
            return null;
        }

        bool Contains(string text) => LettersAndDigits(text) is { Length: >= 2 } part && id.Contains(part, StringComparison.Ordinal);
        switch (question.Type)
        {
            case QuestionType.ShortText:
                if (question.AcceptedAnswers.FirstOrDefault(Contains) is { } accepted)
                {
                    return $"'{accepted}'";
                }

                return question.AcceptedPattern is { } pattern && PatternMatchesId(pattern, question.Id) ? $"(it matches /{pattern}/)" : null;
            case QuestionType.Numeric when question.Numeric is { } numeric:
                var value = numeric.Value.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
                return Contains(value) ? $"'{value}'" : null;
            case QuestionType.SingleChoice or QuestionType.MultipleAnswers or QuestionType.TrueFalse:
                // Only when the id names a right choice and no wrong one: "true-or-false" gives nothing away.
                var right = question.Choices.Where(c => c.Correct && Contains(c.Text)).ToList();
                return right.Count > 0 && !question.Choices.Any(c => !c.Correct && Contains(c.Text)) ? $"'{right[0].Text}'" : null;
            default:
                return null;
        }
    }

    private static string LettersAndDigits(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static bool PatternMatchesId(string pattern, string id)
    {
        foreach (var candidate in new[] { id, id.Replace('-', ' ') })
        {
            try
            {
                if (Regex.IsMatch(candidate, $@"\A(?:{pattern})\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is RegexMatchTimeoutException or ArgumentException)
            {
                // A pattern that cannot run is the parser's to report.
            }
        }

        return false;
    }

    /// <summary>Links to <c>/weeks/…</c> in <paramref name="markdown"/> that lead nowhere a learner could go.</summary>
    public static IEnumerable<ContentError> CheckLinks(
        string file,
        string markdown,
        CourseSnapshot snapshot,
        Week self,
        DateTimeOffset releaseAt,
        Func<int, DateTimeOffset?> visibleFrom)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(visibleFrom);
        var lines = LineDiff.SplitLines(markdown);
        var inFence = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (Fence().IsMatch(line))
            {
                // Links inside code blocks are shown as text, not followed.
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (Match match in Link().Matches(line))
            {
                var target = match.Groups["url"].Value;
                var problem = CheckTarget(target, snapshot, self, releaseAt, visibleFrom);
                if (problem is not null)
                {
                    yield return new ContentError(file, index + 1, $"The link to {target} {problem}.");
                }
            }
        }
    }

    private static string? CheckTarget(string url, CourseSnapshot snapshot, Week self, DateTimeOffset releaseAt, Func<int, DateTimeOffset?> visibleFrom)
    {
        var path = url.Split('#', '?')[0];
        if (path is "/weeks" or "/weeks/")
        {
            return null;
        }

        var shape = WeekPath().Match(path);
        if (!shape.Success)
        {
            return "is not a page of the course";
        }

        var number = int.Parse(shape.Groups["week"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var week = snapshot.FindWeek(number);
        if (week is null)
        {
            return $"points to week {number}, which does not exist";
        }

        if (week.Number != self.Number && !(visibleFrom(week.Number) is { } from && from <= releaseAt))
        {
            return $"points to week {number}, which learners cannot see when this week appears";
        }

        if (!shape.Groups["item"].Success)
        {
            return null;
        }

        var itemId = Uri.UnescapeDataString(shape.Groups["item"].Value);
        var item = week.FindItem(itemId);
        if (item is null)
        {
            return $"points to an item '{itemId}' that week {number} does not have";
        }

        if (shape.Groups["slide"].Success)
        {
            if (item is not Lecture lecture)
            {
                return "points to slides of an item that is not a lecture";
            }

            var slide = int.Parse(shape.Groups["slide"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (slide < 1 || slide > lecture.Slides.Count)
            {
                return $"points to slide {slide}, but the lecture has {lecture.Slides.Count}";
            }
        }
        else if (shape.Groups["transcript"].Success && item is not Lecture)
        {
            return "points to the transcript of an item that is not a lecture";
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    // Inline links/images, reference definitions and HTML href/src attributes that point into /weeks.
    [GeneratedRegex(@"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|(?:href|src)\s*=\s*[""'])(?<url>/weeks(?:[/?#][^\s)""'>]*)?)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^/weeks/(?<week>\d{1,6})(?:/(?<item>[^/]+)(?:/(?:slides/(?<slide>\d{1,6})|(?<transcript>transcript)|download))?)?/?$")]
    private static partial Regex WeekPath();
}
