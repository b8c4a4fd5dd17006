using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Reports;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Instructor;

/// <summary>
/// Loads what the per-slide insight needs (quiz statistics, learners' card reviews and slide views) and hands it
/// to <see cref="MaterialInsights"/>; the figures are Core's. Only learners' records count, not instructors' trials.
/// </summary>
public sealed class MaterialInsightReports(AppDbContext db, CourseStore store, QuizReports quizzes)
{
    /// <summary>The lecture or notes with this id in any week, published or not.</summary>
    public (Week Week, CourseItem Item)? Find(int weekNumber, string itemId) =>
        store.Current.FindWeek(weekNumber) is { } week && week.FindItem(itemId) is (Lecture or Notes) and var item ? (week, item) : null;

    public async Task<MaterialInsight> ComputeAsync(Week week, CourseItem item, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(item);
        var learnerIds = from ur in db.UserRoles
                         join r in db.Roles on ur.RoleId equals r.Id
                         where r.Name == Roles.Learner
                         select ur.UserId;
        var learners = await learnerIds.Distinct().CountAsync(ct);

        // Statistics only of the quizzes that test this item: each is a query of its attempts.
        var statistics = new Dictionary<string, QuizStatistics>(StringComparer.Ordinal);
        foreach (var quiz in week.Items.OfType<Quiz>().Where(q => q.Questions.Any(x => x.Tests.Any(t => t.ItemId == item.Id))))
        {
            statistics[quiz.Id] = await quizzes.StatisticsAsync(week.Number, quiz, ct: ct);
        }

        var deckIds = week.Items.OfType<Deck>().Where(d => d.Cards.Any(c => c.Tests.Any(t => t.ItemId == item.Id))).Select(d => d.Id).ToList();
        var reviews = deckIds.Count == 0 ? [] : await db.StudyReviews.AsNoTracking()
            .Where(r => r.WeekNumber == week.Number && deckIds.Contains(r.DeckId) && learnerIds.Contains(r.UserId))
            .ToListAsync(ct);
        var views = item is not Lecture ? [] : await db.SlideViews.AsNoTracking()
            .Where(v => v.WeekNumber == week.Number && v.LectureId == item.Id && learnerIds.Contains(v.UserId))
            .Select(v => new { v.UserId, v.Slide, v.ViewedAt })
            .ToListAsync(ct);

        return MaterialInsights.Compute(
            week,
            item,
            learners,
            statistics,
            [.. reviews.Select(r => new LearnerReview(r.UserId, r.DeckId, ToLog(r)))],
            [.. views.Select(v => new SlideVisit(v.UserId, v.Slide, new DateTimeOffset(DateTime.SpecifyKind(v.ViewedAt, DateTimeKind.Utc))))]);
    }

    private static ReviewLog ToLog(StudyReview r) => new(
        r.CardId,
        (Rating)r.Rating,
        new DateTimeOffset(DateTime.SpecifyKind(r.ReviewedAt, DateTimeKind.Utc)),
        r.ElapsedDays,
        r.ScheduledDays,
        r.Interval,
        (CardLearningState)r.StateBefore,
        (CardLearningState)r.StateAfter,
        r.StabilityBefore,
        r.StabilityAfter,
        r.DifficultyBefore,
        r.DifficultyAfter);
}
