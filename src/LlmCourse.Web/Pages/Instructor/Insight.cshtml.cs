using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Reports;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>Per slide (or notes section): the questions and cards tied to it, reading time and stops, and what to rework first.</summary>
[Authorize(Policy = Policies.Instructor)]
public sealed class InsightModel(MaterialInsightReports reports) : PageModel
{
    public Week Week { get; private set; } = null!;

    public MaterialInsight Insight { get; private set; } = null!;

    public bool IsLecture => Insight.Item is Lecture;

    public async Task<IActionResult> OnGetAsync(int number, string itemId)
    {
        if (reports.Find(number, itemId) is not var (week, item))
        {
            return NotFound();
        }

        Week = week;
        Insight = await reports.ComputeAsync(week, item, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int number, string itemId)
    {
        if (reports.Find(number, itemId) is not var (week, item))
        {
            return NotFound();
        }

        var insight = await reports.ComputeAsync(week, item, HttpContext.RequestAborted);
        return File(Csv.ToUtf8WithBom(MaterialInsights.ToCsv(insight)), "text/csv; charset=utf-8", $"week{week.Number}-{item.Id}-insight.csv");
    }

    public string PartName(PartInsight part) => part.Slide is { } n ? $"Slide {n}" : "Section";

    public string PartUrl(PartInsight part) => part.Slide is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"/weeks/{Week.Number}/{Insight.Item.Id}/slides/{n}")
        : $"/weeks/{Week.Number}/{Insight.Item.Id}#{part.Section}";

    public static string Figure(double? value, string format = "0.#") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Share(double? value) => value is { } v ? (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Seconds(double? value) => value is { } v ? TimeSpan.FromSeconds(Math.Round(v)).ToString(v >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "—";
}
