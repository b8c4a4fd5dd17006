using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>Deleting an account needs the password again; every record of the learner goes with it.</summary>
[Authorize]
public sealed class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountData data) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        // A wrong password counts toward the lockout exactly as a failed sign-in does.
        var check = string.IsNullOrEmpty(password) ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError(string.Empty, check.IsLockedOut ? AccountMessages.LockedOut : "The password is not right; nothing was deleted.");
            return Page();
        }

        var result = await data.DeleteAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
