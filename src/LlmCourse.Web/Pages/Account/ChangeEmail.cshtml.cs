using System.ComponentModel.DataAnnotations;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>Asks for a change of address: the password first (it counts toward the lockout), then a link to the new address.</summary>
[Authorize]
public sealed class ChangeEmailModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountMail mail, MailSetup setup) : PageModel
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    public string Current { get; private set; } = "";

    public string? Sent { get; private set; }

    public string? MailProblem => setup.Problem;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Current = user.Email ?? "";
        if (MailProblem is not null || !ModelState.IsValid)
        {
            return Page();
        }

        var newEmail = Input.NewEmail.Trim();
        if (!MailText.IsSingleAddress(newEmail))
        {
            ModelState.AddModelError("Input.NewEmail", "Enter one plain email address.");
            return Page();
        }

        var check = await signIn.CheckPasswordSignInAsync(user, Input.CurrentPassword, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError(string.Empty, check.IsLockedOut ? AccountMessages.LockedOut : "The current password is not right.");
            return Page();
        }

        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", "That is already your address.");
            return Page();
        }

        if (await users.FindByEmailAsync(newEmail) is not null)
        {
            // The person is signed in and has given their password; registration says the same.
            ModelState.AddModelError("Input.NewEmail", "Another account uses that address.");
            return Page();
        }

        await mail.RequestEmailChangeAsync(user, newEmail, HttpContext.RequestAborted);
        Sent = newEmail;
        return Page();
    }

    public sealed class ChangeEmailInput
    {
        [Required, EmailAddress, StringLength(256), Display(Name = "New email address")]
        public string NewEmail { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";
    }
}
