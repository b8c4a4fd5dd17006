using LlmCourse.Core.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Progress;

/// <summary>
/// Records and reads a learner's progress. Every write but the slide-view log is idempotent: a replayed request
/// leaves the same rows. Viewing a slide upserts the day's visit and appends one timestamped <see cref="SlideView"/>
/// (a replay only adds time to the same slide); whether a lecture is complete is derived on read.
/// </summary>
public sealed class ProgressService(AppDbContext db, TimeProvider clock)
{
    /// <summary>Slides beyond this number are remembered as "last slide" but not tracked for completion.</summary>
    public const int MaxTrackedSlides = 63;

    public async Task RecordSlideViewAsync(string userId, int weekNumber, string lectureId, int slide, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (slide >= 1)
        {
            // Each opening of a slide, with its instant: the gaps between them are the time spent reading.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "SlideViews" ("UserId", "WeekNumber", "LectureId", "Slide", "ViewedAt")
                VALUES ({userId}, {weekNumber}, {lectureId}, {slide}, {now})
                """,
                ct);
        }

        var day = DateOnly.FromDateTime(now);
        var bit = slide is >= 1 and <= MaxTrackedSlides ? 1L << (slide - 1) : 0L;

        // LastAt moves only when something changed, so replaying the same view changes nothing.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ItemVisits" ("UserId", "Day", "WeekNumber", "ItemId", "LastSlide", "SlidesSeen", "FirstAt", "LastAt")
            VALUES ({userId}, {day}, {weekNumber}, {lectureId}, {slide}, {bit}, {now}, {now})
            ON CONFLICT ("UserId", "Day", "WeekNumber", "ItemId") DO UPDATE SET
              "LastAt" = CASE WHEN "ItemVisits"."LastSlide" <> excluded."LastSlide"
                                OR ("ItemVisits"."SlidesSeen" | excluded."SlidesSeen") <> "ItemVisits"."SlidesSeen"
                              THEN excluded."LastAt" ELSE "ItemVisits"."LastAt" END,
              "LastSlide" = excluded."LastSlide",
              "SlidesSeen" = "ItemVisits"."SlidesSeen" | excluded."SlidesSeen"
            """,
            ct);
    }

    /// <summary>Records a visit to a non-lecture item (notes, deck, quiz) for today.</summary>
    public Task RecordVisitAsync(string userId, int weekNumber, string itemId, CancellationToken ct = default) =>
        RecordSlideViewAsync(userId, weekNumber, itemId, 0, ct);

    /// <summary>
    /// The learner's own "mark complete". False, storing nothing, for an item whose completion only grading
    /// gives (<see cref="CompletionRules.MayMarkByHand"/>); callers check that rule first to explain the refusal.
    /// </summary>
    public async Task<bool> MarkCompleteByHandAsync(string userId, int weekNumber, CourseItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!CompletionRules.MayMarkByHand(item))
        {
            return false;
        }

        await MarkCompleteAsync(userId, weekNumber, item.Id, CompletionRules.ByHand, ct);
        return true;
    }

    /// <summary>Marks an item complete; returns false when it already was (the first completion time is kept).</summary>
    public async Task<bool> MarkCompleteAsync(string userId, int weekNumber, string itemId, string source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "ItemCompletions" ("UserId", "WeekNumber", "ItemId", "CompletedAt", "Source")
            VALUES ({userId}, {weekNumber}, {itemId}, {now}, {source})
            ON CONFLICT ("UserId", "WeekNumber", "ItemId") DO NOTHING
            """,
            ct);
        return inserted > 0;
    }

    public async Task<LearnerProgress> GetAsync(string userId, CancellationToken ct = default)
    {
        var visits = await db.ItemVisits.AsNoTracking().Where(v => v.UserId == userId).ToListAsync(ct);
        var completions = await db.ItemCompletions.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct);
        return new LearnerProgress(visits, completions);
    }

    /// <summary>Forgets viewing and completion progress for one week, or the whole course when <paramref name="weekNumber"/> is null.</summary>
    public async Task<int> ResetAsync(string userId, int? weekNumber, CancellationToken ct = default)
    {
        var visits = db.ItemVisits.Where(v => v.UserId == userId && (weekNumber == null || v.WeekNumber == weekNumber));
        var completions = db.ItemCompletions.Where(c => c.UserId == userId && (weekNumber == null || c.WeekNumber == weekNumber));
        var slideViews = db.SlideViews.Where(v => v.UserId == userId && (weekNumber == null || v.WeekNumber == weekNumber));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await visits.ExecuteDeleteAsync(ct) + await completions.ExecuteDeleteAsync(ct);
        await slideViews.ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return removed;
    }
}

/// <summary>A learner's progress, read once per request and queried in memory.</summary>
public sealed class LearnerProgress(IReadOnlyList<ItemVisit> visits, IReadOnlyList<ItemCompletion> completions)
{
    public static LearnerProgress Empty { get; } = new([], []);

    private readonly ILookup<(int, string), ItemVisit> _visits = visits.ToLookup(v => (v.WeekNumber, v.ItemId));
    private readonly Dictionary<(int, string), ItemCompletion> _completions = completions.ToDictionary(c => (c.WeekNumber, c.ItemId));

    public IReadOnlyList<ItemVisit> Visits { get; } = visits;

    public IReadOnlyList<ItemCompletion> Completions { get; } = completions;

    public ItemState StateOf(int weekNumber, CourseItem item)
    {
        var key = (weekNumber, item.Id);
        var itemVisits = _visits[key].ToList();
        var completion = _completions.TryGetValue(key, out var found) && CompletionRules.Counts(item, found.Source) ? found : null;
        var completed = completion is not null;
        var seen = itemVisits.Aggregate(0L, (mask, v) => mask | v.SlidesSeen);
        var latest = itemVisits.MaxBy(v => v.LastAt);
        if (!completed && item is Lecture lecture && lecture.Slides.Count > 0)
        {
            var tracked = Math.Min(lecture.Slides.Count, ProgressService.MaxTrackedSlides);
            var all = (1L << tracked) - 1;
            completed = (seen & all) == all;
        }

        return new ItemState(
            Started: itemVisits.Count > 0 || completed,
            Completed: completed,
            LastSlide: latest?.LastSlide ?? 0,
            SlidesSeen: System.Numerics.BitOperations.PopCount((ulong)seen),
            LastAt: latest?.LastAt,
            CompletedAt: completion?.CompletedAt);
    }

    public (int Done, int Total) WeekTotals(Week week) =>
        (week.Items.Count(i => StateOf(week.Number, i).Completed), week.Items.Count);

    /// <summary>The most recently viewed item that still exists and is visible, with the slide to resume on.</summary>
    public (Week Week, CourseItem Item, int Slide)? ContinueWhereLeftOff(IReadOnlyList<Week> visibleWeeks)
    {
        foreach (var visit in Visits.OrderByDescending(v => v.LastAt))
        {
            var week = visibleWeeks.FirstOrDefault(w => w.Number == visit.WeekNumber);
            if (week?.FindItem(visit.ItemId) is { } item)
            {
                return (week, item, visit.LastSlide);
            }
        }

        return null;
    }

    /// <summary>Visits per UTC day (the activity calendar).</summary>
    public IReadOnlyDictionary<DateOnly, int> ActivityByDay() =>
        Visits.GroupBy(v => v.Day).ToDictionary(g => g.Key, g => g.Count())
            .Concat(Completions.GroupBy(c => DateOnly.FromDateTime(c.CompletedAt)).Select(g => new KeyValuePair<DateOnly, int>(g.Key, g.Count())))
            .GroupBy(kv => kv.Key)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
}

public sealed record ItemState(bool Started, bool Completed, int LastSlide, int SlidesSeen, DateTime? LastAt, DateTime? CompletedAt);
