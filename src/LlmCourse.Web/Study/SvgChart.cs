using System.Globalization;

namespace LlmCourse.Web.Study;

/// <summary>One bar of a chart, with an optional second value drawn as a dot on a 0–100 % scale.</summary>
public sealed record ChartBar(string Label, string Tooltip, double Value, double? Percent = null);

/// <summary>Where one bar (and its dot) goes, in SVG user units.</summary>
public sealed record PlacedBar(ChartBar Bar, double X, double Y, double Width, double Height, double Center, double? DotY);

/// <summary>A bar chart laid out: the markup is Components/Charts/BarChart.razor.</summary>
public sealed record BarChartLayout(int Width, int Height, int Left, int Top, int PlotHeight, string MaxLabel, IReadOnlyList<PlacedBar> Bars)
{
    public int AxisY => Top + PlotHeight;

    public int LabelY => Height - 10;
}

/// <summary>
/// Geometry of the server-side SVG bar charts. Presentation comes from classes in site.css (the CSP forbids
/// inline styles); sizes are attributes.
/// </summary>
public static class SvgChart
{
    private const int Height = 160;
    private const int Top = 12;
    private const int Bottom = 28;
    private const int Left = 32;

    public static BarChartLayout Layout(IReadOnlyList<ChartBar> bars, int width = 640)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plotHeight = Height - Top - Bottom;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var slot = bars.Count == 0 ? 0 : (double)(width - Left - 8) / bars.Count;
        var placed = bars.Select((bar, i) =>
        {
            var h = plotHeight * bar.Value / max;
            var x = Left + (i * slot) + (slot * 0.15);
            double? dot = bar.Percent is { } p ? Top + plotHeight - (plotHeight * Math.Clamp(p, 0, 100) / 100) : null;
            return new PlacedBar(bar, x, Top + plotHeight - h, slot * 0.7, h, x + (slot * 0.35), dot);
        }).ToList();
        return new BarChartLayout(width, Height, Left, Top, plotHeight, max.ToString("0", CultureInfo.InvariantCulture), placed);
    }

    /// <summary>A coordinate as SVG attributes take it: invariant, at most two decimals.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
