using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Weeks;

public static class DownloadEndpoints
{
    /// <summary>
    /// A visible item's source, as the author wrote it (the lecture's "Download as Markdown"). A quiz's source
    /// is its answer key (<c>[x]</c> marks, accepted answers, explanations, feedback), so only instructors
    /// get it; anyone else is refused with 403, whatever the quiz's reveal setting.
    /// </summary>
    public static IEndpointRouteBuilder MapCourseDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/weeks/{week:int}/{itemId}/download", (int week, string itemId, CourseCatalog catalog, HttpContext http) =>
            catalog.FindItem(week, itemId) is not var (_, item) ? Results.NotFound()
            : item is Quiz && !http.User.IsInRole(Roles.Instructor) ? Results.StatusCode(StatusCodes.Status403Forbidden)
            : Results.File(Encoding.UTF8.GetBytes(item.Markdown), "text/markdown; charset=utf-8", $"week-{week}-{item.Id}.md"))
            .WithName("DownloadItem")
            .ExcludeFromDescription();
        return app;
    }
}
