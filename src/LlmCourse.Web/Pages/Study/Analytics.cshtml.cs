using System.Globalization;
using LlmCourse.Web.Api;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>A learner's analytics for one deck: card states, mastery, per-mode tallies, retention and due forecast.</summary>
public sealed class AnalyticsModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyService study, TimeProvider clock) : DeckStudyPageModel(catalog, privateDecks)
{
    public override string Mode => "analytics";

    /// <summary>Null for anonymous visitors: there is nothing kept to show.</summary>
    public DeckStatistics? Stats { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (UserId is { } userId)
        {
            Stats = await StudyApi.BuildStatsAsync(study, userId, Deck, clock, HttpContext.RequestAborted);
        }

        return Page();
    }

    public IReadOnlyList<ChartBar> RetentionBars() =>
        [.. Stats!.Retention.Select((d, i) => new ChartBar(
            i % 5 == 4 ? d.Day.ToString("d MMM", CultureInfo.InvariantCulture) : "",
            $"{d.Day:yyyy-MM-dd}: {d.Reviews} reviews, {(d.Reviews == 0 ? "no" : Pct(d.Passed, d.Reviews))} recalled",
            d.Reviews,
            d.Reviews == 0 ? null : 100.0 * d.Passed / d.Reviews))];

    public IReadOnlyList<ChartBar> ForecastBars() =>
        [.. Stats!.Forecast.Select((d, i) => new ChartBar(
            i % 2 == 0 ? d.Day.ToString("d MMM", CultureInfo.InvariantCulture) : "",
            $"{d.Day:yyyy-MM-dd}: {d.Cards} due",
            d.Cards))];

    public static string Pct(int part, int whole) =>
        whole == 0 ? "–" : (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
}
