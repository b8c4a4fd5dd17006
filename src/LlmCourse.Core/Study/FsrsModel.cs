namespace LlmCourse.Core.Study;

/// <summary>How well the learner recalled a card; the numbers are FSRS's grades G.</summary>
public enum Rating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

/// <summary>Where a card is in the FSRS life cycle.</summary>
public enum CardLearningState
{
    /// <summary>Never reviewed: no stability or difficulty yet.</summary>
    New = 0,

    /// <summary>Going through the short learning steps (minutes) after the first review.</summary>
    Learning = 1,

    /// <summary>Scheduled in whole days by the memory model.</summary>
    Review = 2,

    /// <summary>Forgotten in review and going through the relearning steps.</summary>
    Relearning = 3,
}

/// <summary>The scheduling state of one card for one learner: what is stored between reviews.</summary>
/// <param name="CardId">The <see cref="Content.Card.Id"/> this state belongs to.</param>
/// <param name="State">Life-cycle state.</param>
/// <param name="Step">Index into the learning or relearning steps; null in New and Review.</param>
/// <param name="Stability">Days until retrievability falls to 90 %; null until the first review.</param>
/// <param name="Difficulty">1 (easy) to 10 (hard); null until the first review.</param>
/// <param name="Due">When the card should next be shown.</param>
/// <param name="LastReview">When it was last reviewed; null for a new card.</param>
public sealed record CardState(
    string CardId,
    CardLearningState State,
    int? Step,
    double? Stability,
    double? Difficulty,
    DateTimeOffset Due,
    DateTimeOffset? LastReview)
{
    /// <summary>A card never reviewed, due at <paramref name="now"/>.</summary>
    public static CardState CreateNew(string cardId, DateTimeOffset now) =>
        new(cardId, CardLearningState.New, null, null, null, now, null);

    /// <summary>Whether the card should be shown at <paramref name="now"/>.</summary>
    public bool IsDueAt(DateTimeOffset now) => Due <= now;
}

/// <summary>The record of one review, enough to replay or audit the schedule.</summary>
/// <param name="ElapsedDays">Days since the previous review as <see cref="FsrsDayBoundary"/> counts them (0 for the first).</param>
/// <param name="ScheduledDays">Whole days from this review to the new due time (0 for a step in minutes).</param>
/// <param name="Interval">The exact time from this review to the new due time.</param>
public sealed record ReviewLog(
    string CardId,
    Rating Rating,
    DateTimeOffset ReviewedAt,
    int ElapsedDays,
    int ScheduledDays,
    TimeSpan Interval,
    CardLearningState StateBefore,
    CardLearningState StateAfter,
    double? StabilityBefore,
    double StabilityAfter,
    double? DifficultyBefore,
    double DifficultyAfter);

/// <summary>The card's new state after a review, with the log of that review.</summary>
public sealed record ReviewResult(CardState Card, ReviewLog Log);

/// <summary>What each rating would do to a card now: the next intervals, for labelling the four buttons.</summary>
public sealed record IntervalPreview(TimeSpan Again, TimeSpan Hard, TimeSpan Good, TimeSpan Easy)
{
    /// <summary>The interval a rating would give.</summary>
    public TimeSpan For(Rating rating) => rating switch
    {
        Rating.Again => Again,
        Rating.Hard => Hard,
        Rating.Good => Good,
        Rating.Easy => Easy,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Unknown rating."),
    };

    /// <summary>A short button label for an interval: "1m", "10m", "3h", "2d", "1.5mo", "2.1y".</summary>
    public static string Label(TimeSpan interval)
    {
        var ic = System.Globalization.CultureInfo.InvariantCulture;
        if (interval < TimeSpan.FromHours(1))
        {
            return $"{Math.Max(1, (int)Math.Round(interval.TotalMinutes)).ToString(ic)}m";
        }

        if (interval < TimeSpan.FromDays(1))
        {
            return $"{((int)Math.Round(interval.TotalHours)).ToString(ic)}h";
        }

        if (interval < TimeSpan.FromDays(30))
        {
            return $"{((int)Math.Round(interval.TotalDays)).ToString(ic)}d";
        }

        // Months and years as Anki shows them: one decimal, 30-day months and 365-day years.
        return interval < TimeSpan.FromDays(365)
            ? $"{(interval.TotalDays / 30).ToString("0.#", ic)}mo"
            : $"{(interval.TotalDays / 365).ToString("0.#", ic)}y";
    }
}

/// <summary>
/// How FSRS counts the days between two reviews: calendar days in a time zone, each starting at
/// <see cref="StartOfDay"/>. Anki counts this way (the collection's zone, days starting at 4 am by default) and so
/// does ts-fsrs (<c>dateDiffInDays</c>: UTC dates, days starting at midnight); py-fsrs counts whole 24-hour spans
/// instead. Two reviews on the same counted day are a same-day review (the short-term stability step).
/// </summary>
/// <param name="TimeZone">The zone whose calendar counts.</param>
/// <param name="StartOfDay">When a new day begins in that zone, from 00:00 to 23:59.</param>
public sealed record FsrsDayBoundary(TimeZoneInfo TimeZone, TimeSpan StartOfDay)
{
    /// <summary>UTC days starting at midnight: ts-fsrs's count, and the default.</summary>
    public static FsrsDayBoundary UtcMidnight { get; } = new(TimeZoneInfo.Utc, TimeSpan.Zero);

    /// <summary>Calendar days from <paramref name="earlier"/> to <paramref name="later"/> (negative if later is before).</summary>
    public int DaysBetween(DateTimeOffset earlier, DateTimeOffset later) => Day(later).DayNumber - Day(earlier).DayNumber;

    /// <summary>Why this boundary is unusable, or null.</summary>
    internal string? Problem => TimeZone is null
        ? "The day boundary needs a time zone."
        : StartOfDay < TimeSpan.Zero || StartOfDay >= TimeSpan.FromDays(1)
            ? "The day must start between 00:00 and 23:59."
            : null;

    private DateOnly Day(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime - StartOfDay);
}

/// <summary>
/// Settings of the FSRS-6 scheduler. Defaults are those of open-spaced-repetition's py-fsrs v6
/// (<c>fsrs/scheduler.py</c>): the published FSRS-6 default parameters, 90 % retention, learning steps
/// 1 min and 10 min, one relearning step of 10 min, and a 36,500-day maximum interval.
/// </summary>
/// <param name="Parameters">The 21 model weights w0..w20; null means <see cref="DefaultParameters"/>.</param>
/// <param name="DesiredRetention">Target probability of recall at the due time, 0.70 to 0.97.</param>
/// <param name="LearningSteps">Null means 1 min, 10 min; empty means a new card goes straight to Review.</param>
/// <param name="RelearningSteps">Null means 10 min; empty means a lapse stays in Review.</param>
/// <param name="MaximumInterval">Longest interval in days.</param>
/// <param name="EnableFuzz">Spread day intervals of 3 days and more a little, so cards learned together drift apart.</param>
/// <param name="DayBoundary">How days between reviews are counted; null means <see cref="FsrsDayBoundary.UtcMidnight"/>.</param>
public sealed record FsrsOptions(
    IReadOnlyList<double>? Parameters = null,
    double DesiredRetention = 0.9,
    IReadOnlyList<TimeSpan>? LearningSteps = null,
    IReadOnlyList<TimeSpan>? RelearningSteps = null,
    int MaximumInterval = 36500,
    bool EnableFuzz = false,
    FsrsDayBoundary? DayBoundary = null)
{
    /// <summary>The FSRS-6 default weights w0..w20 (py-fsrs v6 <c>DEFAULT_PARAMETERS</c>).</summary>
    public static IReadOnlyList<double> DefaultParameters { get; } =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>Lowest accepted <see cref="DesiredRetention"/>.</summary>
    public const double MinRetention = 0.70;

    /// <summary>Highest accepted <see cref="DesiredRetention"/>.</summary>
    public const double MaxRetention = 0.97;
}
