using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Offline;

/// <summary>
/// <c>/offline</c>: what the service worker shows for a page it has not kept when there is no network. Kept by the
/// worker when it installs; online it is an ordinary page explaining offline reading.
/// </summary>
[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
