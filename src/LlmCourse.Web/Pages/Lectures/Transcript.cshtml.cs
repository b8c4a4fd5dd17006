using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Lectures;

[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class TranscriptModel(CourseCatalog catalog) : LecturePageModel(catalog)
{
    public IActionResult OnGet(int number, string itemId) => TryLoad(number, itemId) ? Page() : NotFound();
}
