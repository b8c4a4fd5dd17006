using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor.Scheduling;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>
/// FSRS optimisation for the course or one deck: start a run over every learner's review logs, follow its progress
/// (read from the database, so any instance shows it), and see what it found and whether it was adopted.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class SchedulingModel(FsrsRuns runs, CourseScheduling scheduling) : PageModel
{
    public IReadOnlyList<FsrsScopeChoice> Scopes { get; private set; } = [];

    public List<FsrsRunView> Runs { get; private set; } = [];

    public CourseWeights Weights { get; private set; } = CourseWeights.Defaults;

    public string DayBoundary { get; private set; } = "";

    public bool AnyActive => Runs.Any(r => !r.Finished);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostStartAsync(string? scope)
    {
        if (!runs.IsScope(scope))
        {
            Message = "Choose the whole course or one of its decks; nothing was started.";
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await runs.StartAsync(scope!, InstructorActor.Of(User), HttpContext.RequestAborted);
        Message = result.Started
            ? $"Optimisation run {result.Run.Id} queued; this page shows its progress."
            : $"Run {result.Run.Id} of this scope is already {result.Run.Status}; it was not started twice.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Scopes = runs.Scopes();
        Runs = await runs.RecentAsync(20, HttpContext.RequestAborted);
        Weights = await scheduling.WeightsAsync(HttpContext.RequestAborted);
        var day = scheduling.DayBoundary;
        DayBoundary = $"{day.TimeZone.Id}, days start at {day.StartOfDay:hh\\:mm}";
    }
}
