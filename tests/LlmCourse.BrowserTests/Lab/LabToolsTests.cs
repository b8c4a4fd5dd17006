using System.Globalization;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Lab;

[Collection(BrowserCollection.Name)]
public sealed class LabToolsTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task Sampling_MovingTemperature_RedrawsChartWithoutReload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/lab/sampling?prompt=the&temperature=1");
        var chart = page.Locator("[data-chart=\"sampling\"]");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-temperature", "1");
        var before = await TemperedAsync(page, "data-value");
        var rawWidthBefore = await RawWidthAsync(page);
        await page.EvaluateAsync("() => { window.labMarker = 'same page'; }");

        var slider = page.Locator("input[type=\"range\"][data-sync=\"temperature\"]");
        await Assertions.Expect(slider).ToBeVisibleAsync();
        await slider.FillAsync("0.3");

        await Assertions.Expect(chart).ToHaveAttributeAsync("data-temperature", "0.3");
        await Assertions.Expect(page.Locator("#temperature")).ToHaveValueAsync("0.3");
        var after = await TemperedAsync(page, "data-value");
        var rawWidthAfter = await RawWidthAsync(page);

        // A lower temperature sharpens the distribution: the top token's tempered probability grows, and as the
        // chart's scale follows the tallest bar, the unchanged raw bar is drawn shorter.
        Assert.True(after > before, $"tempered probability of the top token did not grow: {before} → {after}");
        Assert.True(rawWidthAfter < rawWidthBefore, $"raw bar was not rescaled: {rawWidthBefore} → {rawWidthAfter}");
        Assert.Equal("same page", await page.EvaluateAsync<string>("() => window.labMarker"));
        Assert.Contains("temperature=0.3", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampling_InvalidLiveInput_ShowsFieldMessage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/lab/sampling");
        await page.Locator("#temperature").FillAsync("5");
        await Assertions.Expect(page.Locator("#temperature-error")).ToContainTextAsync("Temperature must be between 0 and 2");
        await Assertions.Expect(page.Locator("#temperature")).ToHaveAttributeAsync("aria-invalid", "");
    }

    [Fact]
    public async Task Sampling_WithoutJavaScript_FormSubmitShowsResults()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lab/sampling");
        await Assertions.Expect(page.Locator("input[type=\"range\"][data-sync=\"temperature\"]")).ToBeHiddenAsync();

        await page.Locator("#prompt").FillAsync("fine-tuning");
        await page.Locator("#temperature").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show distribution and sample" }).ClickAsync();

        await page.WaitForAddressAsync("**/lab/sampling?*temperature=0*");
        await Assertions.Expect(page.Locator("[data-chart=\"sampling\"]")).ToHaveAttributeAsync("data-temperature", "0");
        await Assertions.Expect(page.Locator("[data-bind=\"kept\"]")).ToContainTextAsync("1 of ");
        await Assertions.Expect(page.Locator("[data-bind=\"continuations\"] li")).ToHaveCountAsync(3);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Evaluation_TypingCandidate_UpdatesScoresLive()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/lab/evaluation");
        var rouge1Overlap = page.Locator("[data-bind=\"rouge.rouge1.overlap\"]");
        await Assertions.Expect(rouge1Overlap).ToHaveTextAsync("5");

        await page.Locator("#candidate").FillAsync("the cat is on the mat");
        await Assertions.Expect(rouge1Overlap).ToHaveTextAsync("6");
        await Assertions.Expect(page.Locator("[data-bind=\"bleu.score\"]").First).ToHaveTextAsync("100.00");
    }

    [Fact]
    public async Task Peft_ChangingRank_UpdatesTrainableParameters()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/lab/peft");
        var lora = page.Locator("strong[data-bind=\"loraParameters\"]");
        await Assertions.Expect(lora).ToHaveTextAsync("4,194,304");
        await page.Locator("#rank").FillAsync("16");
        await Assertions.Expect(lora).ToHaveTextAsync("8,388,608");
    }

    private static async Task<double> TemperedAsync(IPage page, string attribute)
    {
        var value = await page.Locator("[data-chart=\"sampling\"] .chart-row").First.Locator(".bar-tempered").GetAttributeAsync(attribute);
        return double.Parse(value!, CultureInfo.InvariantCulture);
    }

    private static async Task<double> RawWidthAsync(IPage page)
    {
        var value = await page.Locator("[data-chart=\"sampling\"] .chart-row").First.Locator(".bar-raw").GetAttributeAsync("width");
        return double.Parse(value!, CultureInfo.InvariantCulture);
    }
}
