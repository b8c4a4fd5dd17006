using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Lectures;

public sealed class TranscriptModel(CourseCatalog catalog) : LecturePageModel(catalog)
{
    public IActionResult OnGet(int number, string itemId) => TryLoad(number, itemId) ? Page() : NotFound();
}
