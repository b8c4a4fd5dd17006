using System.Security.Claims;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>Resetting progress asks first: the GET shows what will be forgotten, the POST does it.</summary>
[Authorize]
public sealed class ResetModel(ProgressService progress, CourseCatalog catalog) : PageModel
{
    public IReadOnlyList<Week> Weeks { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? Week { get; set; }

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet()
    {
        Weeks = catalog.VisibleWeeks();
        return Week is { } n && catalog.FindWeek(n) is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(bool confirm)
    {
        Weeks = catalog.VisibleWeeks();
        if (Week is { } n && catalog.FindWeek(n) is null)
        {
            return NotFound();
        }

        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, "Tick the box to confirm the reset.");
            return Page();
        }

        await progress.ResetAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Week, HttpContext.RequestAborted);
        Message = Week is null ? "Your progress in the course has been reset." : $"Your progress in week {Week} has been reset.";
        return Redirect("/dashboard");
    }
}
