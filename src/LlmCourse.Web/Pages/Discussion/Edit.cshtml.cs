using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>The author edits their own post, within the edit window. Anyone else's post does not exist here.</summary>
[Authorize]
public sealed class EditPostModel(DiscussionService discussion) : DiscussionPageModel
{
    public long PostId { get; private set; }

    public long ThreadId { get; private set; }

    public string ThreadTitle { get; private set; } = "";

    /// <summary>False once the edit window is over: the page says so and offers no form.</summary>
    public bool MayEdit { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(long postId)
    {
        if (!await LoadAsync(postId))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long postId)
    {
        var outcome = await discussion.EditAsync(postId, Body, Viewer, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return Redirect(DiscussionUrls.Post(outcome.ThreadId, outcome.PostId));
        }

        // Someone else's post is simply not found here.
        if (outcome.Kind == OutcomeKind.Forbidden)
        {
            return NotFound();
        }

        if (Refuse(outcome) is { } refused)
        {
            return refused;
        }

        var status = Response.StatusCode;
        var body = Body;
        if (!await LoadAsync(postId))
        {
            return NotFound();
        }

        (Response.StatusCode, Body) = (status, body);
        return Page();
    }

    private async Task<bool> LoadAsync(long postId)
    {
        if (await discussion.GetOwnPostAsync(postId, Viewer, HttpContext.RequestAborted) is not var (post, thread) || post.DeletedAt is not null)
        {
            return false;
        }

        (PostId, ThreadId, ThreadTitle, Body, MayEdit) = (post.Id, thread.Id, thread.Title, post.BodyMarkdown, discussion.MayEditNow(post, Viewer));
        return true;
    }
}
