using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Weeks;

/// <summary>One item of a week. Lectures open on a slide; the other kinds render here.</summary>
public sealed class ItemModel(CourseCatalog catalog) : PageModel
{
    public Week Week { get; private set; } = null!;

    public CourseItem Item { get; private set; } = null!;

    public CourseItem? Previous { get; private set; }

    public CourseItem? Next { get; private set; }

    public IReadOnlyList<(Week Week, CourseItem Item)> Related { get; private set; } = [];

    public IActionResult OnGet(int number, string itemId)
    {
        if (catalog.FindItem(number, itemId) is not var (week, item))
        {
            return NotFound();
        }

        if (item is Lecture)
        {
            return Redirect(CourseUrls.Slide(week.Number, item.Id, 1));
        }

        Week = week;
        Item = item;
        var index = IndexOf(week, item);
        Previous = index > 0 ? week.Items[index - 1] : null;
        Next = index < week.Items.Count - 1 ? week.Items[index + 1] : null;
        Related = CourseNavigation.Related(catalog.VisibleWeeks(), week, item, max: 5);
        return Page();
    }

    private static int IndexOf(Week week, CourseItem item)
    {
        for (var i = 0; i < week.Items.Count; i++)
        {
            if (ReferenceEquals(week.Items[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}
