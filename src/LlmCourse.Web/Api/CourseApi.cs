using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <summary>The published course outline and item metadata: open to everyone, like the pages.</summary>
public static class CourseApi
{
    public static RouteGroupBuilder MapCourseApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Course").AllowAnonymous();

        group.MapGet("/course", GetCourse)
            .WithName("GetCourse")
            .WithSummary("The course outline: published weeks and their items, in order.");

        group.MapGet("/weeks/{week:int}/items/{itemId}", GetItem)
            .WithName("GetItem")
            .WithSummary("One published item's metadata (no answers: quiz questions and cards have their own endpoints).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static Ok<CourseOutline> GetCourse(CourseCatalog catalog) =>
        TypedResults.Ok(new CourseOutline(
            catalog.Course.Title,
            catalog.Course.Tagline,
            [.. catalog.VisibleWeeks().Select(w => new WeekOutline(w.Number, w.Title, w.Summary, CourseUrls.Week(w.Number), [.. w.Items.Select(i => Summary(w, i))]))]));

    private static Results<Ok<ItemDetails>, ProblemHttpResult> GetItem(int week, string itemId, CourseCatalog catalog)
    {
        if (catalog.FindItem(week, itemId) is not var (w, item))
        {
            return ApiProblems.NotFound($"Week {week} has no published item '{itemId}'.");
        }

        return TypedResults.Ok(new ItemDetails(
            w.Number, item.Id, KindName(item.Kind), item.Title, item.Summary, item.Tags, CourseUrls.Item(w, item), item.Revision,
            (item as Lecture)?.Slides.Count, (item as Deck)?.Cards.Count, (item as Quiz)?.Questions.Count, (item as Notes)?.ReadingMinutes,
            (item as Lecture)?.Slides.Select(s => s.Title).ToList()));
    }

    internal static ItemSummary Summary(Week week, CourseItem item) =>
        new(item.Id, KindName(item.Kind), item.Title, item.Summary, item.Tags, CourseUrls.Item(week, item), item switch
        {
            Lecture l => l.Slides.Count,
            Deck d => d.Cards.Count,
            Quiz q => q.Questions.Count,
            Notes n => n.ReadingMinutes,
            _ => 0,
        });

    internal static string KindName(ItemKind kind) => kind.ToString().ToLowerInvariant();
}
