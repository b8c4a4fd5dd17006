using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Weeks;

/// <summary>One item of a week. Lectures open on a slide; the other kinds render here.</summary>
[LlmCourse.Web.ViewCounts.CountsViews]
[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class ItemModel(CourseCatalog catalog, ProgressService progress, ProgressReader reader) : PageModel
{
    public Week Week { get; private set; } = null!;

    public CourseItem Item { get; private set; } = null!;

    public CourseItem? Previous { get; private set; }

    public CourseItem? Next { get; private set; }

    public IReadOnlyList<ItemLocation> Related { get; private set; } = [];

    public ItemState? State { get; private set; }

    /// <summary>Why a request on this page was refused, shown above the item.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int number, string itemId)
    {
        if (catalog.FindItem(number, itemId) is not var (week, item))
        {
            return NotFound();
        }

        return await ShowAsync(week, item, recordVisit: true);
    }

    /// <summary>"Mark as read" at the end of notes (and "mark complete" for any item but a quiz, which only its grade completes).</summary>
    public async Task<IActionResult> OnPostCompleteAsync(int number, string itemId)
    {
        if (catalog.FindItem(number, itemId) is not var (week, item))
        {
            return NotFound();
        }

        if (ProgressReader.UserId(User) is not { } userId)
        {
            return Challenge();
        }

        if (!CompletionRules.MayMarkByHand(item))
        {
            // Nothing is recorded; the page says why, with the status a script would check.
            Refusal = "A quiz cannot be marked complete by hand: it is complete once an attempt's grade completes it.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(week, item, recordVisit: false);
        }

        await progress.MarkCompleteByHandAsync(userId, week.Number, item, HttpContext.RequestAborted);
        return Redirect(CourseUrls.Item(week, item) + "#complete");
    }

    private async Task<IActionResult> ShowAsync(Week week, CourseItem item, bool recordVisit)
    {
        var state = (await reader.CurrentOrEmptyAsync()).StateOf(week.Number, item);
        if (item is Lecture lecture)
        {
            // Opening a lecture again resumes on the last slide viewed.
            var resume = Math.Clamp(state.LastSlide, 1, lecture.Slides.Count);
            return Redirect(CourseUrls.Slide(week.Number, item.Id, resume));
        }

        if (recordVisit && ProgressReader.UserId(User) is { } userId)
        {
            await reader.TryWriteAsync(() => progress.RecordVisitAsync(userId, week.Number, item.Id, HttpContext.RequestAborted));
        }

        State = state;

        Week = week;
        Item = item;
        (Previous, Next) = week.Neighbours(item.Id);
        Related = catalog.Related(item);
        return Page();
    }
}
