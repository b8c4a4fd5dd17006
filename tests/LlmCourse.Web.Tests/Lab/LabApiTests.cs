using System.Net;
using System.Text.Json;
using LlmCourse.Web.Lab;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Lab;

public sealed class LabApiTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Sampling_Defaults_HasDocumentedShape()
    {
        var json = await GetJsonAsync("/api/v1/lab/sampling", HttpStatusCode.OK);
        Assert.Equal("A low temperature", json.GetProperty("prompt").GetString());
        Assert.Equal(1.0, json.GetProperty("settings").GetProperty("temperature").GetDouble());
        Assert.True(json.GetProperty("model").GetProperty("vocabulary").GetInt32() > 100);
        var rows = json.GetProperty("rows");
        Assert.Equal(SamplingLab.ChartRows, rows.GetArrayLength());
        foreach (var name in new[] { "rank", "token", "raw", "tempered", "keptByTopK", "afterTopK", "cumulativeAfterTopK", "keptByTopP", "final" })
        {
            Assert.True(rows[0].TryGetProperty(name, out _), $"row has no {name}");
        }

        Assert.Equal(3, json.GetProperty("continuations").GetArrayLength());
        Assert.True(json.GetProperty("keptCount").GetInt32() <= json.GetProperty("tokenCount").GetInt32());
    }

    [Fact]
    public async Task Sampling_TemperatureZero_DrawsTheArgmaxToken()
    {
        var json = await GetJsonAsync("/api/v1/lab/sampling?prompt=fine-tuning&temperature=0&samples=3&seed=5", HttpStatusCode.OK);
        var argmax = json.GetProperty("argmax").GetString();
        var rows = json.GetProperty("rows");
        Assert.Equal(argmax, rows[0].GetProperty("token").GetString());
        Assert.Equal(1.0, rows[0].GetProperty("final").GetDouble());
        Assert.Equal(1, json.GetProperty("keptCount").GetInt32());
        foreach (var continuation in json.GetProperty("continuations").EnumerateArray())
        {
            Assert.Equal(argmax, continuation.GetProperty("tokens")[0].GetProperty("token").GetString());
        }
    }

    [Fact]
    public async Task Sampling_TopP_KeepsSmallestSetReachingP()
    {
        var json = await GetJsonAsync("/api/v1/lab/sampling?prompt=the&topP=0.3", HttpStatusCode.OK);
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        var kept = rows.TakeWhile(r => r.GetProperty("keptByTopP").GetBoolean()).ToList();
        Assert.NotEmpty(kept);
        Assert.True(kept[^1].GetProperty("cumulativeAfterTopK").GetDouble() >= 0.3 - 1e-9, "the kept set does not reach p");
        if (kept.Count > 1)
        {
            Assert.True(kept[^2].GetProperty("cumulativeAfterTopK").GetDouble() < 0.3, "the kept set is not the smallest");
        }

        Assert.All(rows.Skip(kept.Count), r => Assert.False(r.GetProperty("keptByTopP").GetBoolean()));
    }

    [Fact]
    public async Task Sampling_ModelIsTrainedOncePerRevision_NotPerRequest()
    {
        var provider = factory.Services.GetRequiredService<LabModelProvider>();
        await GetJsonAsync("/api/v1/lab/sampling", HttpStatusCode.OK);
        var builds = provider.BuildCount;
        var model = provider.Current()?.Model;
        for (var i = 0; i < 3; i++)
        {
            await GetJsonAsync($"/api/v1/lab/sampling?temperature=0.{i + 1}", HttpStatusCode.OK);
            await _client.GetAsync("/lab/sampling?seed=" + i);
        }

        Assert.Equal(builds, provider.BuildCount);
        Assert.Same(model, provider.Current()?.Model);
    }

    [Theory]
    [InlineData("/api/v1/lab/sampling?temperature=2.5&topP=-1&maxTokens=x", new[] { "temperature", "topP", "maxTokens" })]
    [InlineData("/api/v1/lab/sampling?topK=-1&seed=1e99&samples=99", new[] { "topK", "seed", "samples" })]
    [InlineData("/api/v1/lab/accuracy?predicted=a&gold=a&gold=b", new[] { "gold" })]
    [InlineData("/api/v1/lab/accuracy?predicted=&gold=", new[] { "predicted", "gold" })]
    [InlineData("/api/v1/lab/text-metrics?candidate=x&smoothing=floors&stemmer=maybe", new[] { "references", "smoothing", "stemmer" })]
    [InlineData("/api/v1/lab/break-even?basePrice=abc&days=0&fineTuningCost=-1", new[] { "basePrice", "days", "fineTuningCost" })]
    [InlineData("/api/v1/lab/peft?preset=gpt-5&rank=0&precision=fp8&matrices=q", new[] { "preset", "rank", "precision" })]
    [InlineData("/api/v1/lab/peft?preset=gpt-2-small&matrices=gate", new[] { "matrices" })]
    public async Task Api_InvalidInput_Is400ProblemListingTheFields(string url, string[] fields)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        var errors = json.GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Api_HugeInput_Is400NotServerError()
    {
        var longText = new string('a', 5000);
        var response = await _client.GetAsync($"/api/v1/lab/text-metrics?candidate={longText}&references=a");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TextMetrics_HasCountsForRougeAndBleu()
    {
        // Papineni et al. 2002's example: candidate "the the the the the the the", reference "the cat is on the mat":
        // clipped unigram matches 2 of 7.
        var json = await GetJsonAsync("/api/v1/lab/text-metrics?candidate=the+the+the+the+the+the+the&references=the+cat+is+on+the+mat&smoothing=none", HttpStatusCode.OK);
        var order1 = json.GetProperty("bleu").GetProperty("orders")[0];
        Assert.Equal(2, order1.GetProperty("matched").GetInt32());
        Assert.Equal(7, order1.GetProperty("total").GetInt32());
        Assert.Equal(0.0, json.GetProperty("bleu").GetProperty("score").GetDouble());
        Assert.Equal("none", json.GetProperty("bleu").GetProperty("smoothing").GetString());
        var rouge1 = json.GetProperty("rouge").GetProperty("rouge1");
        Assert.Equal(2, rouge1.GetProperty("overlap").GetInt32());
        Assert.Equal(7, rouge1.GetProperty("candidateCount").GetInt32());
        Assert.Equal(6, rouge1.GetProperty("referenceCount").GetInt32());
    }

    [Fact]
    public async Task TextMetrics_SeveralReferences_OnePerLineOrRepeated_AreTheSame()
    {
        var lines = await _client.GetStringAsync("/api/v1/lab/text-metrics?candidate=the+cat+sat&references=a+cat%0Athe+cat+sat+down");
        var repeated = await _client.GetStringAsync("/api/v1/lab/text-metrics?candidate=the+cat+sat&references=a+cat&references=the+cat+sat+down");
        Assert.Equal(lines, repeated);
        Assert.Equal(2, JsonDocument.Parse(lines).RootElement.GetProperty("rouge").GetProperty("rouge1").GetProperty("reference").GetInt32());
    }

    [Fact]
    public async Task Accuracy_CountsExactMatches()
    {
        var json = await GetJsonAsync("/api/v1/lab/accuracy?predicted=pos%0Aneg%0Apos&gold=pos%0Apos%0Apos", HttpStatusCode.OK);
        Assert.Equal(2, json.GetProperty("correct").GetInt32());
        Assert.Equal(3, json.GetProperty("total").GetInt32());
        Assert.False(json.GetProperty("items")[1].GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task BreakEven_HasDailyCostsDayAndSeries()
    {
        var json = await GetJsonAsync("/api/v1/lab/break-even?promptTokensSaved=1000&requestsPerDay=1000&basePrice=0.01&fineTunedPrice=0.01&fineTuningCost=95&fineTunedPromptTokens=0&sharedTokens=0&days=30", HttpStatusCode.OK);
        Assert.Equal(10m, json.GetProperty("promptingDailyCost").GetDecimal());
        Assert.Equal(0m, json.GetProperty("fineTunedDailyCost").GetDecimal());
        Assert.Equal(10, json.GetProperty("breakEvenDay").GetInt32());
        Assert.Equal(9.5m, json.GetProperty("breakEvenDays").GetDecimal());
        Assert.Equal(31, json.GetProperty("series").GetArrayLength());
    }

    [Fact]
    public async Task BreakEven_NeverCheaper_HasNullDay()
    {
        var json = await GetJsonAsync("/api/v1/lab/break-even?promptTokensSaved=0&fineTunedPrice=1", HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("breakEvenDay").ValueKind);
    }

    [Fact]
    public async Task Peft_Gpt2Small_MatchesPublishedCountAndSplitsMemory()
    {
        var json = await GetJsonAsync("/api/v1/lab/peft?preset=gpt-2-small&matrices=q,v&rank=4&precision=fp32", HttpStatusCode.OK);
        Assert.Equal(124_439_808, json.GetProperty("baseParameters").GetInt64());

        // 12 layers × 2 matrices × 4 × (768 + 768).
        Assert.Equal(147_456, json.GetProperty("loraParameters").GetInt64());
        var full = json.GetProperty("fullFineTuning");
        Assert.Equal(124_439_808 * 16.0, full.GetProperty("totalBytes").GetDouble());
        Assert.Equal(2, json.GetProperty("matrices").GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_DocumentsTheLabEndpointsAsAnonymous()
    {
        var doc = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/lab/sampling", "/api/v1/lab/accuracy", "/api/v1/lab/text-metrics", "/api/v1/lab/rouge-bootstrap", "/api/v1/lab/break-even", "/api/v1/lab/peft" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing from OpenAPI");
            var get = item.GetProperty("get");
            Assert.False(get.TryGetProperty("security", out _), $"{path} should not need auth");
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _), $"{path} does not document 400");
        }
    }

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
