using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Layout;

/// <summary>Screenshots of the main pages at phone and desktop widths in both themes, kept as artifacts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    public static TheoryData<string, string, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, string>();
        foreach (var (name, url) in new[] { ("home", "/"), ("lecture", "/weeks/7/lecture/slides/5"), ("notes", "/weeks/2/class-notes") })
        {
            foreach (var (device, width) in new[] { ("phone", 390), ("desktop", 1280) })
            {
                foreach (var scheme in new[] { "light", "dark" })
                {
                    data.Add(name, url, width, $"{name}-{device}-{scheme}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Page_RendersAtWidthAndTheme_WithoutHorizontalScroll(string name, string url, int width, string file)
    {
        var scheme = file.EndsWith("dark", StringComparison.Ordinal) ? ColorScheme.Dark : ColorScheme.Light;
        var page = await browser.NewPageAsync(width, 900, scheme);
        await page.GotoAsync(url);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDir, file + ".png"), FullPage = true });

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{name} scrolls horizontally at {width}px");

        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        var isDark = background is "rgb(20, 22, 27)";
        Assert.Equal(scheme == ColorScheme.Dark, isDark);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/weeks/7")]
    [InlineData("/weeks/7/lecture/slides/1")]
    [InlineData("/weeks/2/class-notes")]
    public async Task Page_HasNoSeriousAccessibilityViolations(string url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }

    [Fact]
    public async Task SkipLink_IsFirstTabStop_AndMovesFocusToMain()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/weeks/7");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
    }
}
