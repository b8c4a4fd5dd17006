using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Components.Instructor;
using LlmCourse.Web.Instructor;

namespace LlmCourse.Components.Tests.Instructor;

public sealed class QuizStatisticsComponentsTests : BunitContext
{
    [Fact]
    public void ScoreHistogram_Counts_TitleNamesEveryBandAndTallestBarFillsThePlot()
    {
        var cut = Render<ScoreHistogram>(ps => ps.Add(p => p.Counts, [0, 0, 0, 0, 0, 1, 0, 0, 2, 4]));

        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("chart-title", svg.GetAttribute("aria-labelledby"));
        Assert.Equal(
            "Score distribution: 0–10%: 0, 10–20%: 0, 20–30%: 0, 30–40%: 0, 40–50%: 0, 50–60%: 1, 60–70%: 0, 70–80%: 0, 80–90%: 2, 90–100%: 4",
            cut.Find("svg > title#chart-title").TextContent);

        var bars = cut.FindAll("rect.quiz-bar-rect");
        Assert.Equal(10, bars.Count);
        // Plot height 220 - 36 - 12 = 172: the band of 4 fills it, the band of 2 half of it, empty bands are flat.
        Assert.Equal("172", bars[9].GetAttribute("height"));
        Assert.Equal("12", bars[9].GetAttribute("y"));
        Assert.Equal("86", bars[8].GetAttribute("height"));
        Assert.Equal("0", bars[0].GetAttribute("height"));
        Assert.Equal("90–100%: 4 attempt(s)", bars[9].QuerySelector("title")!.TextContent);
        Assert.Equal("4", cut.FindAll("text")[0].TextContent);
    }

    [Fact]
    public void ScoreHistogram_NoAttempts_TenFlatBarsAndScaleOfOne()
    {
        var cut = Render<ScoreHistogram>(ps => ps.Add(p => p.Counts, []).Add(p => p.TitleId, "h2"));

        Assert.All(cut.FindAll("rect"), r => Assert.Equal("0", r.GetAttribute("height")));
        Assert.Equal(10, cut.FindAll("rect").Count);
        Assert.Equal("1", cut.FindAll("text")[0].TextContent);
        Assert.Equal("h2", cut.Find("svg").GetAttribute("aria-labelledby"));
        Assert.NotNull(cut.Find("title#h2"));
        Assert.Equal(["0", "10", "20", "30", "40", "50", "60", "70", "80", "90"], cut.FindAll("g text").Select(t => t.TextContent));
    }

    [Fact]
    public void QuestionStatisticsTable_ChoiceQuestion_RowHeadedByTitleWithFiguresAndCorrectChoiceNamed()
    {
        var q = new QuestionStatistics
        {
            QuestionId = "q1",
            MaxMark = 2,
            AttemptCount = 8,
            MeanMark = 1.5,
            FacilityIndex = 75,
            StandardDeviationPercent = 46.29,
            RandomGuessScore = 25,
            IntendedWeight = 40,
            EffectiveWeight = 38.04,
            DiscriminationIndex = null,
            DiscriminativeEfficiency = 62.5,
            ChoiceFrequencies = [new("a", "Attention", true, 5), new("b", "Recurrence", false, 3)],
        };

        var cut = Render<QuestionStatisticsTable>(ps => ps
            .Add(p => p.Questions, [q])
            .Add(p => p.Titles, new Dictionary<string, string> { ["q1"] = "What scales?" }));

        cut.Find("tbody tr").MarkupMatches("""
            <tr data-question="q1">
              <th scope="row">What scales? <code>q1</code></th>
              <td>2</td><td>8</td><td>1.5</td><td>75%</td><td>46.3%</td><td>25%</td><td>40%</td><td>38%</td><td>—</td><td>62.5%</td>
              <td><ul class="quiz-frequencies">
                <li data-correct="true"><span aria-hidden="true">✓</span> <span class="visually-hidden">(correct)</span> Attention: 5</li>
                <li>Recurrence: 3</li>
              </ul></td>
            </tr>
            """);
        Assert.Equal(12, cut.FindAll("thead th[scope=col]").Count);
        Assert.Empty(cut.FindAll(".stats-flag"));
        Assert.Equal("0", cut.Find("table").GetAttribute("tabindex"));
    }

    [Theory]
    [InlineData(10.0, false, "check this question")] // Moodle flags discriminative efficiency under 15%
    [InlineData(null, true, "negative covariance")]
    public void QuestionStatisticsTable_DubiousQuestion_IsFlaggedInWords(double? efficiency, bool negative, string words)
    {
        var q = new QuestionStatistics { QuestionId = "q", MaxMark = 1, DiscriminativeEfficiency = efficiency, NegativeCovariance = negative };

        var cut = Render<QuestionStatisticsTable>(ps => ps.Add(p => p.Questions, [q]));

        var cell = cut.Find("td.stats-flag");
        Assert.Equal(words, cell.QuerySelector("small")!.TextContent);
    }

    [Fact]
    public void QuestionStatisticsTable_EfficiencyAtTheThreshold_IsNotFlagged()
    {
        var cut = Render<QuestionStatisticsTable>(ps => ps.Add(p => p.Questions, [new QuestionStatistics { QuestionId = "q", MaxMark = 1, DiscriminativeEfficiency = 15 }]));

        Assert.Empty(cut.FindAll(".stats-flag, small"));
    }

    [Fact]
    public void QuestionStatisticsTable_UnknownTitleAndNoChoices_ShowsIdAndEmptyCell()
    {
        var cut = Render<QuestionStatisticsTable>(ps => ps.Add(p => p.Questions, [new QuestionStatistics { QuestionId = "essay", MaxMark = 5 }]));

        Assert.Equal("essay essay", cut.Find("th[scope=row]").TextContent);
        Assert.Empty(cut.FindAll("ul"));
    }

    [Fact]
    public void QuestionStatisticsTable_NoQuestions_SaysSoWithoutTable()
    {
        var cut = Render<QuestionStatisticsTable>(ps => ps.Add(p => p.Questions, []));

        Assert.Empty(cut.FindAll("table"));
        Assert.Contains("no questions", cut.Find("p").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public void QuestionStatisticsTable_HostileTitleAndChoice_AreText(string hostile)
    {
        var cut = Render<QuestionStatisticsTable>(ps => ps
            .Add(p => p.Questions, [new QuestionStatistics { QuestionId = "q", MaxMark = 1, ChoiceFrequencies = [new("a", hostile, false, 1)] }])
            .Add(p => p.Titles, new Dictionary<string, string> { ["q"] = hostile }));

        Assert.Empty(cut.FindAll("script, img"));
        Assert.StartsWith(hostile, cut.Find("th[scope=row]").TextContent, StringComparison.Ordinal);
        Assert.Equal($"{hostile}: 1", cut.Find("li").TextContent.Trim());
    }

    [Fact]
    public void RegradeLogTable_Entry_RowWithUtcTimeAndScores()
    {
        var entry = new RegradeLogEntry("att-1", "<b>Ada</b>", 1.5, 2, new DateTime(2026, 3, 4, 5, 6, 0, DateTimeKind.Utc), "teacher");

        var cut = Render<RegradeLogTable>(ps => ps.Add(p => p.Entries, [entry]));

        cut.Find("tbody tr").MarkupMatches("""
            <tr><td><time datetime="2026-03-04T05:06Z">2026-03-04 05:06 UTC</time></td><td>&lt;b&gt;Ada&lt;/b&gt;</td><td><code>att-1</code></td><td>1.5</td><td>2</td><td>teacher</td></tr>
            """);
        Assert.Empty(cut.FindAll("b"));
    }

    [Fact]
    public void RegradeLogTable_Empty_RendersNothing()
    {
        var cut = Render<RegradeLogTable>(ps => ps.Add(p => p.Entries, []));

        Assert.Equal("", cut.Markup.Trim());
    }
}
