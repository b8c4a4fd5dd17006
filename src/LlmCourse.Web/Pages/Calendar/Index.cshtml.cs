using LlmCourse.Core.Calendar;
using LlmCourse.Web.Calendar;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Calendar;

/// <summary>The course calendar of the signed-in user, and their secret feed address for calendar apps.</summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CalendarModel(CalendarFeeds feeds) : PageModel
{
    public IReadOnlyList<CalendarEvent> Events { get; private set; } = [];

    public bool Instructor { get; private set; }

    public bool HasFeed { get; private set; }

    /// <summary>The feed address just created, shown once (only its hash is kept).</summary>
    [TempData]
    public string? NewFeedUrl { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var userId = ProgressReader.UserId(User)!;
        Instructor = await feeds.IsInstructorAsync(userId, HttpContext.RequestAborted);
        Events = await feeds.EventsAsync(userId, Instructor, HttpContext.RequestAborted);
        HasFeed = await feeds.HasFeedAsync(userId, HttpContext.RequestAborted);
    }

    /// <summary>Creates the feed address, or replaces it (the old one stops working).</summary>
    public async Task<IActionResult> OnPostRotateAsync()
    {
        var token = await feeds.RotateAsync(ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        NewFeedUrl = $"{Request.Scheme}://{Request.Host}{CalendarFeeds.Path(token)}";
        return Redirect("/calendar");
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await feeds.RevokeAsync(ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        Message = "Your calendar feed address no longer works. Calendar apps subscribed to it will stop updating.";
        return Redirect("/calendar");
    }
}
