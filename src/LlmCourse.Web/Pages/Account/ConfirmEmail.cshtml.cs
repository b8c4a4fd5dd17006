using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>
/// The page a confirmation mail links to. Opening the link only asks (mail scanners follow links); the button
/// confirms. Works signed out: the token names the account.
/// </summary>
public sealed class ConfirmEmailModel(UserManager<AppUser> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public string Address { get; private set; } = "";

    public bool LinkWorks { get; private set; }

    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindAsync();
        if (user is { EmailConfirmed: true })
        {
            Confirmed = true;
            return Page();
        }

        LinkWorks = user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<AppUser>.ConfirmEmailTokenPurpose, Token!);
        Address = user?.Email ?? "";
        return LinkWorks ? Page() : Refused();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        if (user is null)
        {
            return Refused();
        }

        if (!user.EmailConfirmed && !(await users.ConfirmEmailAsync(user, Token!)).Succeeded)
        {
            return Refused();
        }

        Confirmed = true;
        return Page();
    }

    private async Task<AppUser?> FindAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || UserId.Length > 100 ? null : await users.FindByIdAsync(UserId);

    private PageResult Refused()
    {
        LinkWorks = false;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
