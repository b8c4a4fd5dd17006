using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>The signed-in learner's own progress. Writes are PUTs: replaying one changes nothing.</summary>
public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/progress").WithTags("Progress").RequireAuthorization();

        group.MapGet("", GetProgress)
            .WithName("GetMyProgress")
            .WithSummary("The learner's progress: course percentage, where to continue, and every item's state.");

        group.MapPut("/weeks/{week:int}/items/{itemId}/slides/{slide:int}", PutSlideViewed)
            .WithName("MarkSlideViewed")
            .WithSummary("Records that the learner viewed a slide of a lecture (and makes it the resume point).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/weeks/{week:int}/items/{itemId}/completion", PutCompleted)
            .WithName("MarkItemComplete")
            .WithSummary("Marks an item complete (notes read, lecture finished). The first completion time is kept. A quiz answers 409: it is complete only through its grade.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }

    private static async Task<Ok<ProgressSummary>> GetProgress(CourseCatalog catalog, ProgressReader reader)
    {
        var weeks = catalog.VisibleWeeks();
        var progress = await reader.CurrentAsync();
        var totals = weeks.Select(progress.WeekTotals).ToList();
        var total = totals.Sum(t => t.Total);
        var percent = total == 0 ? 0 : (int)Math.Floor(100.0 * totals.Sum(t => t.Done) / total);
        var next = progress.ContinueWhereLeftOff(weeks);
        return TypedResults.Ok(new ProgressSummary(
            percent,
            next is var (w, i, s) ? new ContinueAt(w.Number, i.Id, s, i is Lecture && s > 0 ? CourseUrls.Slide(w.Number, i.Id, s) : CourseUrls.Item(w, i)) : null,
            [.. weeks.Select((week, index) => new WeekProgress(week.Number, totals[index].Done, totals[index].Total, [.. week.Items.Select(item =>
            {
                var state = progress.StateOf(week.Number, item);
                return new ItemProgress(item.Id, CourseApi.KindName(item.Kind), state.Started, state.Completed, state.LastSlide, state.SlidesSeen, state.LastAt, state.CompletedAt);
            })]))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutSlideViewed(
        int week, string itemId, int slide, CourseCatalog catalog, ProgressService progress, HttpContext http)
    {
        if (catalog.FindItem(week, itemId) is not (var w, Lecture lecture))
        {
            return ApiProblems.NotFound($"Week {week} has no published lecture '{itemId}'.");
        }

        if (slide < 1 || slide > lecture.Slides.Count)
        {
            return ApiProblems.NotFound($"The lecture has slides 1 to {lecture.Slides.Count}.");
        }

        await progress.RecordSlideViewAsync(ProgressReader.UserId(http.User)!, w.Number, lecture.Id, slide, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutCompleted(
        int week, string itemId, CourseCatalog catalog, ProgressService progress, HttpContext http)
    {
        if (catalog.FindItem(week, itemId) is not var (w, item))
        {
            return ApiProblems.NotFound($"Week {week} has no published item '{itemId}'.");
        }

        if (!CompletionRules.MayMarkByHand(item))
        {
            return TypedResults.Problem(
                detail: $"'{item.Id}' is a quiz: it is complete once an attempt's grade completes it, and cannot be marked complete by hand.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Completed by grading");
        }

        await progress.MarkCompleteByHandAsync(ProgressReader.UserId(http.User)!, w.Number, item, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
