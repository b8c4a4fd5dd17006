using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Quizzes;

/// <summary>A learner's timing override as the instructor pages list it.</summary>
public sealed record LearnerOverride(string UserId, string Email, string Name, QuizOverride Override, string SetBy, DateTimeOffset SetAt);

/// <summary>A learner's grade override as the gradebook shows it.</summary>
public sealed record LearnerGradeOverride(string UserId, int Week, string QuizId, double Fraction, string Reason, string SetBy, DateTimeOffset SetAt);

/// <summary>What a change to an override came to: done, or refused with the reason (nothing changed).</summary>
public sealed record OverrideResult(bool Done, string Message, bool NotFound = false);

/// <summary>
/// Per-learner exceptions set by instructors: a quiz's close date or time limit (<see cref="QuizOverride"/>,
/// honoured by <see cref="QuizService"/>) and grades set by hand with a reason. Every change is written to the
/// audit log in the same transaction.
/// </summary>
public sealed class QuizOverrides(AppDbContext db, ProgressService completion, TimeProvider clock)
{
    /// <summary>The learner's timing override for the quiz, or null.</summary>
    public async Task<QuizOverride?> ForAsync(string userId, int week, string quizId, CancellationToken ct = default)
    {
        var row = await db.QuizUserOverrides.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == userId && o.WeekNumber == week && o.QuizId == quizId, ct);
        return row is null ? null : ToOverride(row);
    }

    /// <summary>All the learner's timing overrides, keyed by (week, quiz id): their calendar shows them.</summary>
    public async Task<IReadOnlyDictionary<(int Week, string QuizId), QuizOverride>> ForLearnerAsync(string userId, CancellationToken ct = default)
    {
        var rows = await db.QuizUserOverrides.AsNoTracking().Where(o => o.UserId == userId).ToListAsync(ct);
        return rows.ToDictionary(r => (r.WeekNumber, r.QuizId), ToOverride);
    }

    public async Task<IReadOnlyList<LearnerOverride>> ListAsync(int week, string quizId, CancellationToken ct = default)
    {
        var rows = await (from o in db.QuizUserOverrides.AsNoTracking()
                          join u in db.Users on o.UserId equals u.Id
                          where o.WeekNumber == week && o.QuizId == quizId
                          select new { o, Email = u.Email ?? "", u.DisplayName })
            .ToListAsync(ct);
        return [.. rows
            .Select(r => new LearnerOverride(r.o.UserId, r.Email, r.DisplayName, ToOverride(r.o), r.o.SetBy, QuizService.Utc(r.o.SetAt)))
            .OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Gives the learner with <paramref name="email"/> their own close date and/or time limit at the quiz, replacing
    /// any earlier override. Refused, changing nothing, for an unknown learner or an override the rule refuses.
    /// </summary>
    public async Task<OverrideResult> SetAsync(int week, Quiz quiz, string? email, QuizOverride value, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(value);
        if (await LearnerAsync(email, ct) is not { } learner)
        {
            return new OverrideResult(false, "No account has that email address.");
        }

        if (value.Problem(quiz.Settings) is { } problem)
        {
            return new OverrideResult(false, problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.QuizUserOverrides.FirstOrDefaultAsync(o => o.UserId == learner.Id && o.WeekNumber == week && o.QuizId == quiz.Id, ct);
        if (row is null)
        {
            row = new QuizUserOverride { UserId = learner.Id, WeekNumber = week, QuizId = quiz.Id };
            db.QuizUserOverrides.Add(row);
        }

        row.Closes = value.Closes?.UtcDateTime;
        row.TimeLimitMinutes = value.TimeLimit is { } limit ? (int)Math.Round(limit.TotalMinutes) : null;
        row.SetBy = actor;
        row.SetAt = now;
        Audit(now, actor, "quiz override", week, quiz.Id, $"{learner.Email}: {Describe(value)}");
        await db.SaveChangesAsync(ct);
        await RefreshDeadlinesAsync(learner.Id, week, quiz, ToOverride(row), ct);
        return new OverrideResult(true, $"{learner.Email} now has {Describe(value)}.");
    }

    /// <summary>Removes the learner's timing override: the quiz's own settings apply to them again.</summary>
    public async Task<OverrideResult> ClearAsync(int week, Quiz quiz, string userId, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var row = await db.QuizUserOverrides.FirstOrDefaultAsync(o => o.UserId == userId && o.WeekNumber == week && o.QuizId == quiz.Id, ct);
        if (row is null)
        {
            return new OverrideResult(false, "That learner has no override for this quiz.", NotFound: true);
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? userId;
        db.QuizUserOverrides.Remove(row);
        var now = clock.GetUtcNow().UtcDateTime;
        Audit(now, actor, "quiz override off", week, quiz.Id, email);
        await db.SaveChangesAsync(ct);
        await RefreshDeadlinesAsync(userId, week, quiz, null, ct);
        return new OverrideResult(true, $"{email} follows the quiz's own dates and time limit again.");
    }

    /// <summary>Every grade override, keyed by (learner, week, quiz id): the gradebook reads them in one query.</summary>
    public async Task<IReadOnlyDictionary<(string UserId, int Week, string QuizId), LearnerGradeOverride>> GradesAsync(CancellationToken ct = default)
    {
        var rows = await db.GradeOverrides.AsNoTracking().ToListAsync(ct);
        return rows.ToDictionary(r => (r.UserId, r.WeekNumber, r.QuizId), ToGrade);
    }

    /// <summary>The learner's grade override at the quiz, or null.</summary>
    public async Task<LearnerGradeOverride?> GradeAsync(string userId, int week, string quizId, CancellationToken ct = default)
    {
        var row = await db.GradeOverrides.AsNoTracking().FirstOrDefaultAsync(o => o.UserId == userId && o.WeekNumber == week && o.QuizId == quizId, ct);
        return row is null ? null : ToGrade(row);
    }

    /// <summary>
    /// Sets the learner's grade at the quiz to <paramref name="percent"/>, with the mandatory reason, replacing the grade
    /// from attempts wherever a grade counts; a grade that completes the quiz marks it complete. Refused, changing
    /// nothing, without a reason, outside 0..100, or for a learner who is not there.
    /// </summary>
    public async Task<OverrideResult> SetGradeAsync(int week, Quiz quiz, string userId, double percent, string? reason, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        if (GradeOverrides.Problem(percent, reason) is { } problem)
        {
            return new OverrideResult(false, problem);
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
        {
            return new OverrideResult(false, "No such learner.", NotFound: true);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.GradeOverrides.FirstOrDefaultAsync(o => o.UserId == userId && o.WeekNumber == week && o.QuizId == quiz.Id, ct);
        if (row is null)
        {
            row = new GradeOverride { UserId = userId, WeekNumber = week, QuizId = quiz.Id };
            db.GradeOverrides.Add(row);
        }

        var before = row.Id == 0 ? "computed grade" : Percent(row.Fraction);
        row.Fraction = percent / 100;
        row.Reason = reason!.Trim();
        row.SetBy = actor;
        row.SetAt = now;
        Audit(now, actor, "grade override", week, quiz.Id, $"{email}: {before} → {Percent(row.Fraction)}; reason: {row.Reason}");
        await db.SaveChangesAsync(ct);
        if (RevealRules.Completes(quiz.Settings, row.Fraction))
        {
            await completion.MarkCompleteAsync(userId, week, quiz.Id, QuizService.CompletionSource, ct);
        }

        return new OverrideResult(true, $"{email}'s grade for {quiz.Title} is now {Percent(row.Fraction)}.");
    }

    /// <summary>Removes a grade override (a reason is needed here too): the grade from attempts counts again.</summary>
    public async Task<OverrideResult> ClearGradeAsync(int week, Quiz quiz, string userId, string? reason, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        if (GradeOverrides.Problem(0, reason) is { } problem)
        {
            return new OverrideResult(false, problem);
        }

        var row = await db.GradeOverrides.FirstOrDefaultAsync(o => o.UserId == userId && o.WeekNumber == week && o.QuizId == quiz.Id, ct);
        if (row is null)
        {
            return new OverrideResult(false, "That learner has no grade override for this quiz.", NotFound: true);
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? userId;
        db.GradeOverrides.Remove(row);
        var now = clock.GetUtcNow().UtcDateTime;
        Audit(now, actor, "grade override off", week, quiz.Id, $"{email}: was {Percent(row.Fraction)}; reason: {reason!.Trim()}");
        await db.SaveChangesAsync(ct);
        return new OverrideResult(true, $"{email}'s grade for {quiz.Title} comes from their attempts again.");
    }

    /// <summary>How an override reads in messages and the audit log.</summary>
    public static string Describe(QuizOverride value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = new List<string>();
        if (value.Closes is { } closes)
        {
            parts.Add($"close date {closes.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        if (value.TimeLimit is { } limit)
        {
            parts.Add($"time limit {limit.TotalMinutes.ToString("0", CultureInfo.InvariantCulture)} min");
        }

        return string.Join(" and ", parts);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private void Audit(DateTime now, string actor, string action, int week, string quizId, string detail) =>
        db.PublishingAudit.Add(new PublishingAuditEntry
        {
            At = now,
            Actor = actor,
            Action = action,
            Target = $"week {week} quiz {quizId}",
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });

    /// <summary>Unfinished attempts keep their stored deadline in step, so the sweeper finds them when their own time runs out.</summary>
    private async Task RefreshDeadlinesAsync(string userId, int week, Quiz quiz, QuizOverride? value, CancellationToken ct)
    {
        var settings = AttemptRules.Apply(quiz.Settings, value);
        var open = await db.QuizAttempts.Where(a => a.UserId == userId && a.WeekNumber == week && a.QuizId == quiz.Id && a.SubmittedAt == null).ToListAsync(ct);
        foreach (var attempt in open)
        {
            attempt.Deadline = AttemptRules.Deadline(settings, QuizService.Utc(attempt.StartedAt))?.UtcDateTime;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<AppUser?> LearnerAsync(string? email, CancellationToken ct)
    {
        var normalized = email?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(normalized) ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    internal static QuizOverride ToOverride(QuizUserOverride row) => new(
        row.Closes is { } c ? QuizService.Utc(c) : null,
        row.TimeLimitMinutes is { } m ? TimeSpan.FromMinutes(m) : null);

    internal static LearnerGradeOverride ToGrade(GradeOverride row) =>
        new(row.UserId, row.WeekNumber, row.QuizId, row.Fraction, row.Reason, row.SetBy, QuizService.Utc(row.SetAt));
}
