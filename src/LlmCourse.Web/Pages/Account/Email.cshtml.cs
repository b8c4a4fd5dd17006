using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>The email section of the account page, on its own: saving course-mail choices, resending the confirmation.</summary>
[Authorize]
public sealed class EmailModel(UserManager<AppUser> users, MailPreferences preferences, AccountMail mail, MailSetup setup) : PageModel
{
    public EmailSectionView Section { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Section = await LoadAsync(user, preferences, setup, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool announcements, bool digest, int hour, string? timeZone)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var problems = await preferences.SaveAsync(user.Id, announcements, digest, hour, timeZone, HttpContext.RequestAborted);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                ModelState.AddModelError(string.Empty, problem);
            }

            Section = await LoadAsync(user, preferences, setup, HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = "Your email choices are saved.";
        return Redirect("/account#email");
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        await mail.ResendConfirmationAsync(user, HttpContext.RequestAborted);
        Message = user.EmailConfirmed ? "Your address is already confirmed." : $"A confirmation link is on its way to {user.Email}.";
        return Redirect("/account#email");
    }

    public static async Task<EmailSectionView> LoadAsync(AppUser user, MailPreferences preferences, MailSetup setup, CancellationToken cancellationToken)
    {
        var saved = await preferences.GetAsync(user.Id, cancellationToken);
        return new EmailSectionView(user.Email ?? "", user.EmailConfirmed, setup.CanSend, saved, saved.LastDigestDate is not null);
    }
}
