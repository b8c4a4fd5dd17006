using LlmCourse.Core.Lab;
using LlmCourse.Web.Components.Lab;
using LlmCourse.Web.Lab;

namespace LlmCourse.Components.Tests.Lab;

public sealed class LabChartsTests : BunitContext
{
    private static BreakEvenReport Cost(int? breakEvenDay, int days = 10) => new(
        BreakEvenQuery.Default.Input, days, 2m, 1m, 1m, breakEvenDay, breakEvenDay,
        [new DailyCostPoint(0, 0m, 5m), new DailyCostPoint(days, 20m, 15m)]);

    [Fact]
    public void CostChart_BreakEvenInRange_MarkedWithLineAndLabel()
    {
        var cut = Render<CostChart>(ps => ps.Add(p => p.Report, Cost(5)));

        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("cost-chart-title", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("5", svg.GetAttribute("data-break-even-day"));
        Assert.Equal("Cumulative cost over 10 days: long prompt versus fine-tuned model", cut.Find("title#cost-chart-title").TextContent);
        Assert.Equal("20.00", cut.Find("[data-bind=axisMax]").TextContent);
        Assert.Equal("day 10", cut.Find("[data-bind=axisDays]").TextContent);

        // The marker sits half way along the plot (70 + 0.5 × 554 = 347) with its day above it.
        cut.Find("line.break-even-marker").MarkupMatches("""<line class="break-even-marker" x1="347" y1="16" x2="347" y2="240"></line>""");
        Assert.Contains(cut.FindAll("text.axis-label"), t => t.TextContent == "day 5" && t.GetAttribute("x") == "347");
        Assert.Equal(2, cut.FindAll("polyline").Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(11)]
    public void CostChart_NoBreakEvenWithinDays_NoMarker(int? day)
    {
        var cut = Render<CostChart>(ps => ps.Add(p => p.Report, Cost(day)));

        Assert.Empty(cut.FindAll(".break-even-marker"));
        Assert.Equal(day?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", cut.Find("svg").GetAttribute("data-break-even-day"));
    }

    [Fact]
    public void CostChart_EmptySeries_AxesAtZero()
    {
        var cut = Render<CostChart>(ps => ps.Add(p => p.Report, Cost(null) with { Series = [] }));

        Assert.Equal("0.00", cut.Find("[data-bind=axisMax]").TextContent);
    }

    [Fact]
    public void MemoryChart_FullAndLora_StackedBarsOnOneScale()
    {
        var report = EconomicsLab.Peft(PeftQuery.Default) with
        {
            FullFineTuning = new MemoryLine(2, 1, 1, 4, 0),
            Lora = new MemoryLine(1, 0, 1, 2, 0),
        };

        var cut = Render<MemoryChart>(ps => ps.Add(p => p.Report, report));

        var full = cut.Find("g[data-row=full]");
        var lora = cut.Find("g[data-row=lora]");
        Assert.Equal("Full", full.QuerySelector("text.chart-label")!.TextContent);
        // 440 px for the larger total (4 bytes): 110 px a byte.
        Assert.Equal(["220", "110", "110"], full.QuerySelectorAll("rect").Select(r => r.GetAttribute("width")));
        Assert.Equal(["90", "310", "420"], full.QuerySelectorAll("rect").Select(r => r.GetAttribute("x")));
        Assert.Equal(["110", "0", "110"], lora.QuerySelectorAll("rect").Select(r => r.GetAttribute("width")));
        Assert.Equal("translate(0 50)", lora.GetAttribute("transform"));
        Assert.Equal("memory-chart-title", cut.Find("svg").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public void MemoryChart_NothingToTrain_ZeroWidthBars()
    {
        var report = EconomicsLab.Peft(PeftQuery.Default) with { FullFineTuning = new MemoryLine(0, 0, 0, 0, 0), Lora = new MemoryLine(0, 0, 0, 0, 0) };

        var cut = Render<MemoryChart>(ps => ps.Add(p => p.Report, report));

        Assert.All(cut.FindAll("g.memory-row rect"), r => Assert.Equal("0", r.GetAttribute("width")));
    }

    private static SamplingReport Sampling(params SamplingTokenRow[] rows) =>
        new("prompt", new SamplingSettings(0.7, 2, 0.9), 1, null!, default!, "the", 100, 1, 0.5, rows, []);

    [Fact]
    public void SamplingChart_Rows_EachSaysWhetherItIsDrawnOrWhichCutRemovedIt()
    {
        var cut = Render<SamplingChart>(ps => ps.Add(p => p.Report, Sampling(
            new SamplingTokenRow(1, "the", 0.5, 0.6, true, 0.7, 0.7, true, 1.0),
            new SamplingTokenRow(2, "a", 0.3, 0.3, true, 0.3, 1.0, false, 0),
            new SamplingTokenRow(3, "an", 0.1, 0.1, false, 0, 1.0, false, 0))));

        var svg = cut.Find("svg");
        Assert.Equal("0.7", svg.GetAttribute("data-temperature"));
        Assert.Equal("2", svg.GetAttribute("data-top-k"));
        Assert.Equal("0.9", svg.GetAttribute("data-top-p"));
        Assert.StartsWith("Probabilities of the 3 most likely", cut.Find("title#sampling-chart-title").TextContent, StringComparison.Ordinal);

        var rows = cut.FindAll("g.chart-row");
        Assert.Equal(["chart-row kept", "chart-row cut-topp", "chart-row cut-topk"], rows.Select(r => r.GetAttribute("class")));
        Assert.Equal(["the", "a", "an"], rows.Select(r => r.GetAttribute("data-token")));
        Assert.Equal("cut by top-p", rows[1].QuerySelector("text.chart-value")!.TextContent);
        Assert.Equal("cut by top-k", rows[2].QuerySelector("text.chart-value")!.TextContent);
        Assert.Equal("0.5", rows[0].QuerySelector("rect.bar-raw")!.GetAttribute("data-value"));
        Assert.Equal("translate(0 64)", rows[1].GetAttribute("transform"));
    }

    [Fact]
    public void SamplingChart_HostileToken_IsText()
    {
        var cut = Render<SamplingChart>(ps => ps.Add(p => p.Report, Sampling(new SamplingTokenRow(1, "<script>x</script>\"", 1, 1, true, 1, 1, true, 1))));

        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("<script>x</script>\"", cut.Find("g.chart-row").GetAttribute("data-token"));
        Assert.Equal("<script>x</script>\"", cut.Find("g.chart-row text.chart-label").TextContent);
    }

    [Fact]
    public void SamplingChart_NoRows_LegendOnly()
    {
        var cut = Render<SamplingChart>(ps => ps.Add(p => p.Report, Sampling()));

        Assert.Empty(cut.FindAll("g.chart-row"));
        Assert.Equal(3, cut.FindAll("g.chart-legend rect").Count);
    }

    [Fact]
    public void FormErrors_Errors_AlertListsEachMessageLinkedToItsField()
    {
        var fields = new LabFields();
        fields.Add("days", "Days must be at least 1.");
        fields.Add("rank", "Rank is <too> big.");

        var cut = Render<FormErrors>(ps => ps.Add(p => p.Fields, fields).Add(p => p.Prefix, "x-"));

        Assert.Equal("alert", cut.Find("div.form-errors").GetAttribute("role"));
        Assert.Equal(["#x-days", "#x-rank"], cut.FindAll("li a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Rank is <too> big.", cut.FindAll("li a")[1].TextContent);
    }

    [Fact]
    public void FormErrors_Valid_RendersNothing()
    {
        var cut = Render<FormErrors>(ps => ps.Add(p => p.Fields, new LabFields()));

        Assert.Equal("", cut.Markup.Trim());
    }
}
