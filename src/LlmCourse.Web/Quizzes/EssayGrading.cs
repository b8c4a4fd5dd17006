using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Quizzes;

/// <summary>An essay question of a quiz and how many handed-in answers to it wait for grading, are graded, or were left empty.</summary>
public sealed record EssayQuestionSummary(Question Question, int NeedsGrading, int Graded, int Unanswered);

/// <summary>A grade in force, with who gave it (their email, or their id if the account is gone) and when.</summary>
public sealed record GivenGrade(double Mark, double MaxMark, string Comment, string? CommentHtml, string GradedBy, DateTime GradedAt);

/// <summary>One learner's answer to an essay question in one handed-in attempt, and its grade if it has one.</summary>
/// <param name="Points">The question's points in the revision the attempt is graded against (what a mark is out of).</param>
public sealed record EssayAnswer(
    string AttemptId, int AttemptNumber, string LearnerEmail, string LearnerName, DateTime SubmittedAt, string? Text, double Points, GivenGrade? Grade)
{
    public bool Answered => !string.IsNullOrWhiteSpace(Text);

    public bool NeedsGrading => Answered && Grade is null;
}

public enum GradeOutcome
{
    Done,

    /// <summary>No handed-in attempt with that id at this quiz, or its quiz has no such question.</summary>
    NotFound,

    /// <summary>The mark or comment was refused (<see cref="ManualGrading.Problem"/>); nothing was stored.</summary>
    Invalid,
}

/// <param name="AttemptScore">The attempt's score after the grade; null while another essay in it still waits.</param>
public sealed record GradeResult(GradeOutcome Outcome, string Message, double? AttemptScore = null, double AttemptMaxScore = 0);

/// <summary>
/// Instructors grading essays by hand, as Moodle's manual grading report: the essay questions of a quiz with what waits,
/// every handed-in answer to one of them, and storing a mark (0 to the question's points) with a comment. A grade is a
/// new <see cref="QuizManualGrade"/> row naming the grader (the latest row is in force; the earlier ones stay as the
/// record), and the attempt is graded again at once: when no essay in it waits any more it gets its score, pass or
/// fail, and the quiz's completion follows.
/// </summary>
public sealed class EssayGrading(AppDbContext db, QuizService quizzes, TimeProvider clock)
{
    /// <summary>The quiz's essay questions (current revision) with their counts over every handed-in attempt.</summary>
    public async Task<IReadOnlyList<EssayQuestionSummary>> SummaryAsync(int weekNumber, Quiz quiz, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var summaries = new List<EssayQuestionSummary>();
        foreach (var question in quiz.Questions.Where(q => q.Type == QuestionType.Essay))
        {
            var answers = await AnswersAsync(weekNumber, quiz, question.Id, ct);
            summaries.Add(new EssayQuestionSummary(question, answers.Count(a => a.NeedsGrading), answers.Count(a => a.Grade is not null), answers.Count(a => !a.Answered)));
        }

        return summaries;
    }

    /// <summary>Every handed-in attempt's answer to essay <paramref name="questionId"/>, waiting ones first, then by learner.</summary>
    public async Task<IReadOnlyList<EssayAnswer>> AnswersAsync(int weekNumber, Quiz quiz, string questionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        await quizzes.CloseAllOverdueAsync(ct);
        var attempts = await (from a in db.QuizAttempts.AsNoTracking()
                              join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                              where a.WeekNumber == weekNumber && a.QuizId == quiz.Id && a.SubmittedAt != null
                              select new { a, u.Email, u.DisplayName }).ToListAsync(ct);
        var ids = attempts.Select(x => x.a.Id).ToList();
        var texts = (await db.QuizAnswers.AsNoTracking()
                .Where(x => ids.Contains(x.AttemptId) && x.QuestionId == questionId)
                .Select(x => new { x.AttemptId, x.ResponseJson })
                .ToListAsync(ct))
            .ToDictionary(x => x.AttemptId, x => ResponseCodec.Deserialize(x.ResponseJson) is TextResponse t ? t.Text : null, StringComparer.Ordinal);
        var grades = await LatestGradesAsync(ids, questionId, ct);

        var answers = new List<EssayAnswer>();
        foreach (var x in attempts)
        {
            // The question as the attempt is graded: an attempt on a revision where it is not an essay is not graded by hand.
            var taken = await quizzes.QuizAtAsync(x.a.GradedRevision ?? x.a.Revision, quiz, ct);
            if (taken?.Questions.FirstOrDefault(q => q.Id == questionId) is not { Type: QuestionType.Essay } question)
            {
                continue;
            }

            answers.Add(new EssayAnswer(
                x.a.Id, x.a.Number, x.Email ?? "", x.DisplayName, x.a.SubmittedAt!.Value, texts.GetValueOrDefault(x.a.Id), question.Points, grades.GetValueOrDefault(x.a.Id)));
        }

        return [.. answers
            .OrderByDescending(a => a.NeedsGrading)
            .ThenBy(a => a.LearnerEmail, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.AttemptNumber)];
    }

    /// <summary>
    /// Grades the answer to essay <paramref name="questionId"/> in attempt <paramref name="attemptId"/>. Refused,
    /// storing nothing, when the attempt is not a handed-in attempt at this quiz, the question is not one of its
    /// essays, there is no answer, or the mark or comment break <see cref="ManualGrading.Problem"/>.
    /// </summary>
    public async Task<GradeResult> GradeAsync(
        int weekNumber, Quiz current, string attemptId, string questionId, double mark, string? comment, string graderId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (string.IsNullOrEmpty(attemptId) || attemptId.Length > 32 || string.IsNullOrEmpty(questionId) || questionId.Length > 200)
        {
            return new GradeResult(GradeOutcome.NotFound, "There is no such answer to grade.");
        }

        var attempt = await db.QuizAttempts.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attemptId && a.WeekNumber == weekNumber && a.QuizId == current.Id && a.SubmittedAt != null, ct);
        var quiz = attempt is null ? null : await quizzes.QuizAtAsync(attempt.GradedRevision ?? attempt.Revision, current, ct);
        var question = quiz?.Questions.FirstOrDefault(q => q.Id == questionId);
        if (attempt is null || quiz is null || question is null)
        {
            return new GradeResult(GradeOutcome.NotFound, "There is no such handed-in attempt at this quiz, or it has no such question.");
        }

        comment = comment?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? "";
        var saved = await quizzes.SavedAnswersAsync(attempt.Id, ct);
        if (ManualGrading.Problem(question, saved.GetValueOrDefault(questionId), mark, comment) is { } problem)
        {
            return new GradeResult(GradeOutcome.Invalid, $"The grade was refused: {problem}. Nothing was stored.");
        }

        AttemptResult result;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Touching the attempt first makes a second grader of the same attempt wait here, so each grading reads
            // every grade committed before it and the score stored last counts them all.
            await db.QuizAttempts.Where(a => a.Id == attempt.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.MaxScore, a => a.MaxScore), ct);
            db.QuizManualGrades.Add(new QuizManualGrade
            {
                AttemptId = attempt.Id,
                QuestionId = questionId,
                Mark = mark,
                MaxMark = question.Points,
                Comment = comment,
                CommentHtml = ManualGrading.RenderComment(comment),
                GradedBy = graderId,
                GradedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var manual = (await ManualGrades.LatestAsync(db, [attempt.Id], ct)).GetValueOrDefault(attempt.Id);
            result = AttemptGrader.Grade(quiz, saved, manual);
            await quizzes.WriteGradeAsync(attempt, quiz, result, ct);
            await tx.CommitAsync(ct);
        }

        await quizzes.UpdateCompletionAsync(attempt.UserId, weekNumber, current, ct);
        return new GradeResult(
            GradeOutcome.Done,
            result.NeedsGrading ? "Grade saved. Another essay in this attempt still waits for grading." : "Grade saved; the attempt is fully graded.",
            result.FinalScore,
            result.MaxScore);
    }

    /// <summary>Every grading of one answer, newest first: the record of who graded it and when.</summary>
    public async Task<IReadOnlyList<GivenGrade>> HistoryAsync(string attemptId, string questionId, CancellationToken ct = default)
    {
        var rows = await (from g in db.QuizManualGrades.AsNoTracking()
                          join u in db.Users.AsNoTracking() on g.GradedBy equals u.Id into graders
                          from u in graders.DefaultIfEmpty()
                          where g.AttemptId == attemptId && g.QuestionId == questionId
                          orderby g.Id descending
                          select new { g, Email = u == null ? null : u.Email }).ToListAsync(ct);
        return [.. rows.Select(x => Given(x.g, x.Email))];
    }

    private async Task<Dictionary<string, GivenGrade>> LatestGradesAsync(List<string> attemptIds, string questionId, CancellationToken ct)
    {
        var rows = await (from g in db.QuizManualGrades.AsNoTracking()
                          join u in db.Users.AsNoTracking() on g.GradedBy equals u.Id into graders
                          from u in graders.DefaultIfEmpty()
                          where attemptIds.Contains(g.AttemptId) && g.QuestionId == questionId
                          select new { g, Email = u == null ? null : u.Email }).ToListAsync(ct);
        return rows.GroupBy(x => x.g.AttemptId, StringComparer.Ordinal)
            .ToDictionary(
                x => x.Key,
                x =>
                {
                    var latest = x.MaxBy(r => r.g.Id)!;
                    return Given(latest.g, latest.Email);
                },
                StringComparer.Ordinal);
    }

    private static GivenGrade Given(QuizManualGrade g, string? email) =>
        new(g.Mark, g.MaxMark, g.Comment, g.CommentHtml, email ?? g.GradedBy, g.GradedAt);
}
