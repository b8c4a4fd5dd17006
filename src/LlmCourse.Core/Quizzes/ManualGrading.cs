using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// An instructor's grade of one essay answer. The mark is kept with the points the question had when it was given,
/// so the grade keeps its share of the points when the author later changes them and the attempt is regraded (as
/// Moodle keeps a manual grade as a fraction).
/// </summary>
/// <param name="Mark">Points given, 0..<paramref name="MaxMark"/>.</param>
/// <param name="MaxMark">The question's points when it was graded.</param>
/// <param name="CommentHtml">The grader's comment, rendered by <see cref="ManualGrading.RenderComment"/>; null for none.</param>
public sealed record ManualGrade(double Mark, double MaxMark, string? CommentHtml = null)
{
    /// <summary>The share of the points given, 0..1.</summary>
    public double Fraction => MaxMark > 0 ? Math.Clamp(Mark / MaxMark, 0, 1) : 0;
}

/// <summary>The rules for grading an essay by hand: which answers may be graded, which marks and comments are accepted.</summary>
public static class ManualGrading
{
    /// <summary>Longest grader's comment, in UTF-16 code units.</summary>
    public const int MaxCommentLength = 5000;

    /// <summary>
    /// Why <paramref name="mark"/> and <paramref name="comment"/> cannot be stored as the grade of
    /// <paramref name="response"/> to <paramref name="question"/>; null when they can. Only an answered essay is
    /// graded by hand (an empty one scores 0 on its own); the mark is a finite number from 0 to the question's points.
    /// </summary>
    public static string? Problem(Question question, QuestionResponse? response, double mark, string? comment)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Type != QuestionType.Essay)
        {
            return "only essay questions are graded by hand";
        }

        if (response is not TextResponse { IsEmpty: false })
        {
            return "this attempt has no answer to the question, so there is nothing to grade (it scores 0)";
        }

        if (!double.IsFinite(mark) || mark < 0 || mark > question.Points)
        {
            return $"the mark must be a number from 0 to {Number(question.Points)}";
        }

        if (comment is not null)
        {
            if (comment.Length > MaxCommentLength)
            {
                return $"the comment is {comment.Length} characters long; at most {MaxCommentLength} are accepted";
            }

            if (!ResponseBounds.IsWellFormed(comment))
            {
                return "the comment is not valid Unicode text";
            }
        }

        return null;
    }

    /// <summary>Reads a mark as typed: a decimal point (or a single decimal comma), no thousands separators.</summary>
    public static bool TryParseMark(string? text, out double mark) => Grader.TryParseNumber(text, out mark);

    /// <summary>
    /// The comment as HTML through the course's one Markdown pipeline (raw HTML shown as text, link schemes
    /// allow-listed), so a comment can never carry markup of its own; null when the comment is blank.
    /// </summary>
    public static string? RenderComment(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? null : CourseMarkdown.RenderHtml(comment.Trim());

    private static string Number(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
