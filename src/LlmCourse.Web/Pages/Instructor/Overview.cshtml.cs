using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>The course at a glance for instructors: learners enrolled and, per week and item, how many completed it.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class OverviewModel(TeachingReports reports) : PageModel
{
    public CourseOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync() => Overview = await reports.OverviewAsync(HttpContext.RequestAborted);
}
