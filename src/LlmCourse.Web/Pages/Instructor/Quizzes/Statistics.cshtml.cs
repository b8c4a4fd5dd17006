using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor.Quizzes;

/// <summary>
/// A quiz's statistics (score distribution, facility and discrimination per question, choice frequencies),
/// graded against the current revision, and the regrade button with its log.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class QuizStatisticsModel(QuizReports reports) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Quiz Quiz { get; private set; } = null!;

    public QuizStatistics Statistics { get; private set; } = null!;

    public IReadOnlyList<RegradeLogEntry> Log { get; private set; } = [];

    /// <summary>After a regrade: how many attempts were regraded and how many scores changed.</summary>
    public (int Regraded, int Changed)? Regraded { get; private set; }

    public async Task<IActionResult> OnGetAsync(int week, string quizId, int? regraded, int? changed)
    {
        if (!await LoadAsync(week, quizId))
        {
            return NotFound();
        }

        Regraded = regraded is { } r && changed is { } c ? (r, c) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRegradeAsync(int week, string quizId)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NotFound();
        }

        var report = await reports.RegradeAsync(w.Number, quiz, ProgressReader.UserId(User)!, HttpContext.RequestAborted);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"{QuizUrls.Statistics(w.Number, quiz.Id)}?regraded={report.Attempts.Count}&changed={report.Changed.Count}#regrade"));
    }

    public IReadOnlyDictionary<string, string> QuestionTitles => Quiz.Questions.DistinctBy(q => q.Id).ToDictionary(q => q.Id, q => q.Title);

    private async Task<bool> LoadAsync(int week, string quizId)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return false;
        }

        (Week, Quiz) = (w, quiz);
        Statistics = await reports.StatisticsAsync(w.Number, quiz, HttpContext.RequestAborted);
        Log = await reports.RegradeLogAsync(w.Number, quiz.Id, HttpContext.RequestAborted);
        return true;
    }
}
