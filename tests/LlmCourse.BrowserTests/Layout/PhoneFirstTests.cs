using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Layout;

/// <summary>Issue 16 on a phone: chrome that leaves room for content, quizzes that fit, find-and-read aids, readable charts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneFirstTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    private const string Password = "browser-pass-123";

    // Point 2: the menu is a disclosure, so it must open with scripts switched off.
    [Fact]
    public async Task HeaderMenu_OnPhoneWithoutJavaScript_IsCollapsedAndOpens()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 320, Height = 640 }, JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/weeks/7");
            var lab = page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Lab" });
            await Assertions.Expect(lab).ToBeHiddenAsync();
            var header = await page.Locator(".site-header").BoundingBoxAsync();
            Assert.True(header!.Height < 150, $"the header is {header.Height} px tall at 320 px");

            await page.GetByText("Menu", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(lab).ToBeVisibleAsync();
            await lab.ClickAsync();
            await page.WaitForAddressAsync("**/lab");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task HeaderMenu_OnDesktop_ShowsTheLinksWithoutAMenuButton()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoAsync("/weeks/7");
        await Assertions.Expect(page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Lab" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Menu", new() { Exact = true })).ToBeHiddenAsync();
    }

    // Point 2: the notes' contents come after the title, closed, and the text starts on the first screen.
    [Fact]
    public async Task Notes_OnPhone_TitleThenClosedContentsThenText()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/weeks/2/class-notes");
        var title = await page.Locator("h1").BoundingBoxAsync();
        var toc = await page.Locator("details.toc").BoundingBoxAsync();
        var text = await page.Locator("[data-notes] > p").First.BoundingBoxAsync();
        Assert.True(title!.Y < 300, $"the title starts at {title.Y} px");
        Assert.True(toc!.Y > title.Y, "the contents come after the title");
        Assert.False(await page.Locator("details.toc").EvaluateAsync<bool>("d => d.open"), "the contents are closed on a phone");
        Assert.True(text!.Y < 844, $"the text starts at {text.Y} px, below the first screen");
    }

    // Point 2: the flashcard is on the first screen of a phone, under the compact mode list.
    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    public async Task Flashcards_OnPhone_CardIsOnTheFirstScreen(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/weeks/7/flashcards/study/flashcards");
        var card = await page.Locator(".flashcard").BoundingBoxAsync();
        Assert.True(card!.Y + 80 < height, $"the card starts at {card.Y} px of {height}");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
    }

    // Point 1: a whole quiz attempt (every question type, long ordering options) and the practice test fit 320 px.
    [Fact]
    public async Task QuizAttemptAndPracticeTest_At320_FitAndLabelsSitBesideTheirBoxes()
    {
        var page = await browser.NewPageAsync(320, 640);
        await RegisterAsync(page);
        await page.GotoAsync("/weeks/7/quiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
        await page.WaitForAddressAsync("**/weeks/7/quiz/attempts/*");
        await AssertFitsAsync(page);
        await AssertBesideAsync(page, ".quiz-choices li");
        Assert.Equal(0, await page.Locator(".quiz-ordering li").EvaluateAllAsync<int>(
            "items => items.filter(li => getComputedStyle(li).listStyleType !== 'none' && getComputedStyle(li).display === 'list-item').length"));

        // The intro's attempts table scrolls inside a box that says so; the page itself does not.
        await page.GotoAsync("/weeks/7/quiz");
        await AssertFitsAsync(page);
        var box = page.Locator(".scroll-cue").Filter(new() { Has = page.Locator("table.quiz-history") });
        await Assertions.Expect(box).ToHaveAttributeAsync("tabindex", "0");
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "at 320 px the attempts table is wider than its box");
        await Assertions.Expect(page.Locator(".scroll-hint")).ToBeVisibleAsync();

        await page.GotoAsync("/weeks/7/flashcards/study/test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the test" }).ClickAsync();
        await page.Locator(".test-question").First.WaitForAsync();
        await AssertFitsAsync(page);
        await AssertBesideAsync(page, ".test-question .choice-option");
        var marker = await page.Locator(".test-questions > li").First.EvaluateAsync<string>("li => getComputedStyle(li).listStyleType");
        Assert.Equal("none", marker);
    }

    // Point 7: the header's search box, the remembered theme, the favicon, permalinks and the current section.
    [Fact]
    public async Task HeaderSearch_WorksWithoutJavaScript_FromAnyPage()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, JavaScriptEnabled = false });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/weeks/7/lecture/slides/2");
            await page.Locator("header").GetByLabel("Search the course").FillAsync("temperature");
            await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.WaitForAddressAsync("**/search?q=temperature");
            await Assertions.Expect(page.Locator(".search-result").First).ToBeVisibleAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task ThemeSwitch_ChoiceIsRemembered_AndAutoFollowsTheSystemAgain()
    {
        var page = await browser.NewPageAsync(1366, 900, ColorScheme.Light);
        await page.GotoAsync("/weeks/7");
        Assert.Equal("rgb(251, 250, 247)", await BackgroundAsync(page));

        await page.Locator(".theme-switch").GetByRole(AriaRole.Link, new() { Name = "Dark" }).ClickAsync();
        await page.WaitForAddressAsync("**/weeks/7");
        Assert.Equal("rgb(20, 22, 27)", await BackgroundAsync(page));
        await page.GotoAsync("/weeks/2/class-notes");
        Assert.Equal("rgb(20, 22, 27)", await BackgroundAsync(page));
        Assert.Equal("dark", await page.Locator("html").GetAttributeAsync("data-theme"));

        // A learner on a dark system who picks light keeps light; Auto hands the choice back to the system.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.Locator(".theme-switch").GetByRole(AriaRole.Link, new() { Name = "Light" }).ClickAsync();
        await page.WaitForAddressAsync("**/weeks/2/class-notes");
        Assert.Equal("rgb(251, 250, 247)", await BackgroundAsync(page));
        await page.Locator(".theme-switch").GetByRole(AriaRole.Link, new() { Name = "Auto" }).ClickAsync();
        await page.WaitForAddressAsync("**/weeks/2/class-notes");
        Assert.Equal("rgb(20, 22, 27)", await BackgroundAsync(page));
        Assert.Equal("system", await page.Locator("html").GetAttributeAsync("data-theme"));
    }

    [Fact]
    public async Task ThemeSwitch_RefusesUnknownSchemesAndForeignReturnAddresses()
    {
        var page = await browser.NewPageAsync();
        var bad = await page.APIRequest.GetAsync("/theme?set=purple&returnUrl=/");
        Assert.Equal(400, bad.Status);
        var foreign = await page.APIRequest.GetAsync("/theme?set=dark&returnUrl=//evil.example/", new() { MaxRedirects = 0 });
        Assert.Equal(302, foreign.Status);
        Assert.Equal("/", foreign.Headers["location"]);
    }

    [Fact]
    public async Task Favicon_IsOurSvg()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var href = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        var icon = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/svg+xml", icon.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("<svg", await icon.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_HeadingsHavePermalinks_AndTheContentsMarkTheCurrentSection()
    {
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoAsync("/weeks/2/class-notes");
        var headings = page.Locator("[data-notes] h2[id]");
        Assert.True(await headings.CountAsync() >= 3);
        var third = headings.Nth(1);
        var id = await third.GetAttributeAsync("id");
        await Assertions.Expect(third.Locator("a.permalink")).ToHaveAttributeAsync("href", $"#{id}");

        await third.Locator("a.permalink").ClickAsync();
        await page.WaitForAddressAsync($"**#{id}");
        await Assertions.Expect(page.Locator($".toc a[aria-current='location']")).ToHaveAttributeAsync("href", $"#{id}");
    }

    // Point 3: chart labels stay readable on a 320 px phone, and the analytics table scrolls in its own box.
    [Fact]
    public async Task Analytics_At320_ChartLabelsAreReadable_AndTheTableScrollsInItsBox()
    {
        var page = await browser.NewPageAsync(320, 640);
        await RegisterAsync(page);
        await page.GotoAsync("/weeks/7/flashcards/study/analytics");
        // Rendered size = font size in drawing units × (drawn width / viewBox width).
        var smallest = await page.Locator(".chart-label").EvaluateAllAsync<double>("""
            labels => Math.min(...labels.map(l => {
              const svg = l.ownerSVGElement;
              return parseFloat(getComputedStyle(l).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            }))
            """);
        Assert.True(smallest >= 11, $"the smallest chart label is {smallest:0.0} px tall at 320 px");
        await Assertions.Expect(page.Locator(".scroll-cue").Filter(new() { Has = page.Locator("table.data-table") }).First).ToHaveAttributeAsync("tabindex", "0");
        await AssertFitsAsync(page);
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var wide = await page.EvaluateAsync<string>("""
            () => {
              const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
              return document.documentElement.scrollWidth <= window.innerWidth ? '' :
              [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ') || 'the page is ' + document.documentElement.scrollWidth + ' px wide';
            }
            """);
        Assert.True(wide.Length == 0, $"{page.Url} scrolls sideways at {page.ViewportSize!.Width} px: {wide}");
    }

    /// <summary>Every radio or checkbox sits on the same line as the start of its label, not above it.</summary>
    private static async Task AssertBesideAsync(IPage page, string rowSelector)
    {
        var stacked = await page.Locator(rowSelector).EvaluateAllAsync<int>("""
            rows => rows.filter(row => {
              const input = row.querySelector('input').getBoundingClientRect();
              let text;
              const label = row.querySelector('label');
              if (label) text = label.getBoundingClientRect();
              else {
                const node = [...row.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
                const range = document.createRange();
                range.selectNodeContents(node);
                text = range.getClientRects()[0];
              }
              return text.left < input.right - 1 || text.top > input.bottom;
            }).length
            """);
        Assert.Equal(0, stacked);
    }

    private static Task<string> BackgroundAsync(IPage page) => page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    private static async Task RegisterAsync(IPage page)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Phone Learner");
        await page.GetByLabel("Email").FillAsync($"phone-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");
    }
}
