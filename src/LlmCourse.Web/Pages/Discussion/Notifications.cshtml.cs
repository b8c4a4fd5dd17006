using System.Security.Claims;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>The signed-in learner's notices: replies to their threads. Opening one marks it read.</summary>
[Authorize]
public sealed class NotificationsModel(DiscussionService discussion) : DiscussionPageModel
{
    public IReadOnlyList<NotificationLine> Notices { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync() => Notices = await discussion.NotificationsAsync(UserId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostOpenAsync(long id) =>
        await discussion.MarkReadAsync(UserId, id, HttpContext.RequestAborted) is { } url ? Redirect(url) : NotFound();

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await discussion.MarkReadAsync(UserId, null, HttpContext.RequestAborted);
        return Redirect(DiscussionUrls.Notifications);
    }
}
