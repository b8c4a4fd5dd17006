using LlmCourse.Core.Content;
using LlmCourse.Web.Announcements;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages;

[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class IndexModel(CourseCatalog catalog, ProgressReader reader, AnnouncementBoard board) : PageModel
{
    public Course Course { get; private set; } = null!;

    public IReadOnlyList<Week> Weeks { get; private set; } = [];

    public LearnerProgress Progress { get; private set; } = LearnerProgress.Empty;

    public IReadOnlyList<AnnouncementView> Announcements { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Course = catalog.Course;
        Weeks = catalog.VisibleWeeks();
        Progress = await reader.CurrentOrEmptyAsync();
        Announcements = await board.LatestAsync(HttpContext.RequestAborted);
    }
}
