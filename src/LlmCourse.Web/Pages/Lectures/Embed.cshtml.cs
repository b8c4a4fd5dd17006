using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Lectures;

[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class EmbedModel(CourseCatalog catalog) : LecturePageModel(catalog)
{
    public Slide Slide { get; private set; } = null!;

    public IActionResult OnGet(int number, string itemId, int slide)
    {
        if (!TryLoad(number, itemId) || slide < 1 || slide > Lecture.Slides.Count)
        {
            return NotFound();
        }

        Slide = Lecture.Slides[slide - 1];
        return Page();
    }
}
