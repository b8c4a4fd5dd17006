using LlmCourse.Web.Announcements;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Pages.Announcements;

[Authorize(Policy = Policies.Instructor)]
public sealed class NewAnnouncementModel(AnnouncementService announcements, UserManager<AppUser> users, AppDbContext db, MailSetup setup) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public int Subscribers { get; private set; }

    public string? MailProblem => setup.Problem;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => Subscribers = await CountSubscribersAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var author = await users.GetUserAsync(User);
        var (posted, problems) = await announcements.PostAsync(Title ?? "", Body ?? "", author?.DisplayName ?? "An instructor", HttpContext.RequestAborted);
        if (posted is null)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            Subscribers = await CountSubscribersAsync();
            return Page();
        }

        Message = posted.Recipients == 0 ? "Announcement posted." : $"Announcement posted and queued for {posted.Recipients} {(posted.Recipients == 1 ? "person" : "people")} by email.";
        return Redirect("/announcements");
    }

    private Task<int> CountSubscribersAsync() =>
        db.EmailPreferences.Where(p => p.Announcements).Join(db.Users.Where(u => u.EmailConfirmed), p => p.UserId, u => u.Id, (p, u) => p).CountAsync(HttpContext.RequestAborted);
}
