using System.Globalization;

namespace LlmCourse.Web.Lab;

/// <summary>The break-even sentence (lab-economics.js writes the same one).</summary>
public static class EconomicsText
{
    public static string BreakEven(BreakEvenReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.BreakEvenDay is not { } day || report.BreakEvenDays is not { } exact)
        {
            return "Never: the fine-tuned model costs at least as much per day, so the one-time cost is never paid back.";
        }

        return $"cost / saving = {LabCharts.Money(report.Input.FineTuningCost)} / {LabCharts.Money(report.DailySaving)} = " +
               $"{exact.ToString("0.##", CultureInfo.InvariantCulture)} days, so fine-tuning is cheaper from day {day}.";
    }
}
