using System.Globalization;
using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Issue 17: the statistics page and its CSV show Moodle's quiz information and per-question figures. The expected
/// values are worked by hand from Moodle's formulas (docs.moodle.org/dev/Quiz_statistics_calculations): three
/// learners scoring 3, 2 and 1 of 3 points.
/// </summary>
public sealed class QuizStatisticsReportTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    private const string Page = "/instructor/quizzes/7/timed";

    [Fact]
    public async Task Statistics_PageAndCsv_ShowMoodlesQuizAndQuestionFigures()
    {
        await SubmitClassAsync();
        var instructor = await TestAccounts.InstructorAsync(factory);

        var html = await instructor.GetStringAsync(Page);
        Assert.Contains("data-figure=\"skewness\"", html);
        Assert.Contains("data-figure=\"cic\"", html);
        Assert.Contains("<th scope=\"col\">Effective weight</th>", html);
        Assert.Contains("<th scope=\"col\">Discriminative efficiency</th>", html);
        Assert.Contains("href=\"/instructor/quizzes/7/timed?handler=Csv&amp;from=highest\"", html); // the quiz grades by highest

        var response = await instructor.GetAsync($"{Page}?handler=Csv&from=all");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var (figures, questions) = Parse(await response.Content.ReadAsStringAsync());

        // Totals 100%, 66.67%, 33.33%: mean 66.67%, sample SD 33.33%, a symmetric spread has no skew; kurtosis
        // needs four attempts (Moodle leaves it out below that).
        Assert.Equal(3, figures["attempts_analysed"]!.Value);
        Assert.Equal(66.6667, figures["all_attempts_mean"]!.Value, 3);
        Assert.Equal(66.6667, figures["median"]!.Value, 3);
        Assert.Equal(33.3333, figures["standard_deviation"]!.Value, 3);
        Assert.Equal(0, figures["skewness"]!.Value, 6);
        Assert.Null(figures["kurtosis"]);

        // Cronbach's alpha as Moodle computes it: k/(k-1) (1 - Σ item variances / total variance).
        // Item variances (sample): prime 0, sum 1/3, roman 1/3; total variance 1: 3/2 (1 - 2/3) = 50%.
        Assert.Equal(50, figures["cic"]!.Value, 3);
        // Error ratio 100 √(1 - CIC) and standard error = error ratio × SD.
        Assert.Equal(100 * Math.Sqrt(0.5), figures["error_ratio"]!.Value, 3);
        Assert.Equal(Math.Sqrt(0.5) * 33.3333, figures["standard_error"]!.Value, 2);

        // Everyone got 'prime' right: facility 100%, no spread, so no discrimination; each question is a third of the points.
        Assert.Equal("100", questions["prime"]["facility_index_percent"]);
        Assert.Equal("0", questions["prime"]["standard_deviation_percent"]);
        Assert.Equal("", questions["prime"]["discrimination_index_percent"]);
        Assert.Equal(66.6667, double.Parse(questions["sum"]["facility_index_percent"], CultureInfo.InvariantCulture), 3);
        Assert.Equal(33.3333, double.Parse(questions["roman"]["intended_weight_percent"], CultureInfo.InvariantCulture), 3);
        Assert.Equal("3", questions["roman"]["attempts"]);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("7")]
    public async Task Statistics_UnknownAttemptChoice_Is400(string from)
    {
        var instructor = await TestAccounts.InstructorAsync(factory);
        Assert.Equal(HttpStatusCode.BadRequest, (await instructor.GetAsync($"{Page}?from={from}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await instructor.GetAsync($"{Page}?handler=Csv&from={from}")).StatusCode);
    }

    [Fact]
    public async Task StatisticsCsv_IsForInstructorsOnly()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var response = await learner.GetAsync($"{Page}?handler=Csv");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("attempts_analysed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task SubmitClassAsync()
    {
        var learners = new[] { await TestAccounts.RegisterAsync(factory), await TestAccounts.RegisterAsync(factory), await TestAccounts.RegisterAsync(factory) };
        for (var i = 0; i < learners.Length; i++)
        {
            var id = await QuizClient.StartAsync(learners[i], "timed");
            var attempt = await QuizClient.GetJsonAsync(learners[i], $"{QuizClient.Api("timed")}/{id}");
            var seven = QuizClient.ChoiceId(attempt, "prime", "Seven");
            var body = i switch
            {
                0 => await QuizClient.RightAnswersAsync(learners[i], "timed", id),
                1 => $$$"""{"prime":{"c":["{{{seven}}}"]},"sum":{"n":"4242"}}""",
                _ => $$$"""{"prime":{"c":["{{{seven}}}"]},"sum":{"n":"1"}}""",
            };
            Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(learners[i], "timed", id, body)).StatusCode);
        }
    }

    private static (Dictionary<string, double?> Figures, Dictionary<string, Dictionary<string, string>> Questions) Parse(string csv)
    {
        var blocks = csv.TrimStart('\uFEFF').Split("\r\n\r\n");
        Assert.Equal(2, blocks.Length);
        var figureLines = blocks[0].Split("\r\n");
        Assert.Equal("figure,value,unit", figureLines[0]);
        var figures = figureLines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f[1].Length == 0 ? (double?)null : double.Parse(f[1], CultureInfo.InvariantCulture));
        var questionLines = blocks[1].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = questionLines[0].Split(',');
        var questions = questionLines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => header.Zip(f).ToDictionary(p => p.First, p => p.Second));
        return (figures, questions);
    }
}
