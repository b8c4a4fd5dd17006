using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Search;

/// <summary>Full-text search, forgiving typos, over the titles and text of the items the visitor may see.</summary>
public sealed class IndexModel(SearchService search, CourseCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<(SearchHit Hit, string Url, string Kind)> Results { get; private set; } = [];

    /// <summary>Query words the course does not use, and what was searched for instead.</summary>
    public IReadOnlyList<SearchCorrection> Corrections { get; private set; } = [];

    /// <summary>The query as searched: each word the course does not use replaced by what was searched for instead.</summary>
    public string SearchedFor => string.Join(" ", SearchIndex.Words(Query ?? "")
        .Select(w => Corrections.FirstOrDefault(c => c.Typed == w)?.SearchedFor ?? w)
        .Distinct(StringComparer.Ordinal));

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        var query = Query.Length > 200 ? Query[..200] : Query;
        var found = search.Current.Find(query, catalog.IsWeekVisible, max: 30);
        Corrections = found.Corrections;
        var hits = found.Hits;
        // The index may be one reload behind the catalog for a moment; hits it no longer has are dropped.
        Results = [.. hits
            .Select(h => (Hit: h, Found: catalog.FindItem(h.Document.Week, h.Document.ItemId)))
            .Where(x => x.Found is not null)
            .Select(x => (
                x.Hit,
                x.Hit.Document.Slide is { } slide ? CourseUrls.Slide(x.Hit.Document.Week, x.Hit.Document.ItemId, slide) : CourseUrls.Item(x.Hit.Document.Week, x.Hit.Document.ItemId),
                ItemDisplay.KindLabel(x.Found!.Value.Item.Kind)))];
    }
}
