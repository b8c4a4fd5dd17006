using System.ComponentModel.DataAnnotations;
using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>The instructor area's front page: every week with its state and problems, new weeks, uploads.</summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = ContentUpload.MaxZipBytes + (64 * 1024))]
[RequestSizeLimit(ContentUpload.MaxZipBytes + (64 * 1024))]
public sealed class IndexModel(CourseStore store, PublishingService publishing, ContentRepository repository, TimeProvider clock) : PageModel
{
    public CourseSnapshot Snapshot { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<WeekRow> Weeks { get; private set; } = [];

    [BindProperty]
    public NewWeek Input { get; set; } = new();

    public IReadOnlyList<string> UploadProblems { get; private set; } = [];

    public bool HasGlossary => store.Files.ContainsKey(ContentRules.GlossaryFile);

    [TempData]
    public string? Message { get; set; }

    public void OnGet() => Load();

    public async Task<IActionResult> OnPostCreateWeekAsync()
    {
        if (Input.Number is { } taken && store.Current.FindWeek(taken) is not null)
        {
            ModelState.AddModelError("Input.Number", $"Week {taken} already exists.");
        }

        if (!ModelState.IsValid || Input.Number is not { } number)
        {
            Load();
            return Page();
        }

        var folder = ContentRules.WeekFolderName(number, Input.Slug!);
        var path = ContentRules.WeekFilePath(folder);
        if (store.Files.Keys.Any(p => p.StartsWith($"weeks/{folder}/", StringComparison.Ordinal)))
        {
            ModelState.AddModelError("Input.Slug", $"The folder {folder} already exists.");
            Load();
            return Page();
        }

        var text = $"---\nnumber: {Input.Number}\ntitle: {ContentRules.YamlString(Input.Title)}\npublished: false\n---\n{Input.Title!.Trim()}: introduce the week here.\n";
        await repository.ApplyAsync([new ContentChange(path, text)], InstructorActor.Of(User), "create", path, "new week", HttpContext.RequestAborted);
        Message = $"Week {Input.Number} created as a draft.";
        return Redirect($"/instructor/weeks/{Input.Number}");
    }

    /// <summary>Starts <c>glossary.md</c> from a one-term example and opens it in the editor (an existing one is only opened).</summary>
    public async Task<IActionResult> OnPostCreateGlossaryAsync()
    {
        if (!HasGlossary)
        {
            const string Example = "---\ntitle: Glossary\nsummary: The course's key terms, each defined once.\n---\n\n## Fine-tuning {#fine-tuning}\n\nAlso: fine-tuned\n\n" +
                "Training a pre-trained model further on examples of one task or domain, which updates its weights.\n";
            await repository.ApplyAsync([new ContentChange(ContentRules.GlossaryFile, Example)], InstructorActor.Of(User), "create", ContentRules.GlossaryFile, "new glossary", HttpContext.RequestAborted);
        }

        return Redirect($"/instructor/edit?path={ContentRules.GlossaryFile}");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? upload)
    {
        if (upload is null || upload.Length == 0)
        {
            UploadProblems = ["Choose a .zip of a week folder to upload."];
        }
        else if (upload.Length > ContentUpload.MaxZipBytes)
        {
            UploadProblems = [$"The file is {upload.Length:N0} bytes; the limit is {ContentUpload.MaxZipBytes:N0}."];
        }
        else
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
            UploadProblems = await repository.UploadAsync(upload.FileName, buffer.ToArray(), null, InstructorActor.Of(User), HttpContext.RequestAborted);
            if (UploadProblems.Count == 0)
            {
                Message = $"Uploaded {upload.FileName}.";
                return Redirect("/instructor");
            }
        }

        Load();
        return Page();
    }

    private void Load()
    {
        Snapshot = store.Current;
        Now = clock.GetUtcNow();
        Weeks = [.. Snapshot.Course.Weeks.Select(w => new WeekRow(w, store.StateOf(w), publishing.Validate(w.Number, Now).Count))];
    }

    public sealed record WeekRow(Week Week, WeekState State, int Problems);

    public sealed class NewWeek : IValidatableObject
    {
        [Required, Range(1, 999, ErrorMessage = "A week number is from 1 to 999.")]
        [Display(Name = "Week number")]
        public int? Number { get; set; }

        [Required]
        [Display(Name = "Folder name")]
        public string? Slug { get; set; }

        [Required, StringLength(200)]
        public string? Title { get; set; }

        /// <summary>The folder is the loader's own rule (<see cref="ContentRules.IsWeekFolderName"/>), so every week made here loads.</summary>
        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Number is { } number && Slug is { } slug && !ContentRules.IsWeekFolderName(ContentRules.WeekFolderName(number, slug)))
            {
                yield return new ValidationResult($"The folder name is {ContentRules.IdRuleText}.", [nameof(Slug)]);
            }
        }
    }
}
