using System.ComponentModel.DataAnnotations;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>
/// Asks for a reset link. Every well-formed request gets the same answer, whether an account has the address, is
/// over its hourly limit, or neither: the page never tells who has an account.
/// </summary>
public sealed class ForgotPasswordModel(AccountMail mail, MailSetup setup) : PageModel
{
    public const string SentAnswer =
        "If an account uses that address, a link to choose a new password is on its way. It works once, within one hour. " +
        "Nothing there? Check the spam folder, or ask again in a few minutes.";

    [BindProperty, Required, EmailAddress, StringLength(256), Display(Name = "Email")]
    public string Email { get; set; } = "";

    public string? MailProblem => setup.Problem;

    public bool Sent { get; private set; }

    public string Answer => SentAnswer;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (MailProblem is not null)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await mail.RequestPasswordResetAsync(Email, HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
