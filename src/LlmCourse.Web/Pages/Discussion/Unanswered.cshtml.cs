using LlmCourse.Web.Accounts;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Authorization;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>Every question of the course still waiting for an answer, oldest first, for instructors.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class UnansweredModel(DiscussionService discussion) : DiscussionPageModel
{
    public IReadOnlyList<ThreadSummary> Threads { get; private set; } = [];

    public IReadOnlyDictionary<long, string> ItemTitles { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync()
    {
        var open = await discussion.UnansweredAsync(Viewer, HttpContext.RequestAborted);
        Threads = [.. open.Select(o => o.Thread)];
        ItemTitles = open.ToDictionary(o => o.Thread.Id, o => $"week {o.Thread.Week}: {o.ItemTitle}");
    }
}
