using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Lectures;

[LlmCourse.Web.ViewCounts.CountsViews]
[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class SlideModel(CourseCatalog catalog, ProgressService progress, ProgressReader reader) : LecturePageModel(catalog)
{
    public Slide Slide { get; private set; } = null!;

    public int Count => Lecture.Slides.Count;

    public ItemState? State { get; private set; }

    public async Task<IActionResult> OnGetAsync(int number, string itemId, int slide)
    {
        if (!TryLoad(number, itemId) || slide < 1 || slide > Lecture.Slides.Count)
        {
            return NotFound();
        }

        Slide = Lecture.Slides[slide - 1];
        if (ProgressReader.UserId(User) is { } userId)
        {
            await reader.TryWriteAsync(() => progress.RecordSlideViewAsync(userId, Week.Number, Lecture.Id, slide, HttpContext.RequestAborted));
            State = reader.Unavailable ? null : (await reader.CurrentOrEmptyAsync()).StateOf(Week.Number, Lecture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(int number, string itemId, int slide)
    {
        if (!TryLoad(number, itemId))
        {
            return NotFound();
        }

        if (ProgressReader.UserId(User) is not { } userId)
        {
            return Challenge();
        }

        await progress.MarkCompleteByHandAsync(userId, Week.Number, Lecture, HttpContext.RequestAborted);
        return Redirect(SlideUrl(Math.Clamp(slide, 1, Lecture.Slides.Count)));
    }

    public string SlideUrl(int n) => CourseUrls.Slide(Week.Number, Lecture.Id, n);
}
