using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>A week's images: upload (checked completely before anything is stored), list with their problems, delete.</summary>
[Authorize(Policy = Policies.Instructor)]
[RequestFormLimits(MultipartBodyLengthLimit = WeekImages.RequestLimit)]
[RequestSizeLimit(WeekImages.RequestLimit)]
public sealed class ImagesModel(CourseStore store, ContentRepository repository) : PageModel
{
    public Week Week { get; private set; } = null!;

    public string Folder { get; private set; } = "";

    public IReadOnlyList<WeekImage> Images { get; private set; } = [];

    public IReadOnlyList<string> FormProblems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet(int number) => Load(number) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(int number, IFormFile? upload)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        FormProblems = await WeekImages.UploadAsync(repository, upload, Folder, InstructorActor.Of(User), HttpContext.RequestAborted);
        if (FormProblems.Count > 0)
        {
            return Page();
        }

        Message = $"Uploaded {CourseAssets.ImagesFolder}/{upload!.FileName}.";
        return Redirect($"/instructor/weeks/{number}/images#image-{Uri.EscapeDataString(upload.FileName)}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int number, string? name)
    {
        if (!Load(number))
        {
            return NotFound();
        }

        FormProblems = await repository.DeleteImageAsync(Folder, name ?? "", InstructorActor.Of(User), HttpContext.RequestAborted);
        if (FormProblems.Count > 0)
        {
            return Page();
        }

        Message = $"Deleted {CourseAssets.ImagesFolder}/{name}.";
        return Redirect($"/instructor/weeks/{number}/images");
    }

    private bool Load(int number)
    {
        if (store.Current.FindWeek(number) is not { } week)
        {
            return false;
        }

        Week = week;
        Folder = week.SourceFile.Split('/')[1];
        Images = WeekImages.For(store, repository, Folder);
        return true;
    }
}
