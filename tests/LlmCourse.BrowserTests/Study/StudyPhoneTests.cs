using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Study;

/// <summary>Issue 16 point 6 on a 390 px phone: the flashcard flip animates unless reduced motion is asked for, and a deck is imported in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudyPhoneTests(BrowserFixture browser) : BrowserTest
{
    private const int Width = 390;
    private const int Height = 844;

    protected override BrowserFixture Fixture => browser;

    // Clicks the card and reports, in the same task, the CSS animations then running on it.
    private const string ClickAndListAnimations = """
        () => {
          const card = document.querySelector('.flashcard');
          card.querySelector('[data-flashcard]').click();
          return card.getAnimations().map(a => a.animationName);
        }
        """;

    [Fact]
    public async Task Flashcard_Flip_TurnsTheCard_AndFitsThePhone()
    {
        var page = await browser.NewPageAsync(Width, Height);
        await page.GotoAsync("/weeks/7/flashcards/study/flashcards");

        var running = await page.EvaluateAsync<string[]>(ClickAndListAnimations);
        Assert.Equal(["flashcard-turn-out"], running);
        // The faces swap when the card is edge-on, then it turns back.
        await Assertions.Expect(page.Locator(".flashcard-back")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".flashcard-front")).ToBeHiddenAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.flashcard').getAnimations().length === 0");
        await Assertions.Expect(page.Locator(".flashcard")).ToHaveClassAsync("flashcard is-flipped");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

        // And back.
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator(".flashcard-front")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.flashcard').getAnimations().length === 0");
        await Assertions.Expect(page.Locator(".flashcard")).ToHaveClassAsync("flashcard");
    }

    [Fact]
    public async Task Flashcard_FlipUnderReducedMotion_SwapsAtOnceWithoutAnimation()
    {
        var page = await browser.NewPageAsync(Width, Height, motion: ReducedMotion.Reduce);
        await page.GotoAsync("/weeks/7/flashcards/study/flashcards");

        var running = await page.EvaluateAsync<string[]>(ClickAndListAnimations);
        Assert.Empty(running);
        Assert.True(await page.Locator(".flashcard-back").IsVisibleAsync(), "under reduced motion the answer shows at once");
        Assert.Equal(0, await page.EvaluateAsync<int>("document.getAnimations().length"));
    }

    [Fact]
    public async Task Instructor_ImportsPastedDeckOnPhone_IntoDraftWeek()
    {
        const int Week = 43;
        var email = $"deck-import-{Guid.NewGuid():N}@example.com";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(email, "browser-pass-123", Roles.Instructor);
            Assert.True(user is not null, string.Join(" ", errors));
            await scope.ServiceProvider.GetRequiredService<ContentRepository>().ApplyAsync(
                [new ContentChange("weeks/43-imports/week.md", "---\nnumber: 43\ntitle: Imports\npublished: false\n---\nImported decks.\n")],
                email, "edit", "browser test", "");
        }

        var page = await browser.NewPageAsync(Width, Height);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        // Reached from the week's page, as an instructor would.
        await page.GotoAsync($"/instructor/weeks/{Week}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a flashcard deck (TSV, Quizlet export) into this week" }).ClickAsync();
        await page.WaitForAddressAsync($"**/study/import?week={Week}");
        await page.GetByLabel("Deck title").FillAsync("Phone deck");
        await page.GetByLabel("Comma").CheckAsync();
        await page.GetByLabel("…or paste the cards").FillAsync("Token,a piece of a word\nContext window,the tokens a model sees at once\n");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the import form scrolls sideways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deck Markdown (2 cards)" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the checked deck scrolls sideways");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import into the week" }).ClickAsync();
        await page.WaitForAddressAsync($"**/instructor/weeks/{Week}#items");
        await Assertions.Expect(page.GetByText("Imported the deck 'Phone deck' (2 cards)")).ToBeVisibleAsync();

        var deck = Assert.IsType<Deck>(browser.Services.GetRequiredService<CourseStore>().Current.FindWeek(Week)!.FindItem("phone-deck"));
        Assert.Equal(["token", "context-window"], deck.Cards.Select(c => c.Id));
    }
}
