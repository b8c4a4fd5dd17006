using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Email;

/// <summary>
/// The unsubscribe link in every course mail's footer. No sign-in needed (the signed token names the account and
/// the list); opening it only asks, because mail scanners open links, and the button does it. Mail programs use
/// the one-click address in the <c>List-Unsubscribe</c> header instead (EmailExtensions.MapEmail).
/// </summary>
public sealed class UnsubscribeModel(UnsubscribeLinks links, MailPreferences preferences) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public string ListName { get; private set; } = "";

    public IActionResult OnGet() => Read(out _, out _) ? Page() : Refused();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Read(out var userId, out var list))
        {
            return Refused();
        }

        await preferences.UnsubscribeAsync(userId, list, HttpContext.RequestAborted);
        Done = true;
        return Page();
    }

    private bool Read(out string userId, out MailList list)
    {
        Valid = links.TryRead(Token, out userId, out list);
        ListName = MailPreferences.Describe(list);
        return Valid;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
