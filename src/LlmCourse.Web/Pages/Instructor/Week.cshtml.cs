using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>One week: its state (publish, schedule, unpublish), preview, problems, and its items (add, reorder, delete, upload).</summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = ContentUpload.MaxZipBytes + (64 * 1024))]
[RequestSizeLimit(ContentUpload.MaxZipBytes + (64 * 1024))]
public sealed class WeekModel(CourseStore store, PublishingService publishing, ContentRepository repository, TimeProvider clock) : PageModel
{
    public Week Week { get; private set; } = null!;

    public WeekState State { get; private set; } = null!;

    public string Folder { get; private set; } = "";

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<ContentError> Problems { get; private set; } = [];

    /// <summary>What the author should fix but that does not block publishing (a question id that holds its answer).</summary>
    public IReadOnlyList<ContentError> Warnings { get; private set; } = [];

    /// <summary>Every file of the week's folder in order, with its item when it parsed.</summary>
    public IReadOnlyList<(string Path, CourseItem? Item)> Files { get; private set; } = [];

    public bool Previewing { get; private set; }

    /// <summary>Whether learners see the week now (published, or scheduled and released): "Publish now" has nothing left to do.</summary>
    public bool IsLive => State.VisibleFrom is { } from && from <= Now;

    public int ImageCount { get; private set; }

    public IReadOnlyList<string> FormProblems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet(int number) => Load(number) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(int number)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        // A second click, or a form left open in another tab: publishing again would only add to the audit log.
        if (IsLive)
        {
            Message = $"Week {number} is already published.";
            return Redirect($"/instructor/weeks/{number}");
        }

        return await Outcome(number, await publishing.PublishAsync(number, InstructorActor.Of(User), HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostScheduleAsync(int number, string? releaseAt)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        // datetime-local sends no zone; the form says the time is UTC.
        if (!DateTime.TryParse(releaseAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            FormProblems = ["Give the release time as a date and time (UTC)."];
            return Page();
        }

        return await Outcome(number, await publishing.ScheduleAsync(number, new DateTimeOffset(at, TimeSpan.Zero), InstructorActor.Of(User), HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostUnpublishAsync(int number)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        return await Outcome(number, await publishing.UnpublishAsync(number, InstructorActor.Of(User), HttpContext.RequestAborted));
    }

    /// <summary>Turns "see this week as a learner" on or off for this instructor (a cookie; nobody else is affected).</summary>
    public IActionResult OnPostPreview(int number, bool on)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        var weeks = CourseCatalog.ParsePreview(Request.Cookies[CourseCatalog.PreviewCookie]);
        if (on)
        {
            weeks.Add(number);
        }
        else
        {
            weeks.Remove(number);
        }

        Response.Cookies.Append(CourseCatalog.PreviewCookie, string.Join(',', weeks.Order()), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            Path = "/",
        });
        return on ? Redirect(CourseUrls.Week(number)) : Redirect($"/instructor/weeks/{number}");
    }

    public async Task<IActionResult> OnPostAddItemAsync(int number, string? kind, string? id, string? title)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        var problems = new List<string>();
        if (!Enum.TryParse<ItemKind>(kind, ignoreCase: true, out var itemKind) || !Enum.IsDefined(itemKind))
        {
            problems.Add("Choose the kind of item.");
        }

        if (!ContentRules.IsValidId(id))
        {
            problems.Add($"The id is {ContentRules.IdRuleText}.");
        }
        else if (Week.FindItem(id) is not null || Files.Any(f => ContentRules.TryParseItemFileName(Path.GetFileName(f.Path), out _, out var taken) && taken == id))
        {
            problems.Add($"The week already has an item '{id}'.");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add("Give the item a title.");
        }

        if (problems.Count > 0)
        {
            FormProblems = problems;
            return Page();
        }

        var order = Files.Select(f => OrderOf(f.Path)).DefaultIfEmpty(0).Max() + 1;
        var path = ContentRules.ItemPath(Folder, order, id!);
        await repository.ApplyAsync([new ContentChange(path, Template(itemKind, title!))], InstructorActor.Of(User), "create", path, $"new {itemKind.ToString().ToLowerInvariant()}", HttpContext.RequestAborted);
        return Redirect($"/instructor/edit?path={Uri.EscapeDataString(path)}");
    }

    /// <summary>Moves an item up or down by swapping the position prefixes of two files (ids, and so learners' records, stay).</summary>
    public async Task<IActionResult> OnPostMoveAsync(int number, string? path, bool up)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        var items = Files.Where(f => f.Path != Week.SourceFile).Select(f => f.Path).ToList();
        var index = items.IndexOf(path ?? "");
        var other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= items.Count)
        {
            return NotFound();
        }

        // Renumber the whole folder in its new order, so equal or missing prefixes cannot tie.
        (items[index], items[other]) = (items[other], items[index]);
        var actor = InstructorActor.Of(User);
        var renames = items
            .Select((p, i) => (From: p, To: ContentRules.TryParseItemFileName(Path.GetFileName(p), out _, out var itemId) ? ContentRules.ItemPath(Folder, i + 1, itemId) : p))
            .Where(r => r.From != r.To)
            .ToList();
        await repository.MoveAsync(renames, actor, HttpContext.RequestAborted);

        return Redirect($"/instructor/weeks/{number}#items");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int number, string? path)
    {
        if (!Load(number) || path is null || path == Week.SourceFile || !Files.Any(f => f.Path == path))
        {
            return NotFound();
        }

        await repository.ApplyAsync([new ContentChange(path, null)], InstructorActor.Of(User), "delete", path, "item deleted", HttpContext.RequestAborted);
        Message = $"Deleted {path}. Its history keeps every revision, so it can be restored.";
        return Redirect($"/instructor/weeks/{number}#items");
    }

    public async Task<IActionResult> OnPostUploadItemAsync(int number, IFormFile? upload)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        if (upload is null || upload.Length == 0)
        {
            FormProblems = ["Choose a .md file or a .zip of this week's files."];
            return Page();
        }

        if (upload.Length > ContentUpload.MaxZipBytes)
        {
            FormProblems = [$"The file is {upload.Length:N0} bytes; the limit is {ContentUpload.MaxZipBytes:N0}."];
            return Page();
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, HttpContext.RequestAborted);
        FormProblems = await repository.UploadAsync(upload.FileName, buffer.ToArray(), Folder, InstructorActor.Of(User), HttpContext.RequestAborted);
        if (FormProblems.Count > 0)
        {
            return Page();
        }

        Message = $"Uploaded {upload.FileName}.";
        return Redirect($"/instructor/weeks/{number}#items");
    }

    private Task<IActionResult> Outcome(int number, PublishOutcome outcome)
    {
        if (outcome.Done)
        {
            Message = outcome.Message;
            return Task.FromResult<IActionResult>(Redirect($"/instructor/weeks/{number}"));
        }

        Load(number);
        FormProblems = outcome.Message is { } m ? [m] : [];
        Problems = outcome.Problems.Count > 0 ? outcome.Problems : Problems;
        return Task.FromResult<IActionResult>(Page());
    }

    private bool Load(int number)
    {
        if (store.Current.FindWeek(number) is not { } week)
        {
            return false;
        }

        Week = week;
        State = store.StateOf(week);
        Now = clock.GetUtcNow();
        Folder = ContentRules.WeekFolderOf(week.SourceFile)!;
        Problems = publishing.Validate(number, Now);
        Warnings = PublishValidator.WarnWeek(store.Current, number);
        var prefix = $"weeks/{Folder}/";
        Files = [.. store.Files.Keys
            .Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(p => p == week.SourceFile ? -1 : OrderOf(p))
            .ThenBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, week.Items.FirstOrDefault(i => i.SourceFile == p)))];
        Previewing = CourseCatalog.ParsePreview(Request.Cookies[CourseCatalog.PreviewCookie]).Contains(number);
        ImageCount = store.AssetFiles.Keys.Count(p => CourseAssets.SplitPath(p)?.Folder == Folder);
        return true;
    }

    private static long OrderOf(string path) => ContentRules.TryParseItemFileName(Path.GetFileName(path), out var order, out _) ? order : 0;

    /// <summary>A small item of each kind that parses, so the editor opens on something valid to change.</summary>
    internal static string Template(ItemKind kind, string title)
    {
        var header = $"---\nkind: {kind.ToString().ToLowerInvariant()}\ntitle: {ContentRules.YamlString(title)}\n---\n";
        return header + kind switch
        {
            ItemKind.Lecture => "## First slide\n\n- A point on the slide\n\n### Transcript\n\nWhat you say over this slide.\n",
            ItemKind.Deck => "## A question on the front of the card {#first-card}\n\nThe answer on the back.\n",
            ItemKind.Quiz => "A sentence or two before the questions.\n\n## Which of these is right? {#first-question}\n\n- [x] This one\n- [ ] Not this one\n",
            _ => "Write the notes here.\n",
        };
    }
}
