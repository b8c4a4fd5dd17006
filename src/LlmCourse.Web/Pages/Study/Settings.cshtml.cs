using System.ComponentModel.DataAnnotations;
using LlmCourse.Core.Study;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>The learner's spaced-repetition settings: new cards a day and desired retention.</summary>
[Authorize]
public sealed class SettingsModel(StudyService study) : PageModel
{
    public const int MaxDailyNewCards = 1000;

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var settings = await study.GetSettingsAsync(ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        Input = new SettingsInput { DailyNewCards = settings.DailyNewCards, DesiredRetention = settings.DesiredRetention };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await study.SaveSettingsAsync(ProgressReader.UserId(User)!, Input.DailyNewCards, Input.DesiredRetention, HttpContext.RequestAborted);
        Message = "Settings saved.";
        return RedirectToPage();
    }

    public sealed class SettingsInput
    {
        [Display(Name = "New cards a day")]
        [Range(0, MaxDailyNewCards, ErrorMessage = "New cards a day must be between 0 and 1000.")]
        public int DailyNewCards { get; set; } = Data.StudySettings.DefaultDailyNewCards;

        [Display(Name = "Desired retention")]
        [Range(FsrsOptions.MinRetention, FsrsOptions.MaxRetention, ErrorMessage = "Desired retention must be between 0.70 and 0.97.")]
        public double DesiredRetention { get; set; } = Data.StudySettings.DefaultRetention;
    }
}
