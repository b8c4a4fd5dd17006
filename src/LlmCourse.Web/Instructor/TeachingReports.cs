using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Instructor;

/// <summary>The course at a glance: how many learners, how active, and per week how far they got.</summary>
public sealed record CourseOverview(int Learners, int ActiveThisWeek, IReadOnlyList<WeekOverview> Weeks);

public sealed record WeekOverview(Week Week, string State, bool VisibleToLearners, IReadOnlyList<ItemOverview> Items);

/// <summary>
/// One item: learners who started and completed it, and the completed share of all learners. For a quiz,
/// how many learners have a grade and the mean of the grades that count (0..1).
/// </summary>
public sealed record ItemOverview(CourseItem Item, int Started, int Completed, double CompletedShare, int Graded, double? AverageGrade);

/// <summary>Instructors' teaching view: the course overview and the gradebook, from the same records.</summary>
public sealed class TeachingReports(AppDbContext db, CourseStore store, QuizService quizzes, QuizOverrides overrides, TimeProvider clock)
{
    public async Task<CourseOverview> OverviewAsync(CancellationToken ct = default)
    {
        var records = await LoadAsync(ct);
        var now = clock.GetUtcNow();
        var learners = records.Learners;
        var weeks = store.Current.Course.Weeks.Select(week => new WeekOverview(
            week,
            store.StateOf(week).Describe(now),
            week.IsVisibleAt(now),
            [.. week.Items.Select(item =>
            {
                var states = learners.Select(l => records.ProgressOf(l.Id).StateOf(week.Number, item)).ToList();
                var completed = states.Count(s => s.Completed);
                var grades = item is Quiz quiz
                    ? [.. learners.Select(l => records.GradeOf(l.Id, week.Number, quiz)).OfType<double>()]
                    : new List<double>();
                return new ItemOverview(
                    item,
                    states.Count(s => s.Started),
                    completed,
                    learners.Count == 0 ? 0 : (double)completed / learners.Count,
                    grades.Count,
                    grades.Count == 0 ? null : grades.Average());
            })]));
        return new CourseOverview(learners.Count, records.ActiveSince(now.UtcDateTime.AddDays(-7)), [.. weeks]);
    }

    public async Task<Gradebook> GradebookAsync(GradebookQuery query, CancellationToken ct = default)
    {
        var records = await LoadAsync(ct);
        return Gradebook.Build([.. store.Current.VisibleWeeks(clock.GetUtcNow())], records, query);
    }

    /// <summary>A fixed number of queries, however many learners; attempts past their deadline are closed first so they count.</summary>
    private async Task<ClassRecords> LoadAsync(CancellationToken ct)
    {
        await quizzes.CloseAllOverdueAsync(ct);
        var learnerIds = from ur in db.UserRoles
                         join r in db.Roles on ur.RoleId equals r.Id
                         where r.Name == Roles.Learner
                         select ur.UserId;
        var learners = await db.Users.AsNoTracking()
            .Where(u => learnerIds.Contains(u.Id))
            .Select(u => new EnrolledLearner(u.Id, u.Email ?? "", u.DisplayName, u.CreatedAt))
            .ToListAsync(ct);
        var visits = await db.ItemVisits.AsNoTracking().Where(v => learnerIds.Contains(v.UserId)).ToListAsync(ct);
        var completions = await db.ItemCompletions.AsNoTracking().Where(c => learnerIds.Contains(c.UserId)).ToListAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.SubmittedAt != null && learnerIds.Contains(a.UserId))
            .ToListAsync(ct);
        return new ClassRecords(learners, visits, completions, attempts, await overrides.GradesAsync(ct));
    }
}
