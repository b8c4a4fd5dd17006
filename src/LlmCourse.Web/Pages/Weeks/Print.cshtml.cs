using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Weeks;

/// <summary>
/// <c>/weeks/{n}/print</c>: the whole week on one page to print or save as PDF. Lectures (every slide with its
/// transcript), notes and flashcards (questions and answers) in full; a quiz only as its introduction and rules,
/// never its questions. A week learners may not see is not found, as on every other week page.
/// </summary>
[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class PrintModel(CourseCatalog catalog) : PageModel
{
    public Week Week { get; private set; } = null!;

    /// <summary>The week's address on the web, printed so a paper copy leads back to it.</summary>
    public string WeekUrl { get; private set; } = "";

    public IActionResult OnGet(int number)
    {
        if (catalog.FindWeek(number) is not { } week)
        {
            return NotFound();
        }

        Week = week;
        WeekUrl = Absolute(CourseUrls.Week(week.Number));
        return Page();
    }

    public string Absolute(string path) => $"{Request.Scheme}://{Request.Host}{Request.PathBase}{path}";

    /// <summary>An element id on this page for an item (item ids are unique within the week).</summary>
    public static string ItemAnchor(CourseItem item) => "print-" + item.Id;
}
