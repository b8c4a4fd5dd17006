using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Lab;

public sealed class LabPagesTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/lab", "Sampling playground")]
    [InlineData("/lab/sampling", "data-chart=\"sampling\"")]
    [InlineData("/lab/evaluation", "data-bind=\"bleu.score\"")]
    [InlineData("/lab/economics", "data-chart=\"cost\"")]
    [InlineData("/lab/peft", "data-chart=\"memory\"")]
    public async Task Page_WithDefaults_RendersItsTool(string url, string expected)
    {
        var html = await GetAsync(url, HttpStatusCode.OK);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/lab\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampling_WithQuery_ShowsSettingsInChartAndContinuations()
    {
        var html = await GetAsync("/lab/sampling?prompt=fine-tuning+a&temperature=0.5&topK=3&topP=0.9&maxTokens=8&seed=7&samples=2", HttpStatusCode.OK);
        Assert.Contains("data-temperature=\"0.5\"", html, StringComparison.Ordinal);
        Assert.Contains("data-top-k=\"3\"", html, StringComparison.Ordinal);
        Assert.Contains("cut by top-k", html, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(html, "class=\"prompt-echo\""));
    }

    [Fact]
    public async Task Sampling_SameSeed_GivesSameContinuations_OtherSeedDiffers()
    {
        const string query = "/lab/sampling?prompt=the&temperature=1.5&maxTokens=12&samples=3&seed=";
        var first = Continuations(await GetAsync(query + "11", HttpStatusCode.OK));
        var again = Continuations(await GetAsync(query + "11", HttpStatusCode.OK));
        var other = Continuations(await GetAsync(query + "12", HttpStatusCode.OK));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData("/lab/sampling?temperature=3", "Temperature must be between 0 and 2")]
    [InlineData("/lab/sampling?topP=abc", "Top-p must be a number")]
    [InlineData("/lab/sampling?maxTokens=0", "Max tokens must be between 1 and 100")]
    [InlineData("/lab/evaluation?mode=labels&predicted=a%0Ab&gold=a", "there are 2 predictions but 1 gold labels")]
    [InlineData("/lab/evaluation?mode=text&candidate=&references=the+cat", "The candidate is empty")]
    [InlineData("/lab/economics?requestsPerDay=-5", "Requests per day must be between 0")]
    [InlineData("/lab/peft?preset=custom&hiddenSize=0&matrices=q", "Hidden size must be between 1")]
    [InlineData("/lab/peft?preset=llama-2-7b&rank=8", "Choose at least one matrix")]
    public async Task Page_WithInvalidInput_Answers400WithClearMessage(string url, string message)
    {
        var html = await GetAsync(url, HttpStatusCode.BadRequest);
        Assert.Contains(message, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_TextMode_ShowsCountsForTheGivenTexts()
    {
        var html = await GetAsync("/lab/evaluation?mode=text&candidate=the+cat+sat&references=the+cat+sat+down&stemmer=true", HttpStatusCode.OK);

        // ROUGE-1: 3 shared words, 3 candidate words, 4 reference words.
        Assert.Contains("data-bind=\"rouge.rouge1.overlap\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-bind=\"rouge.rouge1.referenceCount\">4<", html, StringComparison.Ordinal);
        Assert.Contains("data-bind=\"rouge.rouge1.recall\" data-format=\"4\">0.7500<", html, StringComparison.Ordinal);
        Assert.Contains("sacreBLEU", html, StringComparison.Ordinal);
        Assert.Contains("13a", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_LabelsMode_ShowsAccuracy()
    {
        var html = await GetAsync("/lab/evaluation?mode=labels&predicted=yes%0Ano%0Ayes%0Ayes&gold=yes%0Ano%0Ano%0Ayes", HttpStatusCode.OK);
        Assert.Contains("data-bind=\"accuracy\">0.7500<", html, StringComparison.Ordinal);
        Assert.Contains("data-bind=\"correct\">3<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Economics_WithQuery_ShowsBreakEvenDay()
    {
        // Prompting 1000 × 1000 / 1000 × 0.01 = 10 a day; fine-tuned 0; cost 95 → 9.5 days → day 10.
        var html = await GetAsync("/lab/economics?promptTokensSaved=1000&requestsPerDay=1000&basePrice=0.01&fineTunedPrice=0.01&fineTuningCost=95&fineTunedPromptTokens=0&sharedTokens=0&days=30", HttpStatusCode.OK);
        Assert.Contains("fine-tuning is cheaper from day 10", html, StringComparison.Ordinal);
        Assert.Contains("data-break-even-day=\"10\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Peft_WithPreset_ShowsPublishedParameterCount()
    {
        var html = await GetAsync("/lab/peft?preset=llama-2-7b&matrices=q&matrices=v&rank=8&precision=bf16", HttpStatusCode.OK);

        // Llama 2 7B has 6,738,415,616 parameters; r = 8 on q and v: 32 × 2 × 8 × (4096 + 4096) = 4,194,304.
        Assert.Contains("6,738,415,616", html, StringComparison.Ordinal);
        Assert.Contains("4,194,304", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/weeks/7/flashcards", "/lab/sampling?")]
    [InlineData("/weeks/7/lecture/slides/6", "/lab/economics")]
    [InlineData("/weeks/2/class-notes", "/lab/peft")]
    [InlineData("/weeks/2/class-notes", "/lab/evaluation")]
    [InlineData("/weeks/2/class-notes", "/lab/sampling")]
    public async Task CoursePage_ThatExplainsAConcept_LinksToItsTool(string url, string tool)
    {
        var html = await GetAsync(url, HttpStatusCode.OK);
        Assert.Contains("Try it in the Lab", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{tool}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_LabAside_SitsInsideItsSection()
    {
        var html = await GetAsync("/weeks/2/class-notes", HttpStatusCode.OK);
        var heading = html.IndexOf("id=\"model-evaluation-metrics\"", StringComparison.Ordinal);
        var link = html.IndexOf("href=\"/lab/evaluation\"", StringComparison.Ordinal);
        var next = html.IndexOf("<h2", heading, StringComparison.Ordinal);
        Assert.True(heading > 0 && heading < link && link < next, "the evaluation aside is not in the metrics section");
    }

    [Fact]
    public async Task OtherSlide_HasNoLabAside()
    {
        var html = await GetAsync("/weeks/7/lecture/slides/5", HttpStatusCode.OK);
        Assert.DoesNotContain("lab-aside", html, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(string url, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: expected {expected}, got {response.StatusCode}\n{html[..Math.Min(html.Length, 2000)]}");
        return html;
    }

    private static string Continuations(string html)
    {
        var start = html.IndexOf("data-bind=\"continuations\"", StringComparison.Ordinal);
        var end = html.IndexOf("</ol>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
