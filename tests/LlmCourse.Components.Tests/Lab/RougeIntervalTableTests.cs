using LlmCourse.Core.Lab;
using LlmCourse.Web.Components.Lab;

namespace LlmCourse.Components.Tests.Lab;

public sealed class RougeIntervalTableTests : BunitContext
{
    [Fact]
    public void RougeIntervalTable_OneType_RowHeadedByTypeWithLowMidHighOfEachMeasure()
    {
        var rouge1 = new RougeAggregate("rouge1", new(0.1, 0.2, 0.3), new(0.4, 0.5, 0.6), new(0.25, 0.333333, 0.41666));

        var cut = Render<RougeIntervalTable>(ps => ps
            .Add(p => p.Intervals, [rouge1])
            .Add(p => p.Pairs, 12)
            .Add(p => p.ConfidenceInterval, 0.95)
            .Add(p => p.Samples, 1000)
            .Add(p => p.Seed, 123u));

        cut.Find("tbody tr").MarkupMatches("""
            <tr data-rouge-type="rouge1">
              <th scope="row">rouge1</th>
              <td>0.1000</td><td>0.2000</td><td>0.3000</td>
              <td>0.4000</td><td>0.5000</td><td>0.6000</td>
              <td>0.2500</td><td>0.3333</td><td>0.4167</td>
            </tr>
            """);
        Assert.Equal("95% confidence intervals of the mean over 12 pair(s): 1,000 bootstrap resamples, seed 123", cut.Find("caption").TextContent);
    }

    [Fact]
    public void RougeIntervalTable_Headers_GroupEachMeasureOverItsThreePercentilesForScreenReaders()
    {
        var cut = Render<RougeIntervalTable>(ps => ps
            .Add(p => p.Intervals, [])
            .Add(p => p.Pairs, 1)
            .Add(p => p.ConfidenceInterval, 0.9)
            .Add(p => p.Samples, 50)
            .Add(p => p.Seed, 7u));

        var groups = cut.FindAll("th[scope=colgroup]");
        Assert.Equal(["Precision", "Recall", "F1"], groups.Select(g => g.TextContent));
        Assert.All(groups, g => Assert.Equal("3", g.GetAttribute("colspan")));
        var columns = cut.FindAll("thead th[scope=col]");
        Assert.Equal(10, columns.Count);
        Assert.Equal("Recall mid", columns[5].TextContent);
        Assert.Equal("Recall ", columns[5].QuerySelector("span.visually-hidden")!.TextContent);
        Assert.StartsWith("90% confidence intervals", cut.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Equal("region", cut.Find("div.table-scroll").GetAttribute("role"));
    }
}
