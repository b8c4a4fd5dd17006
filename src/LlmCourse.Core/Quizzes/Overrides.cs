using System.Globalization;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// One learner's exception to a quiz's timing (Moodle's user override): a later (or earlier) close date and/or a
/// different time limit. A null member keeps the quiz's own setting.
/// </summary>
public sealed record QuizOverride(DateTimeOffset? Closes, TimeSpan? TimeLimit)
{
    /// <summary>The longest time limit an override may give.</summary>
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromDays(7);

    /// <summary>Why this override cannot be stored for a quiz with <paramref name="settings"/>; null when it can.</summary>
    public string? Problem(QuizSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Closes is null && TimeLimit is null)
        {
            return "Give a close date, a time limit, or both.";
        }

        if (TimeLimit is { } limit && (limit < TimeSpan.FromMinutes(1) || limit > MaxTimeLimit))
        {
            return $"The time limit must be between 1 and {MaxTimeLimit.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes.";
        }

        if (Closes is { } closes && settings.Opens is { } opens && closes <= opens)
        {
            return $"The close date must be after the quiz opens ({opens:u}).";
        }

        return null;
    }
}

/// <summary>An instructor's grade for a learner's quiz that replaces the one computed from attempts.</summary>
public static class GradeOverrides
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Why a grade of <paramref name="percent"/> with <paramref name="reason"/> is refused; null when it is
    /// accepted. A reason is mandatory: an override without one could not be explained later.
    /// </summary>
    public static string? Problem(double percent, string? reason)
    {
        if (double.IsNaN(percent) || percent < 0 || percent > 100)
        {
            return "The grade must be a percentage from 0 to 100.";
        }

        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "Give the reason for the override; it is kept in the audit log.";
        }

        return trimmed.Length > MaxReasonLength ? $"Keep the reason under {MaxReasonLength} characters." : null;
    }

    /// <summary>The grade that counts (0..1): the override when there is one, else the grade from attempts.</summary>
    public static double? Counting(double? fromAttempts, double? overrideFraction) => overrideFraction ?? fromAttempts;
}
