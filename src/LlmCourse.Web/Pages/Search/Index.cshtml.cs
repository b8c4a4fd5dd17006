using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Search;

/// <summary>Full-text search over the titles and text of the items the visitor may see.</summary>
public sealed class IndexModel(SearchService search, CourseCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<(SearchHit Hit, string Url, string Kind)> Results { get; private set; } = [];

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        var query = Query.Length > 200 ? Query[..200] : Query;
        var hits = search.Current.Search(query, catalog.IsWeekVisible, max: 30);
        Results = [.. hits.Select(h =>
        {
            var item = catalog.FindItem(h.Document.Week, h.Document.ItemId)!.Value.Item;
            var url = h.Document.Slide is { } slide ? CourseUrls.Slide(h.Document.Week, h.Document.ItemId, slide) : CourseUrls.Item(h.Document.Week, h.Document.ItemId);
            return (h, url, ItemDisplay.KindLabel(item.Kind));
        })];
    }
}
