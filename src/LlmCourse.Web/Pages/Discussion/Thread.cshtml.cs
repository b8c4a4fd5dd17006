using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>
/// One thread: its posts as the caller may see them, the reply form for signed-in learners, and the forms each
/// post offers (edit, delete, report; hide, pin and mark the answer for instructors). Every handler answers
/// with a redirect back to the post it changed (post/redirect/get), or the page again with the refusal and the
/// learner's text.
/// </summary>
public sealed class ThreadModel(DiscussionService discussion) : DiscussionPageModel
{
    public ShownThread Thread { get; private set; } = null!;

    [BindProperty]
    public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(long threadId) => await LoadAsync(threadId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(long threadId)
    {
        if (!Viewer.SignedIn)
        {
            return Challenge();
        }

        var outcome = await discussion.ReplyAsync(threadId, Body, Viewer, HttpContext.RequestAborted);
        return await AnswerAsync(threadId, outcome);
    }

    public Task<IActionResult> OnPostDeleteAsync(long threadId, long postId) =>
        WriteAsync(threadId, () => discussion.DeleteAsync(postId, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostHideAsync(long threadId, long postId) =>
        WriteAsync(threadId, () => discussion.SetHiddenAsync(postId, hidden: true, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUnhideAsync(long threadId, long postId) =>
        WriteAsync(threadId, () => discussion.SetHiddenAsync(postId, hidden: false, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostAnswerAsync(long threadId, long postId) =>
        WriteAsync(threadId, () => discussion.MarkAnswerAsync(threadId, postId, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUnanswerAsync(long threadId) =>
        WriteAsync(threadId, () => discussion.MarkAnswerAsync(threadId, null, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostPinAsync(long threadId) =>
        WriteAsync(threadId, () => discussion.SetPinnedAsync(threadId, pinned: true, Viewer, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUnpinAsync(long threadId) =>
        WriteAsync(threadId, () => discussion.SetPinnedAsync(threadId, pinned: false, Viewer, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostReportAsync(long threadId, long postId, string? reason)
    {
        if (!Viewer.SignedIn)
        {
            return Challenge();
        }

        var outcome = await discussion.ReportAsync(postId, reason, Viewer, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Message = "Thank you: your report was sent to the instructors.";
        }

        return await AnswerAsync(threadId, outcome);
    }

    private async Task<IActionResult> WriteAsync(long threadId, Func<Task<Outcome>> write)
    {
        if (!Viewer.SignedIn)
        {
            return Challenge();
        }

        return await AnswerAsync(threadId, await write());
    }

    private async Task<IActionResult> AnswerAsync(long threadId, Outcome outcome)
    {
        if (outcome.Succeeded)
        {
            // The write may concern another thread than the address says (a post id from elsewhere): go where it happened.
            var thread = outcome.ThreadId != 0 ? outcome.ThreadId : threadId;
            return Redirect(outcome.PostId != 0 ? DiscussionUrls.Post(thread, outcome.PostId) : DiscussionUrls.Thread(thread) + "#thread");
        }

        if (Refuse(outcome) is { } refused)
        {
            return refused;
        }

        var status = Response.StatusCode;
        if (!await LoadAsync(threadId))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(long threadId)
    {
        if (await discussion.GetThreadAsync(threadId, Viewer, HttpContext.RequestAborted) is not { } thread)
        {
            return false;
        }

        Thread = thread;
        return true;
    }
}
