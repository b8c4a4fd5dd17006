using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor.Quizzes;

/// <summary>
/// Per-learner exceptions to a quiz's timing (Moodle's user overrides): a close date and/or time limit of their own.
/// A refused override is shown again with the reason; nothing is stored.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class QuizOverridesModel(QuizReports reports, QuizOverrides overrides) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Quiz Quiz { get; private set; } = null!;

    public IReadOnlyList<LearnerOverride> Overrides { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    /// <summary>Why the last form was refused; the form shows what was typed.</summary>
    public string? Problem { get; private set; }

    [BindProperty]
    public OverrideForm Input { get; set; } = new();

    public sealed class OverrideForm
    {
        public string? Email { get; set; }

        /// <summary>A UTC date and time from a <c>datetime-local</c> input (<c>2026-12-10T18:00</c>).</summary>
        public string? Closes { get; set; }

        public string? TimeLimitMinutes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int week, string quizId) =>
        await LoadAsync(week, quizId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSetAsync(int week, string quizId)
    {
        if (!await LoadAsync(week, quizId))
        {
            return NotFound();
        }

        var problem = Parse(Input, out var value);
        var result = problem is null
            ? await overrides.SetAsync(Week.Number, Quiz, Input.Email, value!, InstructorActor.Of(User), HttpContext.RequestAborted)
            : new OverrideResult(false, problem);
        if (!result.Done)
        {
            Problem = result.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = result.Message;
        return Redirect(QuizUrls.Overrides(Week.Number, Quiz.Id));
    }

    public async Task<IActionResult> OnPostClearAsync(int week, string quizId, string? userId)
    {
        if (!await LoadAsync(week, quizId))
        {
            return NotFound();
        }

        var result = await overrides.ClearAsync(Week.Number, Quiz, userId ?? "", InstructorActor.Of(User), HttpContext.RequestAborted);
        if (result.NotFound)
        {
            return NotFound();
        }

        Message = result.Message;
        return Redirect(QuizUrls.Overrides(Week.Number, Quiz.Id));
    }

    /// <summary>The form as an override, or why it cannot be one.</summary>
    public static string? Parse(OverrideForm form, out QuizOverride? value)
    {
        ArgumentNullException.ThrowIfNull(form);
        value = null;
        DateTimeOffset? closes = null;
        if (!string.IsNullOrWhiteSpace(form.Closes))
        {
            if (!DateTime.TryParseExact(form.Closes.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return "The close date must look like 2026-12-10T18:00 (UTC).";
            }

            closes = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        }

        TimeSpan? limit = null;
        if (!string.IsNullOrWhiteSpace(form.TimeLimitMinutes))
        {
            if (!int.TryParse(form.TimeLimitMinutes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return "The time limit must be a whole number of minutes.";
            }

            limit = TimeSpan.FromMinutes(minutes);
        }

        value = new QuizOverride(closes, limit);
        return null;
    }

    public static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(int week, string quizId)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return false;
        }

        (Week, Quiz) = (w, quiz);
        Overrides = await overrides.ListAsync(w.Number, quiz.Id, HttpContext.RequestAborted);
        return true;
    }
}
