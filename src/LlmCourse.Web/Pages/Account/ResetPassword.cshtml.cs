using System.ComponentModel.DataAnnotations;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>
/// The page a reset mail links to. The token is checked before the form is shown (without spending it) and again
/// when the new password is set, which spends it and signs the account out everywhere.
/// </summary>
public sealed class ResetPasswordModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    public const string LinkRefused = "This link has expired or was already used. Links work once, within one hour of being sent.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool LinkWorks { get; private set; }

    public string Refusal { get; private set; } = LinkRefused;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindAsync();
        LinkWorks = user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token!);
        return LinkWorks ? Page() : BadRequestPage();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return BadRequestPage();
        }

        LinkWorks = true;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mail.ResetPasswordAsync(user, Token!, Input.NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                LinkWorks = false;
                return BadRequestPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        Message = "Your password has been changed, and every browser that was signed in to your account has been signed out. Sign in with the new password.";
        return Redirect("/account/sign-in");
    }

    private async Task<AppUser?> FindAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 ? null : await users.FindByIdAsync(UserId);

    private PageResult BadRequestPage()
    {
        LinkWorks = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public sealed class ResetInput
    {
        [Required, StringLength(200, MinimumLength = 10), DataType(DataType.Password), Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required, DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match."), Display(Name = "Repeat new password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
