using System.Globalization;
using LlmCourse.Core.Study;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Study;

/// <summary>
/// The course's scheduling settings (<c>Scheduling</c> in configuration). The course's calendar decides what counts
/// as "the same day" for FSRS, for the scheduler and the optimiser alike (docs/scheduling.md).
/// </summary>
public sealed class SchedulingOptions
{
    /// <summary>An IANA (or Windows) time zone id; empty means UTC.</summary>
    public string TimeZone { get; set; } = "";

    /// <summary>When the course's day starts in that zone (Anki's "next day starts at"); 00:00 to 23:59.</summary>
    public TimeSpan DayStartsAt { get; set; }

    /// <summary>The day boundary these settings describe.</summary>
    /// <exception cref="InvalidOperationException">The zone is unknown or the start of day is out of range.</exception>
    public FsrsDayBoundary DayBoundary()
    {
        if (DayStartsAt < TimeSpan.Zero || DayStartsAt >= TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Scheduling:DayStartsAt must be between 00:00 and 23:59, not {DayStartsAt}.");
        }

        if (string.IsNullOrWhiteSpace(TimeZone))
        {
            return DayStartsAt == TimeSpan.Zero ? FsrsDayBoundary.UtcMidnight : new FsrsDayBoundary(TimeZoneInfo.Utc, DayStartsAt);
        }

        try
        {
            return new FsrsDayBoundary(TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim()), DayStartsAt);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Scheduling:TimeZone '{TimeZone}' is not a time zone this machine knows.", e);
        }
    }
}

/// <summary>The weights each deck schedules with: the deck's own, else the course's, else FSRS-6's defaults.</summary>
public sealed record CourseWeights(IReadOnlyList<double>? Course, IReadOnlyDictionary<string, IReadOnlyList<double>> Decks)
{
    public const string CourseScope = "course";

    public static CourseWeights Defaults { get; } = new(null, new Dictionary<string, IReadOnlyList<double>>());

    public static string DeckScope(int week, string deckId) => $"{week}/{deckId}";

    /// <summary>The weights for one deck; null means the defaults.</summary>
    public IReadOnlyList<double>? For(int week, string deckId) =>
        Decks.TryGetValue(DeckScope(week, deckId), out var own) ? own : Course;

    /// <summary>Weights as stored: invariant round-trip numbers separated by commas.</summary>
    public static string Format(IReadOnlyList<double> parameters) =>
        string.Join(",", parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Stored weights read back; null for a value that is not 21 valid weights (then the defaults apply).</summary>
    public static IReadOnlyList<double>? Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return null;
        }

        var values = new List<double>();
        foreach (var part in stored.Split(','))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values.Add(value);
        }

        return FsrsScheduler.ParameterProblems(values).Count == 0 ? values : null;
    }
}

/// <summary>
/// Builds a learner's scheduler from the course's adopted weights, the course's day boundary and the learner's
/// desired retention. Weights are read once per request scope.
/// </summary>
public sealed class CourseScheduling(AppDbContext db, SchedulingOptions options)
{
    private CourseWeights? _weights;

    public FsrsDayBoundary DayBoundary { get; } = options.DayBoundary();

    public async Task<CourseWeights> WeightsAsync(CancellationToken ct = default)
    {
        if (_weights is not null)
        {
            return _weights;
        }

        var rows = await db.FsrsWeightSets.AsNoTracking().Select(w => new { w.Scope, w.Parameters }).ToListAsync(ct);
        var decks = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        IReadOnlyList<double>? course = null;
        foreach (var row in rows)
        {
            if (CourseWeights.Parse(row.Parameters) is not { } parsed)
            {
                continue;
            }

            if (row.Scope == CourseWeights.CourseScope)
            {
                course = parsed;
            }
            else
            {
                decks[row.Scope] = parsed;
            }
        }

        return _weights = new CourseWeights(course, decks);
    }

    /// <summary>The scheduler for one deck's cards.</summary>
    public async Task<FsrsScheduler> SchedulerAsync(StudySettings settings, int week, string deckId, CancellationToken ct = default) =>
        Scheduler(settings, await WeightsAsync(ct), week, deckId);

    public FsrsScheduler Scheduler(StudySettings settings, CourseWeights weights, int week, string deckId) =>
        new(new FsrsOptions(
            Parameters: weights.For(week, deckId),
            DesiredRetention: Math.Clamp(settings.DesiredRetention, FsrsOptions.MinRetention, FsrsOptions.MaxRetention),
            DayBoundary: DayBoundary));
}
