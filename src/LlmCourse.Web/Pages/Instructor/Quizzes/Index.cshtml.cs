using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor.Quizzes;

/// <summary>Every quiz of the course (draft weeks too) with its attempt counts, linking to statistics and export.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class QuizListModel(QuizReports reports) : PageModel
{
    public IReadOnlyList<QuizListing> Quizzes { get; private set; } = [];

    public async Task OnGetAsync() => Quizzes = await reports.ListAsync(HttpContext.RequestAborted);
}
