using LlmCourse.Web.Content;
using LlmCourse.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Lectures;

[OutputCache(PolicyName = CachingExtensions.CoursePages)]
public sealed class TranscriptModel(CourseCatalog catalog) : LecturePageModel(catalog)
{
    public IActionResult OnGet(int number, string itemId) => TryLoad(number, itemId) ? Page() : NotFound();
}
