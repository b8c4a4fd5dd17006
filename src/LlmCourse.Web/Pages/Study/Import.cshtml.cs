using LlmCourse.Web.Accounts;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>Instructors turn TSV (term TAB definition) into a deck Markdown file to save under content/.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class ImportModel : PageModel
{
    public const int MaxLength = 200_000;

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string Tsv { get; set; } = "";

    public DeckImport? Result { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        if (Tsv.Length > MaxLength)
        {
            ModelState.AddModelError(nameof(Tsv), $"Paste at most {MaxLength:N0} characters.");
            return Page();
        }

        Result = DeckTsv.Import(Tsv, Title);
        return Page();
    }
}
