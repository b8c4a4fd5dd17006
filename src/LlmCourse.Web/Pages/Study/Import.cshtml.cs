using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>
/// Instructors paste cards (TSV, or a Quizlet-style export with its separators) or upload a file; the deck lands as a
/// new item of a draft week, so learners see it once the week is published. "Check" shows the deck Markdown and
/// writes nothing.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxLength + (64 * 1024))]
[RequestSizeLimit(MaxLength + (64 * 1024))]
public sealed class ImportModel(DraftImports drafts) : PageModel
{
    public const int MaxLength = 200_000;

    /// <summary>The separator choices offered, as the form values and their labels.</summary>
    public static IReadOnlyList<(string Value, string Label)> TermSeparators => DeckTextFormat.TermChoices;

    public static IReadOnlyList<(string Value, string Label)> CardSeparators => DeckTextFormat.CardChoices;

    public IReadOnlyList<Week> DraftWeeks { get; private set; } = [];

    [BindProperty]
    public int? WeekNumber { get; set; }

    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? ItemId { get; set; }

    [BindProperty]
    public string Between { get; set; } = "tab";

    [BindProperty]
    public string? CustomBetween { get; set; }

    [BindProperty]
    public string Cards { get; set; } = "newline";

    [BindProperty]
    public string? CustomCards { get; set; }

    [BindProperty]
    public string Tsv { get; set; } = "";

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public DeckImport? Result { get; private set; }

    /// <summary>What an error's number counts: lines when cards are one a line, cards otherwise.</summary>
    public string Unit { get; private set; } = "Line";

    public void OnGet(int? week)
    {
        DraftWeeks = drafts.DraftWeeks();
        WeekNumber = week;
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? upload)
    {
        DraftWeeks = drafts.DraftWeeks();
        var problems = new List<string>();
        var format = Format(problems);
        var text = await SourceAsync(upload, problems);
        if (problems.Count == 0 && text is not null && format is not null)
        {
            Result = DeckTsv.Import(text, string.IsNullOrWhiteSpace(Title) ? "Imported deck" : Title, format);
        }

        Problems = problems;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload)
    {
        DraftWeeks = drafts.DraftWeeks();
        var problems = new List<string>();
        var week = DraftImports.ChosenWeek(DraftWeeks, WeekNumber, "deck", problems);
        Title = DraftImports.Title(Title, "deck", problems);

        var format = Format(problems);
        var text = await SourceAsync(upload, problems);
        var id = string.IsNullOrWhiteSpace(ItemId) ? DeckTsv.Slug(Title) : ItemId.Trim();
        if (drafts.IdProblem(week, id, "deck") is { } idProblem)
        {
            problems.Add(idProblem);
        }

        if (problems.Count > 0 || text is null || week is null || format is null)
        {
            Problems = problems;
            return Page();
        }

        Result = DeckTsv.Import(text, Title, format);
        if (!Result.Succeeded)
        {
            return Page();
        }

        var (path, written) = await drafts.AddAsync(week, id, Result.Markdown!, InstructorActor.Of(User), HttpContext.RequestAborted);
        if (written.Count > 0)
        {
            Problems = written;
            Result = null;
            return Page();
        }

        TempData["Message"] = $"Imported the deck '{Title}' ({Result.Cards} cards) into week {week.Number} as {path}. Learners see it when the week is published.";
        return Redirect($"/instructor/weeks/{week.Number}#items");
    }

    private DeckTextFormat? Format(List<string> problems)
    {
        var format = DeckTextFormat.FromChoices(Between, CustomBetween, Cards, CustomCards);
        if (format is null)
        {
            problems.Add("Choose what separates a term from its definition, and one card from the next (a custom separator must not be empty).");
            return null;
        }

        Unit = format.ByLine ? "Line" : "Card";
        return format;
    }

    private async Task<string?> SourceAsync(IFormFile? upload, List<string> problems)
    {
        var text = await DraftImports.SourceAsync(upload, Tsv, MaxLength, "the cards", problems, HttpContext.RequestAborted);
        if (upload is { Length: > 0 })
        {
            Tsv = text ?? Tsv;
        }

        return text;
    }
}
