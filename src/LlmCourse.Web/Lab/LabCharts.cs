using System.Globalization;

namespace LlmCourse.Web.Lab;

/// <summary>
/// Geometry of the server-rendered SVG charts. wwwroot/js/lab-*.js redraws the same charts from the API's
/// JSON with the same constants, so the no-JS page and the live page look alike.
/// </summary>
public static class LabCharts
{
    public const int Width = 640;
    public const int LabelWidth = 130;
    public const int BarArea = 420;
    public const int RowHeight = 36;
    public const int Top = 28;

    public static int SamplingHeight(int rows) => Top + (rows * RowHeight) + 4;

    /// <summary>One scale for all three series, so a tempered bar taller than its raw bar means more likely.</summary>
    public static double SamplingScale(IEnumerable<SamplingTokenRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var max = rows.Select(r => Math.Max(r.Raw, Math.Max(r.Tempered, r.Final))).DefaultIfEmpty(0).Max();
        return max > 0 ? max : 1;
    }

    public static string BarWidth(double value, double scale) => N(Math.Max(0, value / scale * BarArea));

    public static string Percent(double probability) =>
        probability <= 0 ? "0%" : probability < 0.001 ? "<0.1%" : (probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public const int LineWidth = 640;
    public const int LineHeight = 280;
    public const int PadLeft = 70;
    public const int PadRight = 16;
    public const int PadTop = 16;
    public const int PadBottom = 40;

    /// <summary>SVG polyline points of a cumulative cost series against day.</summary>
    public static string LinePoints(IReadOnlyList<decimal> values, decimal max)
    {
        ArgumentNullException.ThrowIfNull(values);
        var plotWidth = LineWidth - PadLeft - PadRight;
        var plotHeight = LineHeight - PadTop - PadBottom;
        var lastIndex = Math.Max(values.Count - 1, 1);
        var top = max > 0 ? (double)max : 1;
        return string.Join(' ', values.Select((v, i) =>
            $"{N(PadLeft + ((double)i / lastIndex * plotWidth))},{N(PadTop + plotHeight - ((double)v / top * plotHeight))}"));
    }

    public static double LineX(int day, int days) => PadLeft + ((double)day / Math.Max(days, 1) * (LineWidth - PadLeft - PadRight));

    public static double LineY(decimal value, decimal max) =>
        PadTop + (LineHeight - PadTop - PadBottom) - ((double)value / (max > 0 ? (double)max : 1) * (LineHeight - PadTop - PadBottom));

    public static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string GiB(double bytes) => (bytes / (1024.0 * 1024 * 1024)).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals) =>
        value.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
