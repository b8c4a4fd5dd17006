using LlmCourse.Core.Reports;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor.Quizzes;

/// <summary>Every attempt at a quiz as CSV: learner, times, score, then the mark of each question.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class QuizExportModel(QuizReports reports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int week, string quizId)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NotFound();
        }

        var csv = await reports.CsvAsync(w.Number, quiz, HttpContext.RequestAborted);
        return File(Csv.ToUtf8WithBom(csv), "text/csv; charset=utf-8", $"week{w.Number}-{quiz.Id}-attempts.csv");
    }
}
