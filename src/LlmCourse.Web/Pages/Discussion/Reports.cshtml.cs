using LlmCourse.Web.Accounts;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>Posts that learners reported, for instructors to hide or dismiss.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class ReportsModel(DiscussionService discussion) : DiscussionPageModel
{
    public IReadOnlyList<ReportedPost> Reported { get; private set; } = [];

    public async Task OnGetAsync() => Reported = await discussion.OpenReportsAsync(Viewer, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostHideAsync(long postId)
    {
        var outcome = await discussion.SetHiddenAsync(postId, hidden: true, Viewer, HttpContext.RequestAborted);
        return Done(outcome, "The post is hidden from learners and its reports are closed.");
    }

    public async Task<IActionResult> OnPostDismissAsync(long postId)
    {
        var outcome = await discussion.DismissReportsAsync(postId, Viewer, HttpContext.RequestAborted);
        return Done(outcome, "The reports on that post are dismissed.");
    }

    private IActionResult Done(Outcome outcome, string message)
    {
        if (!outcome.Succeeded)
        {
            return Refuse(outcome) ?? NotFound();
        }

        Message = message;
        return Redirect(DiscussionUrls.Reports);
    }
}
