using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>The instructor area's front page: every week (hidden ones too) and the content problems.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class IndexModel(CourseStore store, TimeProvider clock) : PageModel
{
    public CourseSnapshot Snapshot { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public void OnGet()
    {
        Snapshot = store.Current;
        Now = clock.GetUtcNow();
    }
}
