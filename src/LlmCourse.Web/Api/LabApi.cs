using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>
/// The Lab's calculators: pure computations open to everyone, like the Lab pages. Inputs are query strings
/// read as text so that any bad value becomes a 400 validation problem naming its field, never a 500.
/// </summary>
public static class LabApi
{
    public static RouteGroupBuilder MapLabApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lab").WithTags("Lab").AllowAnonymous();

        group.MapGet("/sampling", GetSampling)
            .WithName("LabSampling")
            .WithSummary("Next-token distribution after a prompt under temperature, top-k and top-p, and sampled continuations (same seed, same text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/accuracy", GetAccuracy)
            .WithName("LabAccuracy")
            .WithSummary("Exact-match accuracy of predicted labels against gold labels (one per line, or the parameter repeated).")
            .ProducesValidationProblem();

        group.MapGet("/text-metrics", GetTextMetrics)
            .WithName("LabTextMetrics")
            .WithSummary("ROUGE-1/2/L (rouge-score) and sentence BLEU (sacreBLEU defaults) of a candidate against references, with counts.")
            .ProducesValidationProblem();

        group.MapGet("/rouge-bootstrap", GetRougeBootstrap)
            .WithName("LabRougeBootstrap")
            .WithSummary("ROUGE-1/2/L/Lsum of each candidate/reference pair (same line, same pair) and, per ROUGE type, rouge-score's bootstrap 95% interval (low, mid, high) of the mean precision, recall and F1: 1,000 resamples, seed 123.")
            .ProducesValidationProblem();

        group.MapGet("/break-even", GetBreakEven)
            .WithName("LabBreakEven")
            .WithSummary("Daily costs of a long prompt versus a fine-tuned model, the break-even day and the cumulative cost series.")
            .ProducesValidationProblem();

        group.MapGet("/peft", GetPeft)
            .WithName("LabPeft")
            .WithSummary("Trainable parameters and training memory of full fine-tuning versus LoRA for a preset or custom transformer.")
            .ProducesValidationProblem();

        return api;
    }

    private static Results<Ok<SamplingReport>, ValidationProblem, ProblemHttpResult> GetSampling([AsParameters] SamplingRequest request, SamplingLab lab)
    {
        var fields = new LabFields();
        var query = SamplingQuery.Parse(request, fields);
        if (!fields.IsValid)
        {
            return TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
        }

        return lab.Run(query) is { } report
            ? TypedResults.Ok(report)
            : TypedResults.Problem(detail: "No published week has any text to train the model on yet.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "No model yet");
    }

    private static Results<Ok<AccuracyReport>, ValidationProblem> GetAccuracy([AsParameters] AccuracyRequest request)
    {
        var fields = new LabFields();
        var query = AccuracyQuery.Parse(request, fields);
        return fields.IsValid ? TypedResults.Ok(EvaluationLab.Accuracy(query)) : TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
    }

    private static Results<Ok<TextMetricsReport>, ValidationProblem> GetTextMetrics([AsParameters] TextMetricsRequest request)
    {
        var fields = new LabFields();
        var query = TextMetricsQuery.Parse(request, fields);
        return fields.IsValid ? TypedResults.Ok(EvaluationLab.TextMetrics(query)) : TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
    }

    private static Results<Ok<RougePairsReport>, ValidationProblem> GetRougeBootstrap([AsParameters] RougePairsRequest request)
    {
        var fields = new LabFields();
        var query = RougePairsQuery.Parse(request, fields);
        return fields.IsValid ? TypedResults.Ok(RougePairsLab.Run(query)) : TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
    }

    private static Results<Ok<BreakEvenReport>, ValidationProblem> GetBreakEven([AsParameters] BreakEvenRequest request)
    {
        var fields = new LabFields();
        var query = BreakEvenQuery.Parse(request, fields);
        return fields.IsValid ? TypedResults.Ok(EconomicsLab.BreakEven(query)) : TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
    }

    private static Results<Ok<PeftReport>, ValidationProblem> GetPeft([AsParameters] PeftRequest request, HttpContext http)
    {
        var fields = new LabFields();
        var query = PeftQuery.Parse(request, fields, anyInput: http.Request.Query.Count > 0);
        return fields.IsValid ? TypedResults.Ok(EconomicsLab.Peft(query)) : TypedResults.ValidationProblem(fields.Errors, title: "Some inputs are not valid.");
    }
}
