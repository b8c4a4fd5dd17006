using LlmCourse.Core.Reports;
using LlmCourse.Web.Components.Instructor;

namespace LlmCourse.Components.Tests.Instructor;

public sealed class SlideInsightChartTests : BunitContext
{
    private static PartInsight Slide(int n, string title, params double[] severities) => new()
    {
        Slide = n,
        Title = title,
        Questions = [],
        Cards = [],
        Reasons = [.. severities.Select((s, i) => new ReworkReason($"reason {i + 1}", s))],
    };

    [Fact]
    public void SlideInsightChart_TwoSlides_BarsScaledToTheHighestScoreWithTitleAndDescription()
    {
        // Width 360: plot = 360 − 40 − 40 = 280 units; slide 2 (score 1.5) fills it, slide 1 (0.75) half of it.
        var cut = Render<SlideInsightChart>(ps => ps.Add(p => p.Parts, [Slide(1, "Intro", 0.75), Slide(2, "Costs", 1, 0.5)]));

        cut.MarkupMatches("""
            <svg class="insight-chart" width="360" height="74" viewBox="0 0 360 74" role="img" aria-labelledby="insight-chart-title insight-chart-desc">
              <title id="insight-chart-title">Rework score per slide</title>
              <desc id="insight-chart-desc">Slide 1, Intro: 0.75; Slide 2, Costs: 1.50.</desc>
              <line class="chart-axis" x1="40" y1="6" x2="40" y2="50" />
              <g class="insight-row">
                <title>Slide 1, Intro: 0.75 (reason 1)</title>
                <text class="insight-chart-label" x="34" y="21" text-anchor="end">1</text>
                <rect class="chart-bar" x="40" y="10" width="140" height="14" />
                <text class="insight-chart-value" x="184" y="21" text-anchor="start">0.75</text>
              </g>
              <g class="insight-row">
                <title>Slide 2, Costs: 1.50 (reason 1; reason 2)</title>
                <text class="insight-chart-label" x="34" y="43" text-anchor="end">2</text>
                <rect class="chart-bar" x="40" y="32" width="280" height="14" />
                <text class="insight-chart-value" x="324" y="43" text-anchor="start">1.50</text>
              </g>
              <text class="insight-chart-label" x="40" y="68" text-anchor="start">Rework score (0: nothing stands out)</text>
            </svg>
            """);
    }

    [Fact]
    public void SlideInsightChart_LowScores_ScaleFromOneSoSmallScoresLookSmall()
    {
        var cut = Render<SlideInsightChart>(ps => ps.Add(p => p.Parts, [Slide(1, "A", 0.25), Slide(2, "B")]));

        var bars = cut.FindAll("rect");
        Assert.Equal("70", bars[0].GetAttribute("width"));
        Assert.Equal("0", bars[1].GetAttribute("width"));
        Assert.Equal("Slide 1, A: 0.25. The other 1 score 0.", cut.Find("desc").TextContent);
    }

    [Fact]
    public void SlideInsightChart_Sections_LabelledByPlaceWithTheirOwnIds()
    {
        PartInsight Section(string id, string title) => new() { Section = id, Title = title, Questions = [], Cards = [] };

        var cut = Render<SlideInsightChart>(ps => ps
            .Add(p => p.Parts, [Section("pre-training", "Pre-training"), Section("peft", "PEFT")])
            .Add(p => p.Title, "Rework score per section")
            .Add(p => p.Id, "notes-chart"));

        Assert.Equal(["§1", "§2"], cut.FindAll("text.insight-chart-label").Take(2).Select(t => t.TextContent));
        Assert.Equal("notes-chart-title notes-chart-desc", cut.Find("svg").GetAttribute("aria-labelledby"));
        Assert.Equal("Rework score per section", cut.Find("title#notes-chart-title").TextContent);
        Assert.Equal("All 2 score 0: nothing stands out.", cut.Find("desc#notes-chart-desc").TextContent);
    }

    [Fact]
    public void SlideInsightChart_NoParts_AxisCaptionOnly()
    {
        var cut = Render<SlideInsightChart>(ps => ps.Add(p => p.Parts, []));

        Assert.Empty(cut.FindAll("rect"));
        Assert.Equal("Nothing to chart.", cut.Find("desc").TextContent);
    }

    [Fact]
    public void SlideInsightChart_TitleWithMarkup_IsText()
    {
        var cut = Render<SlideInsightChart>(ps => ps.Add(p => p.Parts, [Slide(1, "<script>x</script>", 0.5)]));

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>x</script>", cut.Find("g title").TextContent, StringComparison.Ordinal);
    }
}
