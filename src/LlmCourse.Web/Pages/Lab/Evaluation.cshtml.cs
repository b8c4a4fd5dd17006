using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

/// <summary>Two forms on one page: <c>mode=labels</c> (accuracy) and <c>mode=text</c> (ROUGE and BLEU).</summary>
public sealed class EvaluationModel : PageModel
{
    public AccuracyRequest LabelsInput { get; private set; } = new();

    public TextMetricsRequest TextInput { get; private set; } = new();

    public LabFields LabelFields { get; } = new();

    public LabFields TextFields { get; } = new();

    public AccuracyQuery LabelsQuery { get; private set; } = AccuracyQuery.Default;

    public TextMetricsQuery TextQuery { get; private set; } = TextMetricsQuery.Default;

    public AccuracyReport? Accuracy { get; private set; }

    public TextMetricsReport? Text { get; private set; }

    public IActionResult OnGet(string? mode, [FromQuery] AccuracyRequest labels, [FromQuery] TextMetricsRequest text)
    {
        // Each form only sends its own fields; the other tool shows its example.
        if (mode == "labels")
        {
            LabelsInput = labels;
        }
        else if (mode == "text")
        {
            TextInput = text;
        }
        else if (!string.IsNullOrEmpty(mode))
        {
            TextFields.Add("mode", $"Unknown mode \"{mode}\": use labels or text.");
        }

        LabelsQuery = AccuracyQuery.Parse(LabelsInput, LabelFields);
        TextQuery = TextMetricsQuery.Parse(TextInput, TextFields);
        Accuracy = LabelFields.IsValid ? EvaluationLab.Accuracy(LabelsQuery) : null;
        Text = TextFields.IsValid ? EvaluationLab.TextMetrics(TextQuery) : null;
        if (!LabelFields.IsValid || !TextFields.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
