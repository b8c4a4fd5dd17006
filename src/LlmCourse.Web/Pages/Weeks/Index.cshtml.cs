using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Weeks;

[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class IndexModel(CourseCatalog catalog, ProgressReader reader) : PageModel
{
    public Week Week { get; private set; } = null!;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.Empty;

    public async Task<IActionResult> OnGetAsync(int number)
    {
        if (catalog.FindWeek(number) is not { } week)
        {
            return NotFound();
        }

        Week = week;
        Progress = await reader.CurrentOrEmptyAsync();
        return Page();
    }
}
