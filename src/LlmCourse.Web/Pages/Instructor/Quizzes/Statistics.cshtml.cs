using System.Globalization;
using System.Text;
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
/// A quiz's statistics as Moodle's report shows them (quiz information, item analysis per question, choice
/// frequencies), graded against the current revision and downloadable as CSV, and the regrade button with its log.
/// </summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class QuizStatisticsModel(QuizReports reports) : PageModel
{
    public Week Week { get; private set; } = null!;

    public Quiz Quiz { get; private set; } = null!;

    public QuizStatistics Statistics { get; private set; } = null!;

    public IReadOnlyList<RegradeLogEntry> Log { get; private set; } = [];

    /// <summary>The attempts analysed: chosen with <c>?from=</c>, else those the quiz's grading method counts.</summary>
    public StatisticsAttempts From { get; private set; }

    /// <summary>After a regrade: how many attempts were regraded and how many scores changed.</summary>
    public (int Regraded, int Changed)? Regraded { get; private set; }

    public async Task<IActionResult> OnGetAsync(int week, string quizId, int? regraded, int? changed, string? from)
    {
        if (!TryParseFrom(from, out var which))
        {
            return BadRequest();
        }

        if (!await LoadAsync(week, quizId, which))
        {
            return NotFound();
        }

        Regraded = regraded is { } r && changed is { } c ? (r, c) : null;
        return Page();
    }

    /// <summary>The same statistics as CSV: the quiz figures, a blank line, then one row per question.</summary>
    public async Task<IActionResult> OnGetCsvAsync(int week, string quizId, string? from)
    {
        if (!TryParseFrom(from, out var which))
        {
            return BadRequest();
        }

        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return NotFound();
        }

        var statistics = await reports.StatisticsAsync(w.Number, quiz, which, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(QuizStatisticsTable.ToCsv(statistics)), "text/csv", $"statistics-week{w.Number}-{quiz.Id}.csv");
    }

    /// <summary>The address of this page or its CSV with the attempts to analyse.</summary>
    public string FromAddress(StatisticsAttempts which, bool csv = false) =>
        $"{QuizUrls.Statistics(Week.Number, Quiz.Id)}?{(csv ? "handler=Csv&" : "")}from={which.ToString().ToLowerInvariant()}";

    // Unknown values are refused rather than silently replaced: a CSV must say what it analysed.
    private static bool TryParseFrom(string? from, out StatisticsAttempts? which)
    {
        which = null;
        if (from is null)
        {
            return true;
        }

        if (Enum.TryParse<StatisticsAttempts>(from, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !from.Any(char.IsDigit))
        {
            which = parsed;
            return true;
        }

        return false;
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

    private async Task<bool> LoadAsync(int week, string quizId, StatisticsAttempts? which = null)
    {
        if (reports.Find(week, quizId) is not var (w, quiz))
        {
            return false;
        }

        (Week, Quiz) = (w, quiz);
        Statistics = await reports.StatisticsAsync(w.Number, quiz, which, HttpContext.RequestAborted);
        From = Statistics.Attempts;
        Log = await reports.RegradeLogAsync(w.Number, quiz.Id, HttpContext.RequestAborted);
        return true;
    }
}
