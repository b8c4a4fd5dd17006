using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>How a question came out.</summary>
public enum GradeState
{
    Unanswered,
    Incorrect,
    Partial,
    Correct,

    /// <summary>An answered essay no instructor has graded yet: it has no mark, and the attempt has no score until it does.</summary>
    NeedsGrading,
}

/// <summary>The grade of one question in one attempt.</summary>
/// <param name="Mark">Points earned, 0..<paramref name="MaxMark"/>; 0 (not a mark) while <paramref name="State"/> is <see cref="GradeState.NeedsGrading"/>.</param>
/// <param name="MaxMark">The question's points.</param>
/// <param name="Fraction">Share of the points earned, 0..1.</param>
public sealed record QuestionGrade(string QuestionId, double Mark, double MaxMark, double Fraction, GradeState State);

/// <summary>
/// Grades one response against one question. The rules are those of docs/authoring.md, section "Grading".
/// </summary>
public static class Grader
{
    /// <summary>Longest a short-text pattern may run before it counts as not matching (guards against ReDoS).</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    // Fractions this close to 0 or 1 are treated as exactly 0 or 1, so 3 × (1/3) counts as correct.
    private const double Epsilon = 1e-9;

    /// <summary>
    /// Grades <paramref name="response"/>; null or empty means unanswered. An answered essay takes its fraction from
    /// the instructor's <paramref name="manual"/> grade and needs grading until there is one; other types ignore it.
    /// </summary>
    public static QuestionGrade Grade(Question question, QuestionResponse? response, ManualGrade? manual = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (response is null || response.IsEmpty)
        {
            // Moodle's manual grading behaviour: an essay left empty "gave up" and scores 0 without waiting for anyone.
            return new QuestionGrade(question.Id, 0, question.Points, 0, GradeState.Unanswered);
        }

        if (question.Type == QuestionType.Essay && response is TextResponse && manual is null)
        {
            return new QuestionGrade(question.Id, 0, question.Points, 0, GradeState.NeedsGrading);
        }

        var fraction = (question.Type, response) switch
        {
            (QuestionType.SingleChoice or QuestionType.TrueFalse, ChoiceResponse c) => SingleFraction(question, c),
            (QuestionType.MultipleAnswers, ChoiceResponse c) => MultipleFraction(question, c),
            (QuestionType.ShortText, TextResponse t) => ShortTextMatches(question, t.Text) ? 1 : 0,
            (QuestionType.Numeric, NumericResponse n) => NumericMatches(question, n.Input) ? 1 : 0,
            (QuestionType.Matching, MatchingResponse m) => MatchingFraction(question, m),
            (QuestionType.Ordering, OrderingResponse o) => OrderingFraction(question, o),
            (QuestionType.Essay, TextResponse) => manual!.Fraction,

            // A response of another shape: the author changed the question's type after it was saved.
            _ => 0,
        };

        fraction = Math.Clamp(fraction, 0, 1);
        var state = fraction >= 1 - Epsilon ? GradeState.Correct
            : fraction <= Epsilon ? GradeState.Incorrect
            : GradeState.Partial;
        fraction = state switch
        {
            GradeState.Correct => 1,
            GradeState.Incorrect => 0,
            _ => fraction,
        };
        return new QuestionGrade(question.Id, fraction * question.Points, question.Points, fraction, state);
    }

    /// <summary>
    /// Normalises a short-text answer for comparison: trimmed, inner runs of whitespace collapsed to one
    /// space. Case is ignored by the comparison itself.
    /// </summary>
    public static string NormalizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Reads a numeric answer: invariant culture, optional sign and exponent; a single comma and no
    /// period is read as a decimal comma ("3,14"). Thousands separators, NaN and infinities are refused.
    /// </summary>
    public static bool TryParseNumber(string? input, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var text = input.Trim().Replace('\u2212', '-');
        var commas = text.Count(c => c == ',');
        if (commas > 0)
        {
            if (commas > 1 || text.Contains('.', StringComparison.Ordinal))
            {
                return false;
            }

            text = text.Replace(',', '.');
        }

        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(text, Styles, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static double SingleFraction(Question question, ChoiceResponse response)
    {
        var picked = response.ChoiceIds.Distinct(StringComparer.Ordinal).ToList();
        if (picked.Count != 1)
        {
            return 0;
        }

        return question.Choices.Any(c => c.Correct && string.Equals(c.Id, picked[0], StringComparison.Ordinal)) ? 1 : 0;
    }

    private static double MultipleFraction(Question question, ChoiceResponse response)
    {
        var correctTotal = question.Choices.Count(c => c.Correct);
        if (correctTotal == 0)
        {
            return 0;
        }

        var picked = new HashSet<string>(response.ChoiceIds, StringComparer.Ordinal);

        // Ids of choices no longer in the question are ignored: they neither earn nor cost.
        var correctPicked = question.Choices.Count(c => c.Correct && picked.Contains(c.Id));
        var wrongPicked = question.Choices.Count(c => !c.Correct && picked.Contains(c.Id));
        return Math.Max(0, (double)(correctPicked - wrongPicked) / correctTotal);
    }

    private static bool ShortTextMatches(Question question, string text)
    {
        var answer = NormalizeText(text);
        if (question.AcceptedAnswers.Any(a => string.Equals(NormalizeText(a), answer, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (string.IsNullOrEmpty(question.AcceptedPattern))
        {
            return false;
        }

        try
        {
            return Regex.IsMatch(
                answer,
                $@"\A(?:{question.AcceptedPattern})\z",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // An invalid pattern is the parser's to report; here it simply matches nothing.
            return false;
        }
    }

    private static bool NumericMatches(Question question, string input)
    {
        if (question.Numeric is not { } expected || !TryParseNumber(input, out var value))
        {
            return false;
        }

        // A little slack so that 3.15 is within 3.14 ± 0.01 despite binary rounding.
        var slack = Epsilon * Math.Max(1, Math.Abs(expected.Value));
        return Math.Abs(value - expected.Value) <= Math.Abs(expected.Tolerance) + slack;
    }

    private static double MatchingFraction(Question question, MatchingResponse response)
    {
        if (question.Pairs.Count == 0)
        {
            return 0;
        }

        var right = 0;
        foreach (var pair in question.Pairs)
        {
            if (response.Picks.TryGetValue(QuizIds.ForText(pair.Left), out var picked)
                && string.Equals(picked, QuizIds.ForText(pair.Right), StringComparison.Ordinal))
            {
                right++;
            }
        }

        return (double)right / question.Pairs.Count;
    }

    // Moodle's ordering grading "relative to the next item, excluding the last": each item but the last
    // placed scores when the item right after it is the one that follows it in the correct order.
    private static double OrderingFraction(Question question, OrderingResponse response)
    {
        var correct = question.OrderedItems.Select(QuizIds.ForText).ToList();
        var given = response.ItemIds;

        // Anything but a rearrangement of the question's own items cannot have come from the page.
        if (correct.Count == 0 || given.Count != correct.Count
            || !correct.Order(StringComparer.Ordinal).SequenceEqual(given.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return 0;
        }

        if (correct.Count == 1)
        {
            return 1;
        }

        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < correct.Count - 1; i++)
        {
            next.TryAdd(correct[i], correct[i + 1]);
        }

        var scored = 0;
        for (var i = 0; i < given.Count - 1; i++)
        {
            if (next.TryGetValue(given[i], out var expectedNext) && string.Equals(expectedNext, given[i + 1], StringComparison.Ordinal))
            {
                scored++;
            }
        }

        return (double)scored / (correct.Count - 1);
    }
}
