using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Lectures;

/// <summary>The course's diagrams as a learner sees them on a phone: loaded, described, and no wider than the screen.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CourseImageTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Theory]
    [InlineData(390, ColorScheme.Light)]
    [InlineData(320, ColorScheme.Dark)]
    public async Task Slide3_ShowsTheLayersDiagram_WithoutSidewaysScrolling(int width, ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(width, 844, scheme);
        await page.GotoAsync("/weeks/7/lecture/slides/3");

        var image = page.Locator(".slide-body img[src$='/llm-layers.svg']");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await Assertions.Expect(image).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^Diagram of a large language model"));
        await image.ScrollIntoViewIfNeededAsync();
        await AssertLoadedAndFitsAsync(page, image, width);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDir, $"slide-3-image-{width}.png"), FullPage = true });
    }

    [Fact]
    public async Task Flashcard_SamplingParameters_ShowsItsDiagramOnTheBack_At390()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/weeks/7/flashcards/study/flashcards?card=1&flipped=true");

        var image = page.Locator(".flashcard-back img[src$='/sampling-parameters.svg']");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await image.ScrollIntoViewIfNeededAsync();
        await AssertLoadedAndFitsAsync(page, image, 390);
    }

    private static async Task AssertLoadedAndFitsAsync(IPage page, ILocator image, int width)
    {
        // Decoded and drawn: an image the server refused would have no natural size.
        await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await image.ElementHandleAsync());
        var box = await image.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"the image spans {box.X}..{box.X + box.Width} on a {width} px screen");
        Assert.True(box.Width >= width / 2, $"the image is only {box.Width} px wide on a {width} px screen");

        // Scaled, not cropped: the drawn height follows the diagram's own proportions.
        var ratio = await image.EvaluateAsync<double>("el => el.naturalHeight / el.naturalWidth");
        Assert.InRange(box.Height / box.Width, ratio * 0.98, ratio * 1.02);

        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(scroll[0] <= scroll[1], $"the page scrolls sideways: scrollWidth {scroll[0]} > innerWidth {scroll[1]}");
    }
}
