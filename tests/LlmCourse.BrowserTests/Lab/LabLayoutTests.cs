using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;

namespace LlmCourse.BrowserTests.Lab;

[Collection(BrowserCollection.Name)]
public sealed class LabLayoutTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Theory]
    [InlineData("lab-index", "/lab", 390)]
    [InlineData("lab-sampling", "/lab/sampling?prompt=the&topK=5", 390)]
    [InlineData("lab-sampling", "/lab/sampling?prompt=the&topK=5", 1280)]
    [InlineData("lab-evaluation", "/lab/evaluation", 390)]
    [InlineData("lab-evaluation", "/lab/evaluation", 1280)]
    [InlineData("lab-economics", "/lab/economics", 390)]
    [InlineData("lab-economics", "/lab/economics", 1280)]
    [InlineData("lab-peft", "/lab/peft", 390)]
    [InlineData("lab-peft", "/lab/peft", 1280)]
    public async Task LabPage_FitsTheWidth_AndHasNoSeriousAccessibilityViolations(string name, string url, int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await page.GotoAsync(url);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDir, $"{name}-{width}.png"), FullPage = true });

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        var widest = overflow
            ? await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('main *')]
                  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
                """)
            : "";
        Assert.False(overflow, $"{url} scrolls horizontally at {width}px: {widest}");

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }
}
