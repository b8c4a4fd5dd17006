using System.Globalization;
using LlmCourse.Core.Content;

namespace LlmCourse.Web.Quizzes;

/// <summary>How quiz numbers and settings read on the pages.</summary>
public static class QuizDisplay
{
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0
            ? $"{span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)} minute{(span.TotalMinutes == 1 ? "" : "s")}"
            : $"{Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} seconds";

    /// <summary>Time left as m:ss (or h:mm:ss), the same format the countdown script writes.</summary>
    public static string Clock(TimeSpan left)
    {
        var seconds = (long)Math.Max(0, Math.Ceiling(left.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Score(double? score, double max) => score is { } s ? $"{Number(s)} / {Number(max)} ({Percent(max > 0 ? s / max : 1)})" : "—";

    public static string Instant(DateTime utc) => QuizService.Utc(utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Grading(GradingMethod method) => method switch
    {
        GradingMethod.Highest => "Your highest attempt",
        GradingMethod.Average => "The average of your attempts",
        GradingMethod.First => "Your first attempt",
        GradingMethod.Last => "Your last attempt",
        _ => method.ToString(),
    };

    public static string Reveal(RevealPolicy policy) => policy switch
    {
        RevealPolicy.AfterEachAttempt => "After each attempt",
        RevealPolicy.AfterLastAttempt => "After your last attempt",
        RevealPolicy.AfterClose => "After the quiz closes",
        RevealPolicy.Never => "Never",
        _ => policy.ToString(),
    };

    public static string Marks(MarksPolicy policy) => policy switch
    {
        MarksPolicy.Immediately => "When you hand in an attempt",
        MarksPolicy.AfterClose => "After the quiz closes",
        MarksPolicy.Never => "Never",
        _ => policy.ToString(),
    };

    /// <summary>What a learner reads where a score would be while the quiz holds marks back.</summary>
    public static string MarksHeld(MarksPolicy policy) => policy == MarksPolicy.AfterClose
        ? "Your mark is shown after the quiz closes"
        : "This quiz does not show marks";

    /// <summary>What a learner reads where the score of an attempt with an ungraded essay would be.</summary>
    public const string WaitingForGrading = "Waiting for grading";

    public static string Points(double points) => $"{Number(points)} point{(points == 1 ? "" : "s")}";
}
