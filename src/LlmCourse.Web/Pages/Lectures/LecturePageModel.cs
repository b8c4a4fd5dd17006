using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lectures;

/// <summary>Shared lookup for the lecture pages: a visible week holding a lecture with that id.</summary>
public abstract class LecturePageModel(CourseCatalog catalog) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Lecture Lecture { get; private set; } = null!;

    protected bool TryLoad(int number, string itemId)
    {
        if (catalog.FindItem(number, itemId) is not (var week, Lecture lecture))
        {
            return false;
        }

        Week = week;
        Lecture = lecture;
        return true;
    }
}
