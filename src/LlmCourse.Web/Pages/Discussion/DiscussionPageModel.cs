using System.Globalization;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Discussion;

/// <summary>What the discussion pages share: turning a write's <see cref="Outcome"/> into an answer.</summary>
public abstract class DiscussionPageModel : PageModel
{
    /// <summary>Why the last write was refused, shown above the form that keeps the text.</summary>
    public string? Refusal { get; protected set; }

    /// <summary>
    /// A one-time message after a redirect. Kept in TempData only for signed-in callers: touching TempData on an
    /// anonymous request would send a cookie, and anonymous discussion pages send none.
    /// </summary>
    public string? Message
    {
        get => User.Identity?.IsAuthenticated == true ? TempData["DiscussionMessage"] as string : null;
        set => TempData["DiscussionMessage"] = value;
    }

    public Viewer Viewer => Viewer.From(User);

    /// <summary>
    /// A refusal the learner can fix (too fast, invalid, too late) is shown on the page with the right status and
    /// their text still in the form; access refusals are answered as such. Null when the caller should re-render.
    /// </summary>
    protected IActionResult? Refuse(Outcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return NotFound();
            case OutcomeKind.Forbidden:
                return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
            case OutcomeKind.TooFast:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = ((int)Math.Ceiling(outcome.RetryAfter!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                break;
            case OutcomeKind.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            default:
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }

        Refusal = outcome.Message;
        return null;
    }
}
