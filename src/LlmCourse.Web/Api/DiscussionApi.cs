using System.Globalization;
using LlmCourse.Web.Content;
using LlmCourse.Web.Discussion;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>Body of a new thread.</summary>
/// <param name="Slide">For a lecture: the slide the thread is about (omit for the lecture as a whole).</param>
/// <param name="Question">True (the default) for a question that waits for an answer, false for a comment.</param>
public sealed record NewThreadRequest(string? Title, string? Body, int? Slide = null, bool? Question = null);

/// <summary>Body of a reply or an edit: Markdown, as on the site (raw HTML is shown as text).</summary>
public sealed record PostBodyRequest(string? Body);

/// <summary>A post rendered as it would be saved.</summary>
public sealed record PostPreview(string Html);

/// <summary>An item's threads.</summary>
public sealed record ThreadListing(int Week, string ItemId, int? Slide, IReadOnlyList<ThreadSummary> Threads);

/// <summary>A thread with the posts the caller may see (hidden posts reach instructors only; deleted ones have no body).</summary>
public sealed record ThreadDetails(ThreadSummary Thread, string ItemTitle, long? AnswerPostId, IReadOnlyList<ShownPost> Posts, string Url);

/// <summary>Discussion threads on course items: read by anyone who may see the item; posting needs a signed-in learner.</summary>
public static class DiscussionApi
{
    public static RouteGroupBuilder MapDiscussionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Discussion");

        group.MapGet("/weeks/{week:int}/items/{itemId}/threads", ListThreads)
            .AllowAnonymous()
            .WithName("ListThreads")
            .WithSummary("An item's discussion threads (for a lecture, optionally one slide's with ?slide=), pinned first, then the most recently active.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/weeks/{week:int}/items/{itemId}/threads", StartThread)
            .RequireAuthorization()
            .WithName("StartThread")
            .WithSummary("Starts a thread on an item (a question unless question is false). Rate-limited per learner: 429 with Retry-After.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("/threads/{threadId:long}", GetThread)
            .AllowAnonymous()
            .WithName("GetThread")
            .WithSummary("A thread and its posts as the caller may see them, with what the caller may do with each post.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/threads/{threadId:long}/posts", Reply)
            .RequireAuthorization()
            .WithName("ReplyToThread")
            .WithSummary("Replies to a thread; its author is notified. Rate-limited per learner: 429 with Retry-After.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPut("/posts/{postId:long}", Edit)
            .RequireAuthorization()
            .WithName("EditPost")
            .WithSummary("Edits the caller's own post, within the edit window (15 minutes by default; 409 after it).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapDelete("/posts/{postId:long}", Delete)
            .RequireAuthorization()
            .WithName("DeletePost")
            .WithSummary("Deletes the caller's own post: its text is erased and the thread shows a placeholder in its place.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/discussion/preview", Preview)
            .RequireAuthorization()
            .WithName("PreviewPost")
            .WithSummary("Renders a post's Markdown exactly as saving it would (raw HTML shown as text, links allow-listed), without saving.");

        return api;
    }

    private static Results<Ok<PostPreview>, ProblemHttpResult> Preview(PostBodyRequest request) =>
        LlmCourse.Core.Discussion.DiscussionRules.CheckBody(request.Body) is { } problem
            ? Api.ApiProblems.BadRequest(problem)
            : TypedResults.Ok(new PostPreview(LlmCourse.Core.Content.PostMarkdown.RenderHtml(request.Body!.Trim())));

    private static async Task<Results<Ok<ThreadListing>, ProblemHttpResult>> ListThreads(int week, string itemId, int? slide, CourseCatalog catalog, DiscussionService discussion, HttpContext http)
    {
        if (catalog.FindItem(week, itemId) is not var (w, item))
        {
            return Api.ApiProblems.NotFound($"Week {week} has no published item '{itemId}'.");
        }

        var threads = await discussion.ListAsync(w.Number, item.Id, slide, Viewer.From(http.User), http.RequestAborted);
        return TypedResults.Ok(new ThreadListing(w.Number, item.Id, slide, threads));
    }

    private static async Task<Results<Created<ThreadDetails>, ProblemHttpResult>> StartThread(
        int week, string itemId, NewThreadRequest request, DiscussionService discussion, HttpContext http)
    {
        var viewer = Viewer.From(http.User);
        var outcome = await discussion.StartThreadAsync(week, itemId, request.Slide, request.Title, request.Body, request.Question ?? true, viewer, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Created($"/api/v1/threads/{outcome.ThreadId}", await DetailsAsync(discussion, outcome.ThreadId, viewer, http)) : Problem(outcome, http);
    }

    private static async Task<Results<Ok<ThreadDetails>, ProblemHttpResult>> GetThread(long threadId, DiscussionService discussion, HttpContext http)
    {
        var details = await DetailsOrNullAsync(discussion, threadId, Viewer.From(http.User), http);
        return details is null ? Api.ApiProblems.NotFound($"No thread {threadId}, or you may not see it.") : TypedResults.Ok(details);
    }

    private static async Task<Results<Created<ThreadDetails>, ProblemHttpResult>> Reply(long threadId, PostBodyRequest request, DiscussionService discussion, HttpContext http)
    {
        var viewer = Viewer.From(http.User);
        var outcome = await discussion.ReplyAsync(threadId, request.Body, viewer, http.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/threads/{threadId}#post-{outcome.PostId}", await DetailsAsync(discussion, threadId, viewer, http))
            : Problem(outcome, http);
    }

    private static async Task<Results<Ok<ThreadDetails>, ProblemHttpResult>> Edit(long postId, PostBodyRequest request, DiscussionService discussion, HttpContext http)
    {
        var viewer = Viewer.From(http.User);
        var outcome = await discussion.EditAsync(postId, request.Body, viewer, http.RequestAborted);
        return outcome.Succeeded ? TypedResults.Ok(await DetailsAsync(discussion, outcome.ThreadId, viewer, http)) : Problem(outcome, http);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long postId, DiscussionService discussion, HttpContext http)
    {
        var outcome = await discussion.DeleteAsync(postId, Viewer.From(http.User), http.RequestAborted);
        return outcome.Succeeded ? TypedResults.NoContent() : Problem(outcome, http);
    }

    private static async Task<ThreadDetails> DetailsAsync(DiscussionService discussion, long threadId, Viewer viewer, HttpContext http) =>
        await DetailsOrNullAsync(discussion, threadId, viewer, http) ?? throw new InvalidOperationException($"Thread {threadId} vanished after a write.");

    private static async Task<ThreadDetails?> DetailsOrNullAsync(DiscussionService discussion, long threadId, Viewer viewer, HttpContext http) =>
        await discussion.GetThreadAsync(threadId, viewer, http.RequestAborted) is { } t
            ? new ThreadDetails(t.Summary, t.ItemTitle, t.AnswerPostId, t.Posts, DiscussionUrls.Thread(t.Summary.Id))
            : null;

    private static ProblemHttpResult Problem(Outcome outcome, HttpContext http)
    {
        var (status, title) = outcome.Kind switch
        {
            OutcomeKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            OutcomeKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            OutcomeKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            OutcomeKind.TooFast => (StatusCodes.Status429TooManyRequests, "Too many posts"),
            _ => (StatusCodes.Status400BadRequest, "Bad request"),
        };
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(detail: outcome.Message, statusCode: status, title: title);
    }
}
