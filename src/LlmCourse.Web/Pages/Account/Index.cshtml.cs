using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

[Authorize]
public sealed class IndexModel(UserManager<AppUser> users, ApiTokenService tokens, MailPreferences mailPreferences, MailSetup mailSetup) : PageModel
{
    public AppUser Profile { get; private set; } = null!;

    public IList<string> UserRoles { get; private set; } = [];

    public List<ApiToken> Tokens { get; private set; } = [];

    public EmailSectionView Email { get; private set; } = null!;

    /// <summary>A token just created: shown once, never stored in clear.</summary>
    public string? NewToken { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostCreateTokenAsync(string name)
    {
        var (token, error) = await tokens.CreateAsync(UserId, name ?? "");
        if (error is not null)
        {
            ModelState.AddModelError("name", error);
        }

        NewToken = token;
        return await LoadAsync() ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(long id)
    {
        if (!await tokens.RevokeAsync(UserId, id))
        {
            return NotFound();
        }

        Message = "Token revoked.";
        return RedirectToPage();
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }

        Profile = user;
        UserRoles = await users.GetRolesAsync(user);
        Tokens = await tokens.ListAsync(user.Id);
        Email = await EmailModel.LoadAsync(user, mailPreferences, mailSetup, HttpContext.RequestAborted);
        return true;
    }
}
