using System.Text.Json;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Components.Instructor;
using LlmCourse.Web.Content;
using LlmCourse.Web.Components;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>Instructors' authoring helpers: the editor's live preview.</summary>
public static class InstructorApi
{
    public static RouteGroupBuilder MapInstructorApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instructor").WithTags("Instructor").RequireAuthorization(Policies.Instructor);

        group.MapPost("/preview", Preview)
            .WithName("PreviewContent")
            .WithSummary("Renders unsaved Markdown of a course file as the site would, with its problems by line. Stores nothing.")
            .Produces<PreviewResponse>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/weeks/{week:int}/items/{itemId}/insight", Insight)
            .WithName("GetMaterialInsight")
            .WithSummary("Per slide of a lecture (or section of notes): the facility and discrimination of the questions and the FSRS difficulty, lapses and retention of the cards tied to it with tests=, reading time and stops, and the parts to rework first with their reasons.")
            .Produces<MaterialInsightResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<Results<Ok<MaterialInsightResponse>, ProblemHttpResult>> Insight(int week, string itemId, MaterialInsightReports reports, CancellationToken ct)
    {
        if (reports.Find(week, itemId) is not var (w, item))
        {
            return ApiProblems.NotFound($"Week {week} has no lecture or notes '{itemId}'.");
        }

        return TypedResults.Ok(MaterialInsightResponse.From(w.Number, await reports.ComputeAsync(w, item, ct)));
    }

    // The body is read here rather than bound, so a request of another content type still reaches
    // authorization (401/403) before it is told 415, instead of matching no route at all.
    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> Preview(HttpRequest http, CourseStore store)
    {
        if (!http.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON", detail: "The body is {\"path\": …, \"text\": …} as application/json.");
        }

        PreviewRequest request;
        try
        {
            request = await http.ReadFromJsonAsync<PreviewRequest>(http.HttpContext.RequestAborted) ?? new PreviewRequest(null, null);
        }
        catch (JsonException)
        {
            return ApiProblems.BadRequest("The body must be a JSON object {\"path\": \"…\", \"text\": \"…\"} with two strings.");
        }

        var result = ItemPreview.Render(store, request.Path ?? "", request.Text ?? "");
        var html = await ComponentHtml.RenderAsync<ItemPreviewView>(http.HttpContext.RequestServices, new Dictionary<string, object?> { [nameof(ItemPreviewView.Content)] = result.Content });
        return TypedResults.Ok(new PreviewResponse(html, [.. result.Errors.Select(e => new PreviewProblem(e.Line, e.Message))]));
    }
}

/// <param name="Path">The file's path in the course, like <c>weeks/03-lora/01-notes.md</c>.</param>
/// <param name="Text">The Markdown to render.</param>
public sealed record PreviewRequest(string? Path, string? Text);

public sealed record PreviewProblem(int Line, string Message);

public sealed record PreviewResponse(string Html, IReadOnlyList<PreviewProblem> Problems);
