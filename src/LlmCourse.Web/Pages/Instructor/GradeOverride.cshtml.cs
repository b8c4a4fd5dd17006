using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>
/// Sets or removes one learner's grade for one quiz by hand, with a mandatory reason kept in the audit log. A refused
/// form is shown again with the reason; nothing is stored.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class GradeOverrideModel(QuizReports reports, QuizOverrides overrides, AppDbContext db) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Quiz Quiz { get; private set; } = null!;

    public string LearnerId { get; private set; } = "";

    public string LearnerEmail { get; private set; } = "";

    public string LearnerName { get; private set; } = "";

    public LearnerGradeOverride? Current { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Problem { get; private set; }

    public string Percent { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? learner, int week, string? quiz) =>
        await LoadAsync(learner, week, quiz) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSetAsync(string? learner, int week, string? quiz, string? percent, string? reason)
    {
        if (!await LoadAsync(learner, week, quiz))
        {
            return NotFound();
        }

        var value = double.TryParse(percent?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : double.NaN;
        return Done(await overrides.SetGradeAsync(Week.Number, Quiz, LearnerId, value, reason, InstructorActor.Of(User), HttpContext.RequestAborted), percent, reason);
    }

    public async Task<IActionResult> OnPostClearAsync(string? learner, int week, string? quiz, string? reason)
    {
        if (!await LoadAsync(learner, week, quiz))
        {
            return NotFound();
        }

        var result = await overrides.ClearGradeAsync(Week.Number, Quiz, LearnerId, reason, InstructorActor.Of(User), HttpContext.RequestAborted);
        return result.NotFound ? NotFound() : Done(result, null, reason);
    }

    public static string Address(string learnerId, int week, string quizId) =>
        $"/instructor/gradebook/override?learner={Uri.EscapeDataString(learnerId)}&week={week.ToString(CultureInfo.InvariantCulture)}&quiz={Uri.EscapeDataString(quizId)}";

    private IActionResult Done(OverrideResult result, string? percent, string? reason)
    {
        if (!result.Done)
        {
            Problem = result.Message;
            Percent = percent ?? "";
            Reason = reason ?? "";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Message = result.Message;
        return Redirect(Address(LearnerId, Week.Number, Quiz.Id));
    }

    private async Task<bool> LoadAsync(string? learner, int week, string? quiz)
    {
        if (string.IsNullOrEmpty(learner) || string.IsNullOrEmpty(quiz) || reports.Find(week, quiz) is not var (w, q))
        {
            return false;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == learner).Select(u => new { u.Id, u.Email, u.DisplayName }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (user is null)
        {
            return false;
        }

        (Week, Quiz, LearnerId, LearnerEmail, LearnerName) = (w, q, user.Id, user.Email ?? "", user.DisplayName);
        Current = await overrides.GradeAsync(user.Id, w.Number, q.Id, HttpContext.RequestAborted);
        return true;
    }
}
