using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using LlmCourse.Core.Lab;
using LlmCourse.Web.Lab;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Lab;

/// <summary>
/// ROUGE over several pairs with rouge-score's bootstrap intervals, on the evaluation page and in the lab API: the
/// figures are Core's aggregator's with the fixed settings (95 %, 1,000 resamples, seed 123), in low ≤ mid ≤ high order.
/// </summary>
public sealed class RougeBootstrapTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private static readonly string[] Candidates =
    [
        "the cat sat on the mat",
        "a quick brown fox jumps",
        "fine tuning adapts a pretrained model",
        "rain tomorrow in the north",
        "the committee approved the budget",
    ];

    private static readonly string[] References =
    [
        "the cat is on the mat",
        "the quick brown fox jumped over the dog",
        "fine tuning adapts a model that was pretrained",
        "tomorrow it will rain in the north and east",
        "the budget was approved",
    ];

    private static readonly string[] Types = ["rouge1", "rouge2", "rougeL", "rougeLsum"];

    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task RougeBootstrapApi_SeveralPairs_ReturnsCoreIntervalsWithTheFixedSeed()
    {
        var json = await GetJsonAsync(ApiUrl(Candidates, References), HttpStatusCode.OK);
        var expected = Expected(Candidates, References);

        Assert.Equal(5, json.GetProperty("pairs").GetInt32());
        Assert.Equal(1000, json.GetProperty("samples").GetInt32());
        Assert.Equal(123u, json.GetProperty("seed").GetUInt32());
        Assert.Equal(0.95, json.GetProperty("confidenceInterval").GetDouble());
        var intervals = json.GetProperty("intervals").EnumerateArray().ToList();
        Assert.Equal(Types, intervals.Select(i => i.GetProperty("rougeType").GetString()));
        for (var t = 0; t < Types.Length; t++)
        {
            foreach (var (name, interval) in Measures(expected[t]))
            {
                var actual = intervals[t].GetProperty(name);
                Assert.Equal(interval.Low, actual.GetProperty("low").GetDouble());
                Assert.Equal(interval.Mid, actual.GetProperty("mid").GetDouble());
                Assert.Equal(interval.High, actual.GetProperty("high").GetDouble());
                Assert.True(interval.Low <= interval.Mid && interval.Mid <= interval.High, $"{Types[t]} {name}: {interval}");
            }
        }

        // Five different pairs: resampling moves the mean, so the interval has a width.
        Assert.True(expected[0].F1.Low < expected[0].F1.High);
        var scores = json.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(5, scores.Count);
        Assert.Equal(Rouge.Score(References[1], Candidates[1]).Rouge2.F1, scores[1].GetProperty("rouge2").GetDouble());
    }

    [Fact]
    public async Task RougeBootstrapApi_SinglePair_LowMidAndHighAreThePairsScore()
    {
        var json = await GetJsonAsync(ApiUrl([Candidates[0]], [References[0]]), HttpStatusCode.OK);
        var score = Rouge.Score(References[0], Candidates[0]);

        var rouge1 = json.GetProperty("intervals")[0];
        foreach (var (name, value) in new[] { ("precision", score.Rouge1.Precision), ("recall", score.Rouge1.Recall), ("f1", score.Rouge1.F1) })
        {
            var interval = rouge1.GetProperty(name);
            Assert.Equal(value, interval.GetProperty("low").GetDouble(), 12);
            Assert.Equal(value, interval.GetProperty("mid").GetDouble(), 12);
            Assert.Equal(value, interval.GetProperty("high").GetDouble(), 12);
        }
    }

    [Theory]
    [InlineData("candidates=a%0Ab&references=a", "references")]
    [InlineData("candidates=a&references=", "references")]
    [InlineData("candidates=a&references=a&stemmer=maybe", "stemmer")]
    public async Task RougeBootstrapApi_BadInput_IsValidationProblemNamingTheField(string query, string field)
    {
        var json = await GetJsonAsync("/api/v1/lab/rouge-bootstrap?" + query, HttpStatusCode.BadRequest);

        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), json.ToString());
    }

    [Fact]
    public async Task RougeBootstrapApi_OpenApi_NamedAndSummarisedAnonymousWith400()
    {
        var doc = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var get = doc.GetProperty("paths").GetProperty("/api/v1/lab/rouge-bootstrap").GetProperty("get");
        Assert.Equal("LabRougeBootstrap", get.GetProperty("operationId").GetString());
        Assert.Contains("bootstrap", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(get.TryGetProperty("security", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task EvaluationPage_PairsMode_ShowsTheSameIntervalsAndStatesResamplesAndSeed()
    {
        var query = string.Join('&', Candidates.Select(c => "candidates=" + Uri.EscapeDataString(c)).Concat(References.Select(r => "references=" + Uri.EscapeDataString(r))));
        var document = await GetPageAsync("/lab/evaluation?mode=pairs&" + query, HttpStatusCode.OK);
        var expected = Expected(Candidates, References);

        var table = document.QuerySelector("table.rouge-intervals")!;
        Assert.Equal("95% confidence intervals of the mean over 5 pair(s): 1,000 bootstrap resamples, seed 123", table.QuerySelector("caption")!.TextContent);
        for (var t = 0; t < Types.Length; t++)
        {
            var row = table.QuerySelector($"tr[data-rouge-type={Types[t]}]")!;
            var figures = Measures(expected[t]).SelectMany(m => new[] { m.Interval.Low, m.Interval.Mid, m.Interval.High }).Select(v => LabCharts.Fixed(v, 4));
            Assert.Equal(figures, row.QuerySelectorAll("td").Select(td => td.TextContent));
        }

        Assert.Equal(5, document.QuerySelectorAll("table.rouge-pairs tbody tr").Length);
        Assert.Equal("Candidates (the model's texts)", document.QuerySelector("label[for=pairs-candidates]")!.TextContent);
    }

    [Fact]
    public async Task EvaluationPage_PairsSinglePair_LowMidHighAreEqualAndSaysWhy()
    {
        var document = await GetPageAsync($"/lab/evaluation?mode=pairs&candidates={Uri.EscapeDataString(Candidates[2])}&references={Uri.EscapeDataString(References[2])}", HttpStatusCode.OK);

        foreach (var row in document.QuerySelectorAll("table.rouge-intervals tbody tr"))
        {
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent).ToList();
            for (var m = 0; m < 3; m++)
            {
                Assert.Equal(cells[3 * m], cells[(3 * m) + 1]);
                Assert.Equal(cells[3 * m], cells[(3 * m) + 2]);
            }
        }

        Assert.Contains("With one pair every resample is that pair", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationPage_PairsCountsDiffer_Answers400WithTheErrorLinkedToItsField()
    {
        var document = await GetPageAsync("/lab/evaluation?mode=pairs&candidates=a%0Ab&references=a", HttpStatusCode.BadRequest);

        Assert.Null(document.QuerySelector("table.rouge-intervals"));
        Assert.Equal("#pairs-references", document.QuerySelector(".form-errors a")!.GetAttribute("href"));
        Assert.Contains("there are 2 candidates but 1 references", document.QuerySelector("#pairs-references-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationPage_Defaults_ShowIntervalsOfTheExamplePairs()
    {
        var document = await GetPageAsync("/lab/evaluation", HttpStatusCode.OK);
        var example = RougePairsQuery.Default;
        var expected = Expected([.. example.Candidates], [.. example.References]);

        var row = document.QuerySelector("table.rouge-intervals tr[data-rouge-type=rougeL]")!;
        Assert.Equal(LabCharts.Fixed(expected[2].F1.Mid, 4), row.QuerySelectorAll("td")[7].TextContent);
    }

    private static IReadOnlyList<RougeAggregate> Expected(string[] candidates, string[] references) =>
        RougeBootstrap.Aggregate([.. candidates.Select((c, i) => Rouge.Score(references[i], c))], new BootstrapSettings(0.95, 1000, 123));

    private static (string Name, RougeInterval Interval)[] Measures(RougeAggregate aggregate) =>
        [("precision", aggregate.Precision), ("recall", aggregate.Recall), ("f1", aggregate.F1)];

    private static string ApiUrl(string[] candidates, string[] references) =>
        $"/api/v1/lab/rouge-bootstrap?candidates={Uri.EscapeDataString(string.Join('\n', candidates))}&references={Uri.EscapeDataString(string.Join('\n', references))}";

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}");
        return new HtmlParser().ParseDocument(body);
    }
}
