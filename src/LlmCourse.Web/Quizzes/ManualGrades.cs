using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Quizzes;

/// <summary>Reading the essays' grades in force: the latest <see cref="QuizManualGrade"/> of each (attempt, question).</summary>
public static class ManualGrades
{
    /// <summary>For each of the attempts that has any, its grades in force by authored question id.</summary>
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, ManualGrade>>> LatestAsync(
        AppDbContext db, IReadOnlyCollection<string> attemptIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attemptIds);
        var rows = attemptIds.Count == 0
            ? []
            : await db.QuizManualGrades.AsNoTracking().Where(g => attemptIds.Contains(g.AttemptId)).ToListAsync(ct);
        return InForce(rows);
    }

    /// <summary>The grades in force among <paramref name="rows"/>, by attempt id then question id.</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, ManualGrade>> InForce(IEnumerable<QuizManualGrade> rows) =>
        rows.GroupBy(g => g.AttemptId, StringComparer.Ordinal)
            .ToDictionary(
                a => a.Key,
                a => (IReadOnlyDictionary<string, ManualGrade>)a
                    .GroupBy(g => g.QuestionId, StringComparer.Ordinal)
                    .Select(q => q.MaxBy(g => g.Id)!)
                    .ToDictionary(g => g.QuestionId, g => new ManualGrade(g.Mark, g.MaxMark, g.CommentHtml), StringComparer.Ordinal),
                StringComparer.Ordinal);
}
