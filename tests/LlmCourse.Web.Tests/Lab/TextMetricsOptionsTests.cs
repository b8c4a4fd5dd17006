using System.Net;
using System.Text.Json;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Lab;

/// <summary>
/// The text-metrics API and the evaluation page with every option the reference packages have, checked against
/// the values their own test suites publish: sacreBLEU v2.6.0 test/test_sentence_bleu.py and test/test_chrf.py,
/// rouge-score's rouge/rouge_scorer_test.py. Bad option values are 400 problems naming the field.
/// </summary>
public sealed class TextMetricsOptionsTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    // test_sentence_bleu.py's EPSILON; test_chrf.py's EPSILON.
    private const double BleuEpsilon = 1e-3;
    private const double ChrfEpsilon = 1e-4;

    // test_sentence_bleu.py's example from sacreBLEU issue #98.
    private const string Issue98Reference = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string Issue98Hypothesis = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("", 8.493)]
    [InlineData("&smoothing=none", 0.0)]
    [InlineData("&smoothing=floor", 4.51688)]
    [InlineData("&smoothing=floor&smoothValue=0.1", 4.51688)]
    [InlineData("&smoothing=floor&smoothValue=0.5", 10.10)]
    [InlineData("&smoothing=add-k", 14.882)]
    [InlineData("&smoothing=add-k&smoothValue=1", 14.882)]
    [InlineData("&smoothing=add-k&smoothValue=2", 21.389)]
    [InlineData("&tokenize=none", 7.347)]
    [InlineData("&tokenize=intl", 8.493)]
    [InlineData("&tokenize=char", 40.8759)]
    [InlineData("&tokenize=char&lowercase=true", 42.0267)]
    public async Task TextMetrics_BleuOptions_MatchTestSentenceBleu(string options, double expected)
    {
        // test_sentence_bleu.py test_cases: sentence_bleu(hyp, [ref], smooth_method, smooth_value, lowercase, tokenize)
        // with effective order on, each within EPSILON 1e-3.
        var json = await GetJsonAsync(Url(Issue98Hypothesis, Issue98Reference) + options, HttpStatusCode.OK);

        var score = json.GetProperty("bleu").GetProperty("score").GetDouble();
        Assert.InRange(score, expected - BleuEpsilon, expected + BleuEpsilon);
    }

    [Fact]
    public async Task TextMetrics_NoMatchAtAll_IsZeroWhateverTheSmoothing()
    {
        // test_sentence_bleu.py test_cases_zero_bleu (sacreBLEU issue #141): "this is a cat" against "okay thanks".
        foreach (var smoothing in new[] { "exp", "none", "floor", "add-k" })
        {
            var json = await GetJsonAsync(Url("this is a cat", "okay thanks") + "&smoothing=" + smoothing, HttpStatusCode.OK);
            Assert.Equal(0.0, json.GetProperty("bleu").GetProperty("score").GetDouble());
        }
    }

    [Fact]
    public async Task TextMetrics_BleuSettings_AreEchoedWithSacreBleusSignature()
    {
        var json = await GetJsonAsync(Url("The cat sat.", "the cat sat down") + "&tokenize=intl&lowercase=true&smoothing=floor&smoothValue=0.5&maxNgramOrder=6&effectiveOrder=false", HttpStatusCode.OK);
        var bleu = json.GetProperty("bleu");

        Assert.Equal("nrefs:1|case:lc|eff:no|tok:intl|smooth:floor[0.50]", bleu.GetProperty("signature").GetString());
        Assert.Equal(6, bleu.GetProperty("orders").GetArrayLength());
        Assert.Equal(6, bleu.GetProperty("maxNgramOrder").GetInt32());
        Assert.Equal(6, bleu.GetProperty("effectiveOrder").GetInt32());
        Assert.Equal("intl", bleu.GetProperty("tokenizer").GetString());
        Assert.Equal(0.5, bleu.GetProperty("smoothingValue").GetDouble());
        Assert.Equal(["the", "cat", "sat", "."], bleu.GetProperty("candidateTokens").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData(
        "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
        39.14078509)]
    [InlineData(
        "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
        31.22557079)]
    public async Task TextMetrics_ChrfEpsSmoothing_MatchesTestChrfSentenceLevel(string hypothesis, string reference, double expected)
    {
        // test_chrf.py test_sentence_level_chrf: sentence_chrf(hyp, [ref], eps_smoothing=True), chrF2 otherwise.
        var json = await GetJsonAsync(Url(hypothesis, reference) + "&epsSmoothing=true", HttpStatusCode.OK);

        var chrf = json.GetProperty("chrf");
        Assert.Equal("chrF2", chrf.GetProperty("name").GetString());
        Assert.InRange(chrf.GetProperty("score").GetDouble(), expected - ChrfEpsilon, expected + ChrfEpsilon);
    }

    [Fact]
    public async Task TextMetrics_ChrfKeepWhitespaceBeta3_MatchesTestChrf()
    {
        // test_chrf.py test_cases_keep_whitespace: corpus_chrf([hyp], [[ref]], beta=3, remove_whitespace=False) = 67.3481606.
        var json = await GetJsonAsync(
            Url("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.", "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.")
            + "&beta=3&whitespace=true",
            HttpStatusCode.OK);

        var chrf = json.GetProperty("chrf");
        Assert.InRange(chrf.GetProperty("score").GetDouble(), 67.3481606 - ChrfEpsilon, 67.3481606 + ChrfEpsilon);
        Assert.Equal("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:yes", chrf.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task TextMetrics_ChrfPlusPlus_CountsWordOrdersAfterCharacterOrders()
    {
        var json = await GetJsonAsync(Url("the cat sat on the mat", "the cat is on the mat") + "&wordOrder=2&charOrder=3", HttpStatusCode.OK);

        var chrf = json.GetProperty("chrf");
        Assert.Equal("chrF2++", chrf.GetProperty("name").GetString());
        var orders = chrf.GetProperty("orders").EnumerateArray().Select(o => (o.GetProperty("kind").GetString(), o.GetProperty("order").GetInt32())).ToList();
        Assert.Equal([("character", 1), ("character", 2), ("character", 3), ("word", 1), ("word", 2)], orders);

        // Word unigrams: the, cat, on, the, mat of six words match (clipped), so precision and recall are 5/6.
        var words = chrf.GetProperty("orders")[3];
        Assert.Equal(5, words.GetProperty("matched").GetInt32());
        Assert.Equal(6, words.GetProperty("candidateCount").GetInt32());
    }

    [Fact]
    public async Task TextMetrics_RougeLsum_MatchesRougeScorerTest()
    {
        // rouge_scorer_test.py testRougeLsum: target "w1 w2 w3 w4 w5", prediction "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5"
        // gives recall 0.8, precision 0.4, F 0.5333.
        var json = await GetJsonAsync(Url("w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5"), HttpStatusCode.OK);

        var lsum = json.GetProperty("rouge").GetProperty("rougeLsum");
        Assert.Equal("ROUGE-Lsum", lsum.GetProperty("name").GetString());
        Assert.Equal(0.8, lsum.GetProperty("recall").GetDouble(), 12);
        Assert.Equal(0.4, lsum.GetProperty("precision").GetDouble(), 12);
        Assert.Equal(0.5333, lsum.GetProperty("f1").GetDouble(), 3);
    }

    [Theory]
    [InlineData("&tokenize=moses&smoothing=add-one", new[] { "tokenize", "smoothing" })]
    [InlineData("&smoothValue=-1&maxNgramOrder=0&effectiveOrder=perhaps", new[] { "smoothValue", "maxNgramOrder", "effectiveOrder" })]
    [InlineData("&smoothValue=abc&maxNgramOrder=21&lowercase=2", new[] { "smoothValue", "maxNgramOrder", "lowercase" })]
    [InlineData("&charOrder=21&wordOrder=-1&beta=x", new[] { "charOrder", "wordOrder", "beta" })]
    [InlineData("&charOrder=0&wordOrder=0", new[] { "charOrder" })]
    [InlineData("&whitespace=maybe&epsSmoothing=sometimes&chrfLowercase=?", new[] { "whitespace", "epsSmoothing", "chrfLowercase" })]
    public async Task TextMetrics_UnknownOptionValues_Are400ProblemNamingTheFields(string options, string[] fields)
    {
        var response = await _client.GetAsync(Url("the cat", "the cat") + options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EvaluationPage_OffersEveryOptionAndShowsTheChosenOnes()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync(
            "/lab/evaluation?mode=text&candidate=" + Uri.EscapeDataString(Issue98Hypothesis) + "&references=" + Uri.EscapeDataString(Issue98Reference)
            + "&tokenize=char&lowercase=true&smoothing=add-k&smoothValue=2&wordOrder=2"));

        foreach (var name in new[] { "tokenize", "smoothing", "smoothValue", "lowercase", "maxNgramOrder", "effectiveOrder", "charOrder", "wordOrder", "beta", "chrfLowercase", "whitespace", "epsSmoothing", "stemmer" })
        {
            Assert.Contains($"name=\"{name}\"", html, StringComparison.Ordinal);
        }

        foreach (var value in new[] { "13a", "intl", "char", "none" })
        {
            Assert.Contains($"<option value=\"{value}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<option value=\"char\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"add-k\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains("nrefs:1|case:lc|eff:yes|tok:char|smooth:add-k[2.00]", html, StringComparison.Ordinal);
        Assert.Contains("chrF2++", html, StringComparison.Ordinal);
        Assert.Contains("ROUGE-Lsum", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationPage_UnknownTokenizer_Is400WithMessage()
    {
        var response = await _client.GetAsync("/lab/evaluation?mode=text&candidate=a&references=a&tokenize=moses");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The tokenizer must be 13a, intl, char or none", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    private static string Url(string candidate, string reference) =>
        $"/api/v1/lab/text-metrics?candidate={Uri.EscapeDataString(candidate)}&references={Uri.EscapeDataString(reference)}";

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
