using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>
/// A Moodle GIFT file (uploaded or pasted) becomes a quiz item of a draft week, so learners see it only once the
/// week is published. The conversion is <see cref="GiftImporter"/>'s; problems are shown with their line numbers
/// and nothing is written until the whole file converts and the week still parses with the new quiz in it.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = ContentUpload.MaxMarkdownBytes + (64 * 1024))]
[RequestSizeLimit(ContentUpload.MaxMarkdownBytes + (64 * 1024))]
public sealed class ImportQuizModel(DraftImports drafts) : PageModel
{
    /// <summary>Largest GIFT text accepted, pasted or uploaded.</summary>
    public const int MaxGiftBytes = ContentUpload.MaxMarkdownBytes / 2;

    /// <summary>The weeks learners cannot see yet: where an imported quiz may land.</summary>
    public IReadOnlyList<Week> DraftWeeks { get; private set; } = [];

    [BindProperty]
    public int? WeekNumber { get; set; }

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? ItemId { get; set; }

    [BindProperty]
    public string Gift { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<GiftError> GiftErrors { get; private set; } = [];

    public void OnGet(int? week)
    {
        DraftWeeks = drafts.DraftWeeks();
        WeekNumber = week;
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload)
    {
        DraftWeeks = drafts.DraftWeeks();
        var problems = new List<string>();
        var week = DraftImports.ChosenWeek(DraftWeeks, WeekNumber, "quiz", problems);
        Title = DraftImports.Title(Title, "quiz", problems);

        var text = await DraftImports.SourceAsync(upload, Gift, MaxGiftBytes, "the questions", problems, HttpContext.RequestAborted);
        if (upload is { Length: > 0 })
        {
            Gift = text ?? Gift;
        }

        var id = string.IsNullOrWhiteSpace(ItemId) ? GiftImporter.Slug(Title) : ItemId.Trim();
        if (drafts.IdProblem(week, id, "quiz") is { } idProblem)
        {
            problems.Add(idProblem);
        }

        if (problems.Count > 0 || text is null || week is null)
        {
            Problems = problems;
            return Page();
        }

        var result = GiftImporter.Import(text, Title);
        if (!result.Succeeded)
        {
            GiftErrors = result.Errors;
            return Page();
        }

        var (path, written) = await drafts.AddAsync(week, id, result.Markdown, InstructorActor.Of(User), HttpContext.RequestAborted);
        Problems = written;
        if (Problems.Count > 0)
        {
            return Page();
        }

        TempData["Message"] = $"Imported '{Title}' into week {week.Number} as {path}. Learners see it when the week is published.";
        return Redirect($"/instructor/weeks/{week.Number}#items");
    }
}
