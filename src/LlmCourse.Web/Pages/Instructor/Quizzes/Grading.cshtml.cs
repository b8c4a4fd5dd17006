using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor.Quizzes;

/// <summary>
/// Grading a quiz's essays by hand: its essay questions with what waits, and for one question every handed-in
/// answer with a form for a mark (0 to the question's points) and a comment. A refused grade is shown with the
/// answer it was for, and nothing is stored.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class QuizGradingModel(QuizReports reports, EssayGrading grading) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Quiz Quiz { get; private set; } = null!;

    public IReadOnlyList<EssayQuestionSummary> Essays { get; private set; } = [];

    /// <summary>The essay whose answers are listed; null when the quiz has none.</summary>
    public Question? Question { get; private set; }

    public IReadOnlyList<EssayAnswer> Answers { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>After a refused grade: the attempt it was for, why, and what was typed (shown again in that form).</summary>
    public (string AttemptId, string Problem, string Mark, string Comment)? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(int week, string quizId, string? question) =>
        await LoadAsync(week, quizId, question) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGradeAsync(int week, string quizId, string? question, string? attemptId, string? mark, string? comment)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NotFound();
        }

        // A mark that is not a number goes on as NaN, which the rule refuses with the range it accepts.
        var value = ManualGrading.TryParseMark(mark, out var parsed) ? parsed : double.NaN;
        var result = await grading.GradeAsync(
            w.Number, quiz, attemptId ?? "", question ?? "", value, comment, ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case GradeOutcome.Done:
                Message = result.Message;
                return Redirect($"{Address(w.Number, quiz.Id, question)}#answer-{attemptId}");
            case GradeOutcome.Invalid:
                await LoadAsync(week, quizId, question);
                Refused = (attemptId!, result.Message, mark ?? "", comment ?? "");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return NotFound();
        }
    }

    public static string Address(int week, string quizId, string? questionId) =>
        QuizUrls.Grading(week, quizId) + (questionId is null ? "" : "?question=" + Uri.EscapeDataString(questionId));

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The mark in force on the question's present points (a grade keeps its share when the points change).</summary>
    public static string CurrentMark(EssayAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Grade is { } g ? Number(g.MaxMark > 0 ? g.Mark / g.MaxMark * answer.Points : g.Mark) : "";
    }

    private async Task<bool> LoadAsync(int week, string quizId, string? question)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return false;
        }

        (Week, Quiz) = (w, quiz);
        Essays = await grading.SummaryAsync(w.Number, quiz, HttpContext.RequestAborted);
        if (question is not null && Essays.All(e => e.Question.Id != question))
        {
            return false;
        }

        // Without a choice, the first essay with answers waiting (else the first essay).
        Question = question is not null
            ? Essays.First(e => e.Question.Id == question).Question
            : (Essays.FirstOrDefault(e => e.NeedsGrading > 0) ?? Essays.FirstOrDefault())?.Question;
        Answers = Question is null ? [] : await grading.AnswersAsync(w.Number, quiz, Question.Id, HttpContext.RequestAborted);
        return true;
    }
}
