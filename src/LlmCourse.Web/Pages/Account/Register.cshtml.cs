using System.ComponentModel.DataAnnotations;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

public sealed class RegisterModel(UserAdmin admin, SignInManager<AppUser> signIn, AppDbContext db, AccountMail mail, MailSetup setup, Outbox outbox) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

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

        // The account and its confirmation mail are saved together, or neither is.
        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        var (user, errors) = await admin.CreateAsync(Input.Email.Trim(), Input.Password, Roles.Learner, Input.DisplayName);
        if (user is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }

            return Page();
        }

        if (setup.CanSend && MailText.IsSingleAddress(user.Email))
        {
            await mail.AddConfirmationAsync(user);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        await transaction.CommitAsync(HttpContext.RequestAborted);
        outbox.Wake();
        if (signIn.Options.SignIn.RequireConfirmedEmail && !user.EmailConfirmed)
        {
            Message = $"Your account is ready. We have sent a link to {user.Email}: follow it to confirm your address, then sign in.";
            return Redirect("/account/sign-in");
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(SafeReturn.Url(Url, returnUrl, "/dashboard"));
    }

    public sealed class RegisterInput
    {
        [Required, StringLength(100), Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, StringLength(200, MinimumLength = 10), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required, DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The passwords do not match."), Display(Name = "Repeat password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
