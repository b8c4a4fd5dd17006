using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>An item's discussion: its threads (or one slide's) and, for signed-in learners, a form to start one.</summary>
public sealed class ItemDiscussionModel(CourseCatalog catalog, DiscussionService discussion) : DiscussionPageModel
{
    public Week Week { get; private set; } = null!;

    public CourseItem Item { get; private set; } = null!;

    public int? Slide { get; private set; }

    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    /// <summary>"question" or "comment".</summary>
    [BindProperty]
    public string Kind { get; set; } = "question";

    [BindProperty]
    public int? ForSlide { get; set; }

    public async Task<IActionResult> OnGetAsync(int number, string itemId, int? slide)
    {
        if (!await LoadAsync(number, itemId, slide))
        {
            return NotFound();
        }

        ForSlide = slide;
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(int number, string itemId, int? slide)
    {
        if (!Viewer.SignedIn)
        {
            return Challenge();
        }

        var outcome = await discussion.StartThreadAsync(number, itemId, ForSlide, Title, Body, Kind != "comment", Viewer, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return Redirect(DiscussionUrls.Post(outcome.ThreadId, outcome.PostId));
        }

        if (Refuse(outcome) is { } refused)
        {
            return refused;
        }

        var status = Response.StatusCode;
        if (!await LoadAsync(number, itemId, slide))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(int number, string itemId, int? slide)
    {
        if (catalog.FindItem(number, itemId) is not var (week, item)
            || (slide is { } s && (item is not Lecture lecture || s < 1 || s > lecture.Slides.Count)))
        {
            return false;
        }

        (Week, Item, Slide) = (week, item, slide);
        Threads = await discussion.ListAsync(week.Number, item.Id, slide, Viewer, HttpContext.RequestAborted);
        return true;
    }
}
