using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>
/// The Markdown editor for one course file. "Preview" renders the unsaved text (no JavaScript needed);
/// editor-preview.js updates the preview while typing. Every save is a revision.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = WeekImages.RequestLimit)]
[RequestSizeLimit(WeekImages.RequestLimit)]
public sealed class EditModel(CourseStore store, ContentRepository repository, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Path { get; set; }

    [BindProperty]
    public string Text { get; set; } = "";

    /// <summary>The hash of the text the editor was opened on: a save over someone else's newer save is refused.</summary>
    [BindProperty]
    public string BaseHash { get; set; } = "";

    public PreviewResult Preview { get; private set; } = new(new(), []);

    public IReadOnlyList<string> SaveProblems { get; private set; } = [];

    public int? WeekNumber { get; private set; }

    /// <summary>The week folder of the file (images are uploaded there), or null for <c>course.md</c>.</summary>
    public string? Folder { get; private set; }

    /// <summary>The week's images, for the list under the editor.</summary>
    public IReadOnlyList<WeekImage> Images { get; private set; } = [];

    /// <summary>Why the image just uploaded was refused (nothing was stored), or empty.</summary>
    public IReadOnlyList<string> ImageProblems { get; private set; } = [];

    /// <summary>The image just uploaded, while the unsaved text stays in the editor.</summary>
    public string? UploadedImage { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await repository.FindAsync(Path ?? "", HttpContext.RequestAborted) is not { } row)
        {
            // An image's problems link here like a file's; its place is the week's images page.
            return CourseAssets.SplitPath(Path) is { } image && store.Current.Course.Weeks.FirstOrDefault(w => w.SourceFile == $"weeks/{image.Folder}/week.md") is { } owner
                ? Redirect($"/instructor/weeks/{owner.Number}/images#image-{image.Name}")
                : NotFound();
        }

        Text = row.Text;
        BaseHash = row.Hash;
        Render();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (await repository.FindAsync(Path ?? "", HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        Render();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        if (await repository.FindAsync(Path ?? "", HttpContext.RequestAborted) is not { } row)
        {
            return NotFound();
        }

        Text = Text.ReplaceLineEndings("\n");
        Render();
        if (row.Hash != BaseHash)
        {
            SaveProblems = [$"{row.UpdatedBy} saved this file at {row.UpdatedAt:yyyy-MM-dd HH:mm} UTC after you opened it. Copy your text, reload, and apply your change again."];
            return Page();
        }

        // A learner-visible file must stay valid; drafts may be saved half-done.
        var week = WeekNumber is { } n ? store.Current.FindWeek(n) : null;
        if (Preview.Errors.Count > 0 && (week is null ? Path is ContentRules.CourseFile or ContentRules.GlossaryFile : week.IsVisibleAt(clock.GetUtcNow()) || week.Published))
        {
            SaveProblems = ["Learners can see this file, so it is saved only without problems. Fix the problems listed below, or unpublish the week first."];
            return Page();
        }

        await repository.ApplyAsync([new ContentChange(row.Path, Text)], InstructorActor.Of(User), "edit", row.Path, "saved in the editor", HttpContext.RequestAborted);
        Message = Preview.Errors.Count > 0 ? $"Saved, with {Preview.Errors.Count} problem(s) to fix before publishing." : "Saved.";
        return Redirect($"/instructor/edit?path={Uri.EscapeDataString(row.Path)}");
    }

    /// <summary>
    /// Stores an image in the file's week and renders the unsaved text again, so the preview shows it. The text
    /// travels with the upload and stays in the editor, unsaved: uploading never costs the author their edits.
    /// </summary>
    public async Task<IActionResult> OnPostUploadImageAsync(IFormFile? image)
    {
        if (await repository.FindAsync(Path ?? "", HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        Render();
        if (Folder is null)
        {
            ImageProblems = ["Images belong to a week: open a file of a week to add one."];
            return Page();
        }

        ImageProblems = await WeekImages.UploadAsync(repository, image, Folder, InstructorActor.Of(User), HttpContext.RequestAborted);
        if (ImageProblems.Count == 0)
        {
            UploadedImage = image!.FileName;
            Render();
        }

        return Page();
    }

    private void Render()
    {
        Preview = ItemPreview.Render(store, Path ?? "", Text);
        Folder = ContentRules.WeekFolderOf(Path ?? "");
        WeekNumber = Folder is null ? null : store.Current.Course.Weeks.FirstOrDefault(w => w.SourceFile == ContentRules.WeekFilePath(Folder))?.Number;
        Images = Folder is null ? [] : WeekImages.For(store, repository, Folder);
    }
}
