using System.Globalization;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Reports;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Instructor;

/// <summary>A quiz as instructors list it: where it is and how many attempts were handed in.</summary>
public sealed record QuizListing(Week Week, Quiz Quiz, int Submitted, int InProgress);

/// <summary>A changed score in the regrade log, with who did it.</summary>
public sealed record RegradeLogEntry(string AttemptId, string Learner, double OldScore, double NewScore, DateTime RegradedAt, string RegradedBy);

/// <summary>
/// Instructors' view of quizzes: every quiz (hidden weeks too), statistics, the CSV of attempts and regrading.
/// Statistics and regrades grade the stored responses against the quiz's current revision.
/// </summary>
public sealed class QuizReports(AppDbContext db, CourseStore store, QuizService quizzes, TimeProvider clock)
{
    public async Task<IReadOnlyList<QuizListing>> ListAsync(CancellationToken ct = default)
    {
        var counts = await db.QuizAttempts.AsNoTracking()
            .GroupBy(a => new { a.WeekNumber, a.QuizId })
            .Select(g => new { g.Key.WeekNumber, g.Key.QuizId, Submitted = g.Count(a => a.SubmittedAt != null), Open = g.Count(a => a.SubmittedAt == null) })
            .ToListAsync(ct);
        return [.. store.Current.Course.Weeks.SelectMany(w => w.Items.OfType<Quiz>().Select(q =>
        {
            var c = counts.FirstOrDefault(x => x.WeekNumber == w.Number && x.QuizId == q.Id);
            return new QuizListing(w, q, c?.Submitted ?? 0, c?.Open ?? 0);
        }))];
    }

    /// <summary>The quiz in any week, published or not (instructors see drafts).</summary>
    public (Week Week, Quiz Quiz)? Find(int weekNumber, string quizId) =>
        store.Current.FindWeek(weekNumber) is { } week && week.FindItem(quizId) is Quiz quiz ? (week, quiz) : null;

    /// <summary>Every submitted attempt counted as its own; attempts whose essays wait for grading are left out (and counted).</summary>
    /// <summary>
    /// Moodle's statistics of the submitted attempts, from <paramref name="which"/> of each learner's attempts; by
    /// default those the quiz's grading method counts, as Moodle's "Calculate statistics from" defaults.
    /// </summary>
    public async Task<QuizStatistics> StatisticsAsync(int weekNumber, Quiz quiz, StatisticsAttempts? which = null, CancellationToken ct = default)
    {
        var attempts = await SubmittedWithResponsesAsync(weekNumber, quiz.Id, ct);
        var manual = await ManualGrades.LatestAsync(db, [.. attempts.Select(a => a.Attempt.Id)], ct);
        return StatisticsCalculator.Compute(
            quiz,
            [.. attempts.Select(a => new StatisticsAttempt(a.Attempt.UserId, a.Attempt.Number, a.Responses, manual.GetValueOrDefault(a.Attempt.Id)))],
            which ?? StatisticsCalculator.DefaultAttempts(quiz.Settings.Grading));
    }

    /// <summary>Every attempt, one row each: learner, times, score, then one column of marks per question (current order).</summary>
    public async Task<string> CsvAsync(int weekNumber, Quiz quiz, CancellationToken ct = default)
    {
        await quizzes.CloseAllOverdueAsync(ct);
        var rows = await (from a in db.QuizAttempts.AsNoTracking()
                          join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                          where a.WeekNumber == weekNumber && a.QuizId == quiz.Id
                          orderby u.Email, a.Number
                          select new { a, u.Email, u.DisplayName }).ToListAsync(ct);
        var csv = new StringBuilder();
        var header = new List<string> { "learner", "name", "attempt", "started", "submitted", "auto_closed", "score", "max_score", "percent", "passed", "revision" };
        header.AddRange(quiz.Questions.Select(q => q.Id));
        csv.AppendRow(header);
        foreach (var row in rows)
        {
            var a = row.a;
            var marks = QuizService.Marks(a);
            var fields = new List<string>
            {
                row.Email ?? "", row.DisplayName, Number(a.Number),
                Instant(a.StartedAt), a.SubmittedAt is { } s ? Instant(s) : "",
                a.SubmittedAt is null ? "" : a.AutoClosed ? "yes" : "no",
                a.Score is { } score ? Number(score) : QuizService.NeedsGrading(a) ? NeedsGradingCell : "", Number(a.MaxScore),
                a.Score is { } sc && a.MaxScore > 0 ? Number(Math.Round(sc / a.MaxScore * 100, 2)) : "",
                a.SubmittedAt is null || QuizService.NeedsGrading(a) ? "" : a.Passed ? "yes" : "no",
                a.GradedRevision ?? a.Revision,
            };
            fields.AddRange(quiz.Questions.Select(q =>
                a.SubmittedAt is null ? ""
                : marks.TryGetValue(q.Id, out var m) ? Number(m)
                : QuizService.NeedsGrading(a) && q.Type == QuestionType.Essay ? NeedsGradingCell
                : ""));
            csv.AppendRow(fields);
        }

        return csv.ToString();
    }

    /// <summary>Grades every submitted attempt again against the current revision; logs each changed score.</summary>
    public async Task<RegradeReport> RegradeAsync(int weekNumber, Quiz quiz, string instructorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        await quizzes.StoreSnapshotAsync(quiz, ct);
        var attempts = await SubmittedWithResponsesAsync(weekNumber, quiz.Id, ct);
        var manual = await ManualGrades.LatestAsync(db, [.. attempts.Select(a => a.Attempt.Id)], ct);

        // Essays keep the marks instructors gave them; one not graded yet keeps the attempt waiting.
        var report = Regrader.Regrade(quiz, [.. attempts.Select(a => new StoredAttempt(a.Attempt.Id, a.Attempt.Score ?? 0, a.Responses, manual.GetValueOrDefault(a.Attempt.Id)))]);
        var now = clock.GetUtcNow().UtcDateTime;
        var byId = attempts.ToDictionary(a => a.Attempt.Id, a => a.Attempt, StringComparer.Ordinal);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var regraded in report.Attempts)
            {
                await quizzes.WriteGradeAsync(byId[regraded.AttemptId], quiz, regraded.Result, ct);
                if (regraded.Changed && byId[regraded.AttemptId].Score is not null)
                {
                    db.QuizRegrades.Add(new QuizRegrade
                    {
                        AttemptId = regraded.AttemptId,
                        OldScore = regraded.OldScore,
                        NewScore = regraded.NewScore,
                        Revision = quiz.Revision,
                        RegradedAt = now,
                        RegradedBy = instructorId,
                    });
                }
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        foreach (var userId in byId.Values.Select(a => a.UserId).Distinct(StringComparer.Ordinal))
        {
            await quizzes.UpdateCompletionAsync(userId, weekNumber, quiz, ct);
        }

        return report;
    }

    public async Task<IReadOnlyList<RegradeLogEntry>> RegradeLogAsync(int weekNumber, string quizId, CancellationToken ct = default)
    {
        var rows = await (from r in db.QuizRegrades.AsNoTracking()
                          join a in db.QuizAttempts.AsNoTracking() on r.AttemptId equals a.Id
                          join learner in db.Users.AsNoTracking() on a.UserId equals learner.Id
                          join instructor in db.Users.AsNoTracking() on r.RegradedBy equals instructor.Id into instructors
                          from instructor in instructors.DefaultIfEmpty()
                          where a.WeekNumber == weekNumber && a.QuizId == quizId
                          select new { r, Learner = learner.Email, By = instructor == null ? r.RegradedBy : instructor.Email })
            .ToListAsync(ct);
        return [.. rows.OrderByDescending(x => x.r.RegradedAt).ThenBy(x => x.r.Id)
            .Select(x => new RegradeLogEntry(x.r.AttemptId, x.Learner ?? "", x.r.OldScore, x.r.NewScore, x.r.RegradedAt, x.By ?? ""))];
    }

    private async Task<List<(QuizAttempt Attempt, IReadOnlyDictionary<string, QuestionResponse> Responses)>> SubmittedWithResponsesAsync(int weekNumber, string quizId, CancellationToken ct)
    {
        await quizzes.CloseAllOverdueAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.WeekNumber == weekNumber && a.QuizId == quizId && a.SubmittedAt != null)
            .OrderBy(a => a.SubmittedAt)
            .ToListAsync(ct);
        var answers = await (from ans in db.QuizAnswers.AsNoTracking()
                             join a in db.QuizAttempts.AsNoTracking() on ans.AttemptId equals a.Id
                             where a.WeekNumber == weekNumber && a.QuizId == quizId && a.SubmittedAt != null
                             select ans).ToListAsync(ct);
        var byAttempt = answers.ToLookup(a => a.AttemptId, StringComparer.Ordinal);
        return [.. attempts.Select(a => (a, (IReadOnlyDictionary<string, QuestionResponse>)byAttempt[a.Id]
            .Select(r => (r.QuestionId, Response: ResponseCodec.Deserialize(r.ResponseJson)))
            .Where(r => r.Response is not null)
            .ToDictionary(r => r.QuestionId, r => r.Response!, StringComparer.Ordinal)))];
    }

    /// <summary>What the CSV holds where an essay, and so its attempt's score, waits for grading (Moodle's "Requires grading").</summary>
    public const string NeedsGradingCell = "needs grading";

    private static string Number(double value) => Csv.Number(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Instant(DateTime value) => QuizService.Utc(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
