using LlmCourse.Core.Reports;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>Learners × quizzes with the grade that counts, items completed and the quiz average; filtered, sorted, exported.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class GradebookModel(TeachingReports reports) : PageModel
{
    public Gradebook Book { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? q, int? week, string? sort, string? dir, bool csv = false)
    {
        var query = new GradebookQuery(q, week, sort, string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase));
        Book = await reports.GradebookAsync(query, HttpContext.RequestAborted);
        return csv
            ? File(Csv.ToUtf8WithBom(Book.ToCsv()), "text/csv; charset=utf-8", week is { } n ? $"gradebook-week{n}.csv" : "gradebook.csv")
            : Page();
    }
}
