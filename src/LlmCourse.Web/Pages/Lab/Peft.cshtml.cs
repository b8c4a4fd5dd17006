using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

public sealed class PeftModel : PageModel
{
    public PeftRequest Input { get; private set; } = new();

    public LabFields Fields { get; } = new();

    public PeftQuery Query { get; private set; } = PeftQuery.Default;

    public PeftReport? Report { get; private set; }

    public IActionResult OnGet([FromQuery] PeftRequest input)
    {
        Input = input;

        // An unticked checkbox sends nothing, so "no matrices" can only be told apart from "first visit" by the other fields.
        Query = PeftQuery.Parse(input, Fields, anyInput: Request.Query.Count > 0);
        if (!Fields.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = EconomicsLab.Peft(Query);
        return Page();
    }
}
