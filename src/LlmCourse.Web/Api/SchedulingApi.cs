using System.Text.Json;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor.Scheduling;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="Scope"><c>course</c>, or <c>{week}/{deck}</c> for one deck.</param>
public sealed record StartOptimizationRequest(string? Scope);

/// <param name="Started">False when a run of the scope was already queued or running; <paramref name="Run"/> is that run.</param>
public sealed record StartOptimizationResponse(FsrsRunView Run, bool Started);

/// <summary>
/// Instructors optimising the course's FSRS weights, as on /instructor/scheduling. Runs are carried out in the
/// background; poll a run until its status is <c>succeeded</c> or <c>failed</c>. Learners get 403.
/// </summary>
public static class SchedulingApi
{
    public static RouteGroupBuilder MapSchedulingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instructor/scheduling").WithTags("Instructor")
            .RequireAuthorization(Policies.Instructor);

        group.MapGet("/runs", List)
            .WithName("ListFsrsOptimizationRuns")
            .WithSummary("The latest 50 FSRS optimisation runs, newest first, with progress while running and held-out log loss and RMSE (bins) before and after once finished.");

        group.MapGet("/runs/{id:long}", Get)
            .WithName("GetFsrsOptimizationRun")
            .WithSummary("One optimisation run: status, stage and progress (0–1), review counts, metrics, whether its weights were adopted.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/runs", Start)
            .WithName("StartFsrsOptimizationRun")
            .WithSummary("Queues an optimisation of {\"scope\": \"course\" | \"{week}/{deck}\"} over every learner's review logs. 202 with the run; 200 with the unfinished run when one of the scope is already queued or running; 400 for an unknown scope.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return api;
    }

    private static async Task<Ok<List<FsrsRunView>>> List(FsrsRuns runs, HttpContext http) =>
        TypedResults.Ok(await runs.RecentAsync(50, http.RequestAborted));

    private static async Task<Results<Ok<FsrsRunView>, ProblemHttpResult>> Get(long id, FsrsRuns runs, HttpContext http) =>
        await runs.FindAsync(id, http.RequestAborted) is { } run ? TypedResults.Ok(run) : ApiProblems.NotFound($"There is no optimisation run {id}.");

    // The body is read here rather than bound, so that a request of another content type still meets authorization first.
    private static async Task<Results<Accepted<StartOptimizationResponse>, Ok<StartOptimizationResponse>, ProblemHttpResult>> Start(
        FsrsRuns runs, HttpContext http)
    {
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send JSON", detail: "The body is {\"scope\": \"course\"} as application/json. Nothing was started.");
        }

        StartOptimizationRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<StartOptimizationRequest>(http.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (!runs.IsScope(request?.Scope))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown scope",
                detail: "scope must be \"course\" or \"{week}/{deck}\" naming a deck of the course. Nothing was started.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["scope"] = ["Unknown scope."] } });
        }

        var result = await runs.StartAsync(request!.Scope!, InstructorActor.Of(http.User), http.RequestAborted);
        var response = new StartOptimizationResponse(result.Run, result.Started);
        return result.Started
            ? TypedResults.Accepted($"/api/v1/instructor/scheduling/runs/{result.Run.Id}", response)
            : TypedResults.Ok(response);
    }
}
