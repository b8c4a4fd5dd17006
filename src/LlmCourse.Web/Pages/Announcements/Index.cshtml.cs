using LlmCourse.Web.Announcements;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Announcements;

/// <summary>Every announcement, newest first; public, like the course itself.</summary>
public sealed class AnnouncementsModel(AnnouncementService announcements) : PageModel
{
    public IReadOnlyList<AnnouncementView> All { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => All = await announcements.ListAsync(HttpContext.RequestAborted);
}
