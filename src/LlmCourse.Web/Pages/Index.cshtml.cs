using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages;

public sealed class IndexModel(CourseCatalog catalog) : PageModel
{
    public Course Course { get; private set; } = null!;

    public IReadOnlyList<Week> Weeks { get; private set; } = [];

    public void OnGet()
    {
        Course = catalog.Course;
        Weeks = catalog.VisibleWeeks();
    }
}
