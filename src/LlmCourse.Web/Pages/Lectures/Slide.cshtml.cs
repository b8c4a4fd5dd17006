using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Lectures;

public sealed class SlideModel(CourseCatalog catalog) : LecturePageModel(catalog)
{
    public Slide Slide { get; private set; } = null!;

    public int Count => Lecture.Slides.Count;

    public IActionResult OnGet(int number, string itemId, int slide)
    {
        if (!TryLoad(number, itemId) || slide < 1 || slide > Lecture.Slides.Count)
        {
            return NotFound();
        }

        Slide = Lecture.Slides[slide - 1];
        return Page();
    }

    public string SlideUrl(int n) => CourseUrls.Slide(Week.Number, Lecture.Id, n);
}
