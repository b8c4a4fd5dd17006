using System.Text.RegularExpressions;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Study;

/// <summary>Issue 16, point 6: a learner makes a deck of their own, fills it, studies it, and copies a course deck.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PrivateDeckBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Learner_CreatesDeck_AddsTwoCards_StudiesFlashcards_AndCopiesACourseDeck()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Deck Maker");
        await page.GetByLabel("Email").FillAsync($"decks-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("browser-pass-123");
        await page.GetByLabel("Repeat password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");

        // From the site menu to "My decks", then a new deck.
        await page.Locator("summary.menu-toggle").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My decks" }).ClickAsync();
        await page.WaitForAddressAsync("**/study/decks");
        await page.GetByLabel("Title").FillAsync("Capitals");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create deck" }).ClickAsync();
        await page.WaitForAddressAsync(DeckUrl().IsMatch);
        await Assertions.Expect(page.Locator("[data-empty-deck]")).ToBeVisibleAsync();

        var add = page.Locator("#add-card");
        foreach (var (front, back) in new[] { ("France", "Paris"), ("Japan", "Tokyo") })
        {
            await add.GetByLabel("Front").FillAsync(front);
            await add.GetByLabel("Back").FillAsync(back);
            await add.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice[role=status]")).ToHaveTextAsync("Card added.");
        }

        await Assertions.Expect(page.Locator(".private-card-front")).ToHaveTextAsync(["France", "Japan"]);
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), "the deck page scrolls sideways at 390 px");

        // Flashcards: the first card's front, Space flips to its back, → moves on.
        await page.GetByRole(AriaRole.Link, new() { Name = "Flashcards" }).First.ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("/flashcards", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".flashcard-position")).ToHaveTextAsync("Card 1 of 2");
        await Assertions.Expect(page.Locator(".flashcard-front")).ToContainTextAsync("France");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator(".flashcard-back")).ToContainTextAsync("Paris");
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator(".flashcard-position")).ToHaveTextAsync("Card 2 of 2");
        await Assertions.Expect(page.Locator(".flashcard-front")).ToContainTextAsync("Japan");

        // Copy a course deck: a second private deck, with the course deck's cards.
        await page.GotoAsync("/weeks/7/flashcards");
        var courseCards = await page.Locator(".deck-cards > li").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy to my decks" }).ClickAsync();
        await page.WaitForAddressAsync(DeckUrl().IsMatch);
        await Assertions.Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("Copied");
        await Assertions.Expect(page.Locator(".private-card")).ToHaveCountAsync(courseCards);

        await page.GotoAsync("/study/decks");
        await Assertions.Expect(page.Locator(".my-deck")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".my-deck-title").Filter(new() { HasText = "Capitals" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("/study/decks/\\d+$")]
    private static partial Regex DeckUrl();
}
