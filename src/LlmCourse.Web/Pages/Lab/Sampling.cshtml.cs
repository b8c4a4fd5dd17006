using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

public sealed class SamplingModel(SamplingLab lab) : PageModel
{
    public SamplingRequest Input { get; private set; } = new();

    public LabFields Fields { get; } = new();

    public SamplingQuery Query { get; private set; } = SamplingQuery.Default;

    public SamplingReport? Report { get; private set; }

    public IActionResult OnGet([FromQuery] SamplingRequest input)
    {
        Input = input;
        Query = SamplingQuery.Parse(input, Fields);
        if (!Fields.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = lab.Run(Query);
        return Page();
    }
}
