using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

public sealed class EconomicsModel : PageModel
{
    public BreakEvenRequest Input { get; private set; } = new();

    public LabFields Fields { get; } = new();

    public BreakEvenQuery Query { get; private set; } = BreakEvenQuery.Default;

    public BreakEvenReport? Report { get; private set; }

    public IActionResult OnGet([FromQuery] BreakEvenRequest input)
    {
        Input = input;
        Query = BreakEvenQuery.Parse(input, Fields);
        if (!Fields.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = EconomicsLab.BreakEven(Query);
        return Page();
    }
}
