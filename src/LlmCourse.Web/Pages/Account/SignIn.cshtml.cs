using System.ComponentModel.DataAnnotations;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

public sealed class SignInModel(SignInManager<AppUser> signIn, PasswordTiming timing, AccountMail mail) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData]
    public string? Message { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());

        // lockoutOnFailure: every failed password counts towards the lockout.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturn.Url(Url, returnUrl, "/dashboard"));
        }

        // Accounts:RequireConfirmedEmail: Identity refuses an unconfirmed account before looking at the password, so
        // the password is checked here; only someone who knows it learns that the address needs confirming.
        if (result.IsNotAllowed && user is not null)
        {
            if (await signIn.UserManager.CheckPasswordAsync(user, Input.Password))
            {
                await mail.ResendConfirmationAsync(user, HttpContext.RequestAborted);
                ModelState.AddModelError(string.Empty, AccountMessages.ConfirmFirst);
                return Page();
            }

            // A wrong guess counts toward the lockout here too.
            await signIn.UserManager.AccessFailedAsync(user);
        }

        // Unknown and locked accounts are refused before any password is hashed; spend the same time, say the same words.
        if (user is null || result.IsLockedOut)
        {
            timing.VerifyAgainstNothing(Input.Password);
        }

        ModelState.AddModelError(string.Empty, AccountMessages.SignInFailed);
        return Page();
    }

    public sealed class SignInInput
    {
        [Required, EmailAddress]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
