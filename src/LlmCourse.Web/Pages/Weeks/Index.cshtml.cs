using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Weeks;

public sealed class IndexModel(CourseCatalog catalog) : PageModel
{
    public Week Week { get; private set; } = null!;

    public IActionResult OnGet(int number)
    {
        if (catalog.FindWeek(number) is not { } week)
        {
            return NotFound();
        }

        Week = week;
        return Page();
    }
}
