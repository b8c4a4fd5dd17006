using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
public sealed partial class ImportQuizModel(CourseStore store, ContentRepository repository) : PageModel
{
    /// <summary>Largest GIFT text accepted, pasted or uploaded.</summary>
    public const int MaxGiftBytes = ContentUpload.MaxMarkdownBytes / 2;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
        Load();
        WeekNumber = week;
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload)
    {
        Load();
        var problems = new List<string>();
        var week = WeekNumber is { } n ? DraftWeeks.FirstOrDefault(w => w.Number == n) : null;
        if (week is null)
        {
            problems.Add(DraftWeeks.Count == 0
                ? "There is no draft week to import into: create one (or unpublish a week) first, so learners do not see the quiz before it is ready."
                : "Choose a draft week for the quiz: learners see it when you publish the week.");
        }

        Title = Title?.Trim() ?? "";
        if (Title.Length is 0 or > 200)
        {
            problems.Add("Give the quiz a title (at most 200 characters).");
        }

        var text = await SourceAsync(upload, problems);
        var id = string.IsNullOrWhiteSpace(ItemId) ? GiftImporter.Slug(Title) : ItemId.Trim();
        if (!ItemIdPattern().IsMatch(id))
        {
            problems.Add("The quiz id is lower-case letters, digits and dashes, like week-3-quiz.");
        }
        else if (week is not null && (week.FindItem(id) is not null || FilesOf(week).Any(p => p.EndsWith($"-{id}.md", StringComparison.Ordinal))))
        {
            problems.Add($"Week {week.Number} already has an item '{id}': choose another id.");
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

        var folder = week.SourceFile.Split('/')[1];
        var order = FilesOf(week).Select(OrderOf).DefaultIfEmpty(0).Max() + 1;
        var name = string.Create(CultureInfo.InvariantCulture, $"{order:00}-{id}.md");
        Problems = await repository.UploadAsync(name, _strictUtf8.GetBytes(result.Markdown), folder, InstructorActor.Of(User), HttpContext.RequestAborted);
        if (Problems.Count > 0)
        {
            return Page();
        }

        TempData["Message"] = $"Imported '{Title}' into week {week.Number} as weeks/{folder}/{name}. Learners see it when the week is published.";
        return Redirect($"/instructor/weeks/{week.Number}#items");
    }

    private async Task<string?> SourceAsync(IFormFile? upload, List<string> problems)
    {
        if (upload is { Length: > 0 })
        {
            if (upload.Length > MaxGiftBytes)
            {
                problems.Add($"The file is {upload.Length:N0} bytes; the limit is {MaxGiftBytes:N0}.");
                return null;
            }

            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
            try
            {
                var text = _strictUtf8.GetString(buffer.ToArray()).TrimStart('\uFEFF');
                Gift = text;
                return text;
            }
            catch (DecoderFallbackException)
            {
                problems.Add($"'{Path.GetFileName(upload.FileName)}' is not UTF-8 text: save it as UTF-8 and upload it again.");
                return null;
            }
        }

        if (string.IsNullOrWhiteSpace(Gift))
        {
            problems.Add("Choose a GIFT file or paste the questions.");
            return null;
        }

        if (Encoding.UTF8.GetByteCount(Gift) > MaxGiftBytes)
        {
            problems.Add($"Paste at most {MaxGiftBytes:N0} bytes of GIFT.");
            return null;
        }

        return Gift;
    }

    private void Load() =>
        DraftWeeks = [.. store.Current.Course.Weeks.Where(w => store.StateOf(w).Status == PublicationStatus.Draft)];

    private IEnumerable<string> FilesOf(Week week)
    {
        var prefix = week.SourceFile[..(week.SourceFile.LastIndexOf('/') + 1)];
        return store.Files.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p != week.SourceFile);
    }

    private static long OrderOf(string path) =>
        ItemFile().Match(Path.GetFileName(path)) is { Success: true } m ? long.Parse(m.Groups["order"].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,60}$")]
    private static partial Regex ItemIdPattern();

    [GeneratedRegex(@"^(?<order>\d{1,9})-(?<rest>.+)$")]
    private static partial Regex ItemFile();
}
