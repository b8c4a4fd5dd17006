using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>A file's revisions: who saved what when, the diff of each against the one before, and restore.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class HistoryModel(AppDbContext db, ContentRepository repository) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Path { get; set; }

    /// <summary>The revision whose changes are shown (default: the latest).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Rev { get; set; }

    public IReadOnlyList<ContentRevision> Revisions { get; private set; } = [];

    public ContentRevision? Shown { get; private set; }

    public IReadOnlyList<DiffLine> Diff { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Revisions = await db.ContentRevisions.AsNoTracking().Where(r => r.Path == Path).OrderByDescending(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        if (Revisions.Count == 0)
        {
            return NotFound();
        }

        Shown = Rev is { } id ? Revisions.FirstOrDefault(r => r.Id == id) : Revisions[0];
        if (Shown is null)
        {
            return NotFound();
        }

        var before = Revisions.FirstOrDefault(r => r.Id < Shown.Id);
        Diff = LineDiff.Compute(before?.Text ?? "", Shown.Text);
        return Page();
    }

    /// <summary>Makes an older revision current again (as a new revision, so nothing is lost).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(long id)
    {
        var revision = await db.ContentRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (revision is null || revision.Deleted)
        {
            return NotFound();
        }

        var changed = await repository.ApplyAsync([new ContentChange(revision.Path, revision.Text)], InstructorActor.Of(User), "restore", revision.Path,
            $"restored revision {revision.Id} of {revision.CreatedAt:yyyy-MM-dd HH:mm} UTC", HttpContext.RequestAborted);
        Message = changed > 0 ? $"Restored revision {revision.Id}." : "That revision is already the current text.";
        return Redirect($"/instructor/history?path={Uri.EscapeDataString(revision.Path)}");
    }
}
