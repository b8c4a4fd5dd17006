using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Lectures;

[Collection(BrowserCollection.Name)]
public sealed class LectureViewerTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task Keyboard_WalksAllThirteenSlidesAndBack()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/weeks/7/lecture");
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 1 of 13");

        for (var n = 2; n <= 13; n++)
        {
            await page.PressLectureKeyAndWaitAsync("ArrowRight", $"**/weeks/7/lecture/slides/{n}");
            await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync($"Slide {n} of 13");
        }

        // The last slide has nowhere further to go.
        await page.PressLectureKeyAsync("ArrowRight");
        await Task.Delay(300);
        Assert.EndsWith("/weeks/7/lecture/slides/13", page.Url);

        await page.PressLectureKeyAndWaitAsync("ArrowLeft", "**/weeks/7/lecture/slides/12");
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 12 of 13");
    }

    [Fact]
    public async Task DeepLink_OpensThatSlide_AndHistoryMovesBackAndForward()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/weeks/7/lecture/slides/5");
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 5 of 13");

        await page.GetByRole(AriaRole.Link, new() { Name = "Next →" }).ClickAsync();
        await page.WaitForAddressAsync("**/slides/6");
        await page.PressLectureKeyAndWaitAsync("ArrowRight", "**/slides/7");
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 7 of 13");

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 6 of 13");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 5 of 13");
        await page.GoForwardAsync();
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 6 of 13");
    }

    [Fact]
    public async Task ArrowKeys_InTheShareBox_DoNotChangeSlide()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/weeks/7/lecture/slides/3");
        await page.Locator("details.share summary").ClickAsync();
        await page.Locator("#share-url").FocusAsync();
        await page.PressLectureKeyAsync("ArrowRight");
        await Task.Delay(300);
        Assert.EndsWith("/slides/3", page.Url);
        Assert.EndsWith("/weeks/7/lecture/slides/3", await page.Locator("#share-url").InputValueAsync());
    }

    [Fact]
    public async Task Embed_ShowsSlideAndTranscriptInsideAnIframe()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/weeks/7/lecture/slides/2");
        await page.Locator("details.share summary").ClickAsync();
        var code = await page.Locator("#embed-code").InputValueAsync();
        Assert.Contains("<iframe", code);

        await page.SetContentAsync($"<!DOCTYPE html><title>host</title>{code}");
        var frame = page.FrameLocator("iframe");
        await Assertions.Expect(frame.Locator(".slide-counter")).ToHaveTextAsync("Slide 2 of 13");
        await Assertions.Expect(frame.Locator(".transcript")).Not.ToBeEmptyAsync();
    }
}
