using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Publishing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>Instructors' authoring helpers: the editor's live preview.</summary>
public static class PublishingApi
{
    public static RouteGroupBuilder MapPublishingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instructor").WithTags("Instructor").RequireAuthorization(Policies.Instructor);

        group.MapPost("/preview", Preview)
            .WithName("PreviewContent")
            .WithSummary("Renders unsaved Markdown of a course file as the site would, with its problems by line. Stores nothing.");

        return api;
    }

    private static Ok<PreviewResponse> Preview(PreviewRequest request, CourseStore store)
    {
        var result = ItemPreview.Render(store, request.Path ?? "", request.Text ?? "");
        return TypedResults.Ok(new PreviewResponse(result.Html, [.. result.Errors.Select(e => new PreviewProblem(e.Line, e.Message))]));
    }
}

/// <param name="Path">The file's path in the course, like <c>weeks/03-lora/01-notes.md</c>.</param>
/// <param name="Text">The Markdown to render.</param>
public sealed record PreviewRequest(string? Path, string? Text);

public sealed record PreviewProblem(int Line, string Message);

public sealed record PreviewResponse(string Html, IReadOnlyList<PreviewProblem> Problems);
