using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages;

/// <summary>The page shown for error status codes (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Load(code);

    public void OnPost(int code) => Load(code);

    private void Load(int code)
    {
        Code = code;
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "There is no page at this address. The week or item may not exist, or may not be published yet."),
            403 => ("Not allowed", "Your account may not open this page."),
            401 => ("Please sign in", "This page needs you to be signed in."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            _ => ("Something went wrong", "The request could not be completed."),
        };

        // A direct visit to /status/404 must not answer 200.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        }
    }
}
