using LlmCourse.Web.Components.Charts;
using LlmCourse.Web.Study;

namespace LlmCourse.Components.Tests.Charts;

public sealed class BarChartTests : BunitContext
{
    [Fact]
    public void BarChart_TwoBars_ScaledToTallestWithTitlesLabelsAndDot()
    {
        // Width 140: slot = (140 - 32 - 8) / 2 = 50; plot height 160 - 12 - 28 = 120; the tallest bar fills it.
        var cut = Render<BarChart>(ps => ps
            .Add(p => p.Bars, [new ChartBar("Mon", "Monday: 4 reviews", 4, 50), new ChartBar("", "Tuesday: 2 reviews", 2)])
            .Add(p => p.Title, "Reviews per day")
            .Add(p => p.CssClass, "chart-retention")
            .Add(p => p.Width, 140));

        cut.MarkupMatches("""
            <svg class="chart chart-retention" width="140" height="160" viewBox="0 0 140 160" role="img" aria-label="Reviews per day">
              <line class="chart-axis" x1="32" y1="132" x2="136" y2="132" />
              <text class="chart-label" x="28" y="16" text-anchor="end">4</text>
              <text class="chart-label" x="28" y="132" text-anchor="end">0</text>
              <g><title>Monday: 4 reviews</title>
                <rect class="chart-bar" x="39.5" y="12" width="35" height="120" />
                <circle class="chart-dot" cx="57" cy="72" r="3" /></g>
              <text class="chart-label" x="57" y="150" text-anchor="middle">Mon</text>
              <g><title>Tuesday: 2 reviews</title>
                <rect class="chart-bar" x="89.5" y="72" width="35" height="60" /></g>
            </svg>
            """);
    }

    [Fact]
    public void BarChart_NoBars_AxisOnlyAndScaleOfOne()
    {
        var cut = Render<BarChart>(ps => ps.Add(p => p.Bars, []).Add(p => p.Title, "Nothing yet"));

        Assert.Empty(cut.FindAll("rect"));
        Assert.Equal("1", cut.FindAll("text")[0].TextContent);
        Assert.Equal("Nothing yet", cut.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void BarChart_TooltipWithMarkup_IsText()
    {
        var cut = Render<BarChart>(ps => ps.Add(p => p.Bars, [new ChartBar("<b>x</b>", "<script>1</script>", 1)]).Add(p => p.Title, "t"));

        Assert.Empty(cut.FindAll("script, b"));
        Assert.Equal("<script>1</script>", cut.Find("title").TextContent);
    }
}
