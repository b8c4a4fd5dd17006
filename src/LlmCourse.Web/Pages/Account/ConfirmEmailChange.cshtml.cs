using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Account;

/// <summary>The page the change-of-address mail links to; works signed out (the token names the account and the address).</summary>
public sealed class ConfirmEmailChangeModel(UserManager<AppUser> users, AccountMail mail) : PageModel
{
    private const string Refused = "This link has expired or was already used. Links work once, within one hour of being sent.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "email")]
    public string? NewEmail { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindAsync();
        var works = user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, UserManager<AppUser>.GetChangeEmailTokenPurpose(NewEmail!), Token!);
        return works ? Page() : RefusedPage([Refused]);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } user)
        {
            return RefusedPage([Refused]);
        }

        var problems = await mail.ConfirmEmailChangeAsync(user, NewEmail!, Token!, HttpContext.RequestAborted);
        if (problems.Count > 0)
        {
            return RefusedPage(problems);
        }

        Done = true;
        return Page();
    }

    private async Task<AppUser?> FindAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) || !MailText.IsSingleAddress(NewEmail) || UserId.Length > 100
            ? null
            : await users.FindByIdAsync(UserId);

    private PageResult RefusedPage(IReadOnlyList<string> problems)
    {
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
