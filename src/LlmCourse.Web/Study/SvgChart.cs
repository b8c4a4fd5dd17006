using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace LlmCourse.Web.Study;

/// <summary>One bar of a chart, with an optional second value drawn as a dot on a 0–100 % scale.</summary>
public sealed record ChartBar(string Label, string Tooltip, double Value, double? Percent = null);

/// <summary>
/// Server-side SVG bar charts. Presentation comes from classes in site.css (the CSP forbids inline styles);
/// sizes are attributes. Each bar carries a title, and the caller gives a text equivalent.
/// </summary>
public static class SvgChart
{
    private const int Height = 160;
    private const int Top = 12;
    private const int Bottom = 28;
    private const int Left = 32;

    public static string Bars(IReadOnlyList<ChartBar> bars, string title, string cssClass, int width = 640)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var ic = CultureInfo.InvariantCulture;
        var enc = HtmlEncoder.Default;
        var plotHeight = Height - Top - Bottom;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var slot = bars.Count == 0 ? 0 : (double)(width - Left - 8) / bars.Count;
        var svg = new StringBuilder();
        svg.Append(ic, $"<svg class=\"chart {enc.Encode(cssClass)}\" width=\"{width}\" height=\"{Height}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-label=\"{enc.Encode(title)}\">");
        svg.Append(ic, $"<line class=\"chart-axis\" x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{width - 4}\" y2=\"{Top + plotHeight}\"/>");
        svg.Append(ic, $"<text class=\"chart-label\" x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\">{max.ToString("0", ic)}</text>");
        svg.Append(ic, $"<text class=\"chart-label\" x=\"{Left - 4}\" y=\"{Top + plotHeight}\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = plotHeight * bar.Value / max;
            var x = Left + (i * slot) + (slot * 0.15);
            var y = Top + plotHeight - h;
            svg.Append(ic, $"<g><title>{enc.Encode(bar.Tooltip)}</title>");
            svg.Append(ic, $"<rect class=\"chart-bar\" x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{slot * 0.7:0.##}\" height=\"{h:0.##}\"/>");
            if (bar.Percent is { } p)
            {
                var py = Top + plotHeight - (plotHeight * Math.Clamp(p, 0, 100) / 100);
                svg.Append(ic, $"<circle class=\"chart-dot\" cx=\"{x + (slot * 0.35):0.##}\" cy=\"{py:0.##}\" r=\"3\"/>");
            }

            svg.Append("</g>");
            if (bar.Label.Length > 0)
            {
                svg.Append(ic, $"<text class=\"chart-label\" x=\"{x + (slot * 0.35):0.##}\" y=\"{Height - 10}\" text-anchor=\"middle\">{enc.Encode(bar.Label)}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
