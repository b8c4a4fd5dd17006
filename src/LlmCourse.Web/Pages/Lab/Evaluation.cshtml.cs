using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

/// <summary>
/// Three forms on one page: <c>mode=labels</c> (accuracy), <c>mode=text</c> (ROUGE, BLEU and chrF of one candidate) and
/// <c>mode=pairs</c> (ROUGE over several pairs, with bootstrap confidence intervals).
/// </summary>
public sealed class EvaluationModel : PageModel
{
    public AccuracyRequest LabelsInput { get; private set; } = new();

    public TextMetricsRequest TextInput { get; private set; } = new();

    public RougePairsRequest PairsInput { get; private set; } = new();

    public LabFields LabelFields { get; } = new();

    public LabFields TextFields { get; } = new();

    public LabFields PairFields { get; } = new();

    public AccuracyQuery LabelsQuery { get; private set; } = AccuracyQuery.Default;

    public TextMetricsQuery TextQuery { get; private set; } = TextMetricsQuery.Default;

    public RougePairsQuery PairsQuery { get; private set; } = RougePairsQuery.Default;

    public AccuracyReport? Accuracy { get; private set; }

    public TextMetricsReport? Text { get; private set; }

    public RougePairsReport? Pairs { get; private set; }

    public IActionResult OnGet(string? mode, [FromQuery] AccuracyRequest labels, [FromQuery] TextMetricsRequest text, [FromQuery] RougePairsRequest pairs)
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
        else if (mode == "pairs")
        {
            PairsInput = pairs;
        }
        else if (!string.IsNullOrEmpty(mode))
        {
            TextFields.Add("mode", $"Unknown mode \"{mode}\": use labels, text or pairs.");
        }

        LabelsQuery = AccuracyQuery.Parse(LabelsInput, LabelFields);
        TextQuery = TextMetricsQuery.Parse(TextInput, TextFields);
        Accuracy = LabelFields.IsValid ? EvaluationLab.Accuracy(LabelsQuery) : null;
        Text = TextFields.IsValid ? EvaluationLab.TextMetrics(TextQuery) : null;
        PairsQuery = RougePairsQuery.Parse(PairsInput, PairFields);
        Pairs = PairFields.IsValid ? RougePairsLab.Run(PairsQuery) : null;
        if (!LabelFields.IsValid || !TextFields.IsValid || !PairFields.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
