using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Glossary;

/// <summary>
/// A term's first use is a link to its definition with a tooltip: shown and announced on keyboard focus, hidden by
/// Escape, shown by a first tap on a touch screen, and clean for axe, at a phone's width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GlossaryTooltipTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Theory]
    [InlineData("/weeks/2/class-notes")]
    [InlineData("/weeks/7/lecture/slides/1")]
    public async Task Tooltip_ByKeyboard_ShowsAndAnnouncesDefinition_EscapeHidesIt(string url)
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(url);
        await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var link = page.Locator("main .term-link").First;
        var tipId = await link.GetAttributeAsync("aria-describedby");
        var tip = page.Locator($"[id='{tipId}']");
        await Assertions.Expect(tip).ToBeHiddenAsync();

        // Tab through the page until the first term has focus (bounded: the page has fewer stops than this).
        for (var i = 0; i < 80 && !await link.EvaluateAsync<bool>("el => el === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(link).ToBeFocusedAsync();
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip).ToHaveAttributeAsync("role", "tooltip");
        var definition = (await tip.TextContentAsync())!;
        await Assertions.Expect(link).ToHaveAccessibleDescriptionAsync(definition.Trim());
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "the tooltip makes the page scroll sideways");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(tip).ToBeHiddenAsync();
        await Assertions.Expect(link).ToBeFocusedAsync();

        // Without a pointer or a tap, Enter follows the link to the definition.
        var href = await link.GetAttributeAsync("href");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("**" + href);
        await Assertions.Expect(page.Locator($"[id='{href!.Split('#')[1]}'] dfn")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Tooltip_ByTouch_FirstTapShowsIt_SecondTapFollowsTheLink()
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new() { Width = 390, Height = 844 },
            HasTouch = true,
            IsMobile = true,
        });
        try
        {
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/weeks/2/class-notes");
            await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var link = page.Locator("main .term-link").Nth(3);
            var tip = page.Locator($"[id='{await link.GetAttributeAsync("aria-describedby")}']");
            var href = (await link.GetAttributeAsync("href"))!;

            await link.TapAsync();
            await Assertions.Expect(tip).ToBeVisibleAsync();
            Assert.EndsWith("/weeks/2/class-notes", page.Url, StringComparison.Ordinal);
            var box = (await tip.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the tooltip leaves the screen: x {box.X}, width {box.Width}");
            var axe = await page.RunAxe();
            var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));

            // A tap elsewhere closes it; tapping the term again then opens it again, and a second tap follows the link.
            await page.Locator("#notes-title").TapAsync();
            await Assertions.Expect(tip).ToBeHiddenAsync();
            await link.TapAsync();
            await Assertions.Expect(tip).ToBeVisibleAsync();
            await link.TapAsync();
            await page.WaitForAddressAsync("**" + href);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Acronym_PEFT_IsLinkedByItsAlias_AndItsTooltipIsTheFullTermsDefinition()
    {
        // glossary.md defines "Parameter-efficient fine-tuning" with "Also: PEFT"; the notes use both spellings. The
        // tooltip of an alias names the full term before its definition.
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/weeks/2/class-notes");
        await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var links = page.Locator("main .term-link[href$='#peft']");
        Assert.Equal(1, await links.CountAsync());
        var link = links.First;
        var tip = page.Locator($"[id='{await link.GetAttributeAsync("aria-describedby")}']");
        await Assertions.Expect(tip).ToBeHiddenAsync();

        await link.FocusAsync();
        await Assertions.Expect(tip).ToBeVisibleAsync();
        await Assertions.Expect(tip).ToContainTextAsync("freeze the original model's weights");
        await Assertions.Expect(link).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("^Parameter-efficient fine-tuning A family of techniques that freeze"));
        var box = (await tip.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the PEFT tooltip leaves the screen: x {box.X}, width {box.Width}");
    }

    [Fact]
    public async Task Flashcard_TermInTheAnswer_IsALinkBesideTheFlipLink()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/weeks/7/flashcards/study/flashcards?card=2&flipped=true");
        var term = page.Locator(".flashcard-back .term-link").First;
        await Assertions.Expect(term).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("a a").CountAsync());

        await term.HoverAsync();
        await Assertions.Expect(page.Locator(".flashcard-back .term-tip").First).ToBeVisibleAsync();
        await term.ClickAsync();
        await page.WaitForAddressAsync("**/glossary#*");
    }

    [Theory]
    [InlineData("/glossary")]
    [InlineData("/weeks/7/print")]
    [InlineData("/offline")]
    [InlineData("/weeks/7/flashcards/study/flashcards?card=1&flipped=true")]
    public async Task Page_At320Pixels_FitsAndHasNoSeriousAccessibilityViolations(string url)
    {
        var page = await browser.NewPageAsync(320, 800);
        await page.GotoAsync(url);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), $"{url} scrolls sideways at 320px");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }

    [Fact]
    public async Task GlossaryPage_Filter_NarrowsTheTerms()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/glossary");
        var filter = page.GetByLabel("Filter terms");
        await filter.FillAsync("gisting");
        await Assertions.Expect(page.Locator("[data-glossary-entry]:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#rouge")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-glossary-count]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 of [0-9]+ terms$"));
        await filter.FillAsync("");
        Assert.True(await page.Locator("[data-glossary-entry]:visible").CountAsync() >= 26);
    }
}
