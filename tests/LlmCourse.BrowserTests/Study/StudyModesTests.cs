using System.Text.RegularExpressions;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Study;

[Collection(BrowserCollection.Name)]
public sealed partial class StudyModesTests(BrowserFixture browser)
{
    private const string Deck = "/weeks/7/flashcards";

    [Fact]
    public async Task Flashcards_SpaceFlips_AndArrowsMove()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Deck}/study/flashcards");
        var back = page.Locator(".flashcard-back");
        var front = page.Locator(".flashcard-front");
        await Assertions.Expect(back).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(back).ToBeVisibleAsync();
        await Assertions.Expect(front).ToBeHiddenAsync();
        Assert.EndsWith("/study/flashcards", page.Url);

        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(front).ToBeVisibleAsync();

        await page.Locator("[data-flashcard]").ClickAsync();
        await Assertions.Expect(back).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.Locator(".flashcard-position")).ToHaveTextAsync("Card 2 of 5");
        await Assertions.Expect(page.Locator(".flashcard-back")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(page.Locator(".flashcard-position")).ToHaveTextAsync("Card 1 of 5");
    }

    [Fact]
    public async Task Match_PlayedToTheEnd_ShowsServerTime()
    {
        // The pairs come from the deck file itself, not from the page (which never says which tiles belong together).
        var pairs = ReadPairs();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{Deck}/study/match");
        await Assertions.Expect(page.Locator("[data-match-clock]")).ToBeVisibleAsync();

        var terms = page.Locator("fieldset.match-column").Nth(0).Locator(".match-tile");
        var count = await terms.CountAsync();
        Assert.Equal(pairs.Count, count);

        // One deliberate mistake first: it costs a second.
        await terms.Nth(0).ClickAsync();
        var firstQuestion = (await terms.Nth(0).InnerTextAsync()).Trim();
        var wrong = page.Locator("fieldset.match-column").Nth(1).Locator(".match-tile").Filter(new() { HasNotText = pairs[firstQuestion] }).First;
        await wrong.ClickAsync();
        await Assertions.Expect(page.Locator("[data-match-mistakes]")).ToHaveTextAsync("1");

        for (var i = 0; i < count; i++)
        {
            var term = terms.Nth(i);
            var question = (await term.InnerTextAsync()).Trim();
            await term.ClickAsync();
            var answer = page.Locator("fieldset.match-column").Nth(1).Locator(".match-tile:not(.is-matched)")
                .Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(pairs[question]) + "\\s*$") }).First;
            await answer.ClickAsync();
            if (i < count - 1)
            {
                await Assertions.Expect(term).ToHaveClassAsync(new Regex("is-matched"));
            }
        }

        var finished = page.Locator("[data-match-finished]");
        await Assertions.Expect(finished).ToContainTextAsync("Finished in");
        await Assertions.Expect(page.Locator(".match-result")).ToContainTextAsync("1 wrong pair (+1 s)");
        var seconds = double.Parse(SecondsText().Match(await finished.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds >= 1, $"the time {seconds} s must include the one-second penalty");
    }

    [Fact]
    public async Task SpacedRepetition_KeysOneToFour_RateCards()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/study/review");
        var seen = new List<string>();
        foreach (var (key, name) in new[] { ("3", "Good"), ("1", "Again"), ("2", "Hard"), ("4", "Easy") })
        {
            var question = (await page.Locator("#review-question").InnerTextAsync()).Trim();
            seen.Add(question);
            await Assertions.Expect(page.Locator(".review-answer .prose")).ToBeHiddenAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(page.Locator(".review-answer .prose")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"button[data-rating=\"{key}\"] .rating-interval")).Not.ToBeEmptyAsync();

            await page.Keyboard.PressAsync(key);
            await Assertions.Expect(page.Locator(".notice[role=status]")).ToContainTextAsync($"“{question}”: {name}, next in");
        }

        // Four different new cards were shown: each rating moved the queue on.
        Assert.Equal(4, seen.Distinct().Count());
    }

    [Fact]
    public async Task Learn_PerfectFirstRoundOnAPhone_FillsHalfTheBarAndExplainsLearned()
    {
        var pairs = ReadPairs();
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync($"{Deck}/study/learn");
        for (var i = 0; i < pairs.Count; i++)
        {
            var question = (await page.Locator("#learn-prompt").InnerTextAsync()).Trim();
            await page.Locator("button.choice").Filter(new() { HasTextRegex = new Regex(Regex.Escape(pairs[question]) + "\\s*$") }).ClickAsync();
            await Assertions.Expect(page.Locator(".feedback-ok")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("#round-heading")).ToHaveTextAsync("Round 1 done");
        await Assertions.Expect(page.Locator(".learn-progress span")).ToContainTextAsync($"0 of {pairs.Count} learned · {pairs.Count} familiar");
        Assert.Equal((pairs.Count, 2 * pairs.Count), (
            int.Parse(await page.Locator(".learn-progress progress").GetAttributeAsync("value") ?? "", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(await page.Locator(".learn-progress progress").GetAttributeAsync("max") ?? "", System.Globalization.CultureInfo.InvariantCulture)));

        // The meaning is folded away until asked for, and opening it keeps the page inside the phone's width.
        var meaning = page.Locator(".signal-help dd[data-signal=\"learned\"]");
        await Assertions.Expect(meaning).ToBeHiddenAsync();
        await page.Locator(".signal-help summary").ClickAsync();
        await Assertions.Expect(meaning).ToBeVisibleAsync();
        await Assertions.Expect(meaning).ToContainTextAsync("2 right answers in a row");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the Learn page scrolls sideways");
    }

    private static Dictionary<string, string> ReadPairs()
    {
        var file = Directory.GetFiles(Path.Combine(BrowserFixture.RepoRoot(), "content", "weeks"), "*flashcards.md", SearchOption.AllDirectories).Single();
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        string? question = null;
        foreach (var line in File.ReadLines(file))
        {
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                question = heading.Groups[1].Value.Trim();
            }
            else if (question is not null && line.StartsWith("Short answer:", StringComparison.Ordinal))
            {
                pairs[question] = line["Short answer:".Length..].Trim();
            }
        }

        return pairs;
    }

    [GeneratedRegex(@"^## (.+?) \{#[a-z0-9-]+(?: [^}]*)?\}\s*$")] // attributes such as tests=lecture/4 may follow the id
    private static partial Regex Heading();

    [GeneratedRegex(@"Finished in ([0-9.]+) s")]
    private static partial Regex SecondsText();
}
