using System.Text;

namespace LlmCourse.Web.Content;

public static class DownloadEndpoints
{
    /// <summary>Any visible item's source, as the author wrote it (the lecture's "Download as Markdown").</summary>
    public static IEndpointRouteBuilder MapCourseDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/weeks/{week:int}/{itemId}/download", (int week, string itemId, CourseCatalog catalog) =>
            catalog.FindItem(week, itemId) is var (_, item)
                ? Results.File(Encoding.UTF8.GetBytes(item.Markdown), "text/markdown; charset=utf-8", $"week-{week}-{item.Id}.md")
                : Results.NotFound())
            .WithName("DownloadItem")
            .ExcludeFromDescription();
        return app;
    }
}
