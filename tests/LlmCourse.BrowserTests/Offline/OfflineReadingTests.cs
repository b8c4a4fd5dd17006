using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Offline;

/// <summary>
/// Offline reading with the browser context set offline: the service worker keeps the pages of a week a learner
/// opened, shows its offline page for anything else, and a flashcard review made offline reaches the server once
/// the network is back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineReadingTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task VisitedWeek_ReadsOffline_AndAnUnvisitedPageShowsTheOfflinePage()
    {
        var page = await browser.NewPageAsync(390, 844, serviceWorkers: true);
        await page.GotoAsync("/weeks/7/lecture/slides/1");
        await WaitForWorkerAsync(page);
        await page.GotoAsync("/weeks/2/class-notes");
        await WaitUntilKeptAsync(page, "/weeks/7/lecture/slides/1", "/weeks/2/class-notes", "/offline");

        await page.Context.SetOfflineAsync(true);
        try
        {
            await page.GotoAsync("/weeks/7/lecture/slides/1");
            await Assertions.Expect(page.Locator("#slide-title")).ToHaveTextAsync("Week 7 Video 5: Fine-Tuning Large Language Models");
            await Assertions.Expect(page.Locator(".transcript")).ToContainTextAsync("Welcome to the fifth video of week 7");
            await Assertions.Expect(page.Locator("[data-offline-notice='connection']")).ToContainTextAsync("You are offline");

            // The stylesheet came from the cache too: the page is laid out, not bare HTML.
            var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
            Assert.Equal("rgb(251, 250, 247)", background);

            await page.GotoAsync("/weeks/2/class-notes");
            await Assertions.Expect(page.Locator("#notes-title")).ToHaveTextAsync("Fine-tuning LLMs with instruction");

            // Never opened: the offline page, which lists what is kept.
            await page.GotoAsync("/weeks/7/flashcards");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are offline" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".offline-kept a[href='/weeks/2/class-notes']")).ToBeVisibleAsync();

            // Personal pages are never kept.
            await page.GotoAsync("/dashboard");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are offline" })).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }
    }

    [Fact]
    public async Task SignedInLearner_KeepsOnlyThePublicCopy_NeverTheirOwnPage()
    {
        var page = await RegisteredPageAsync();
        await page.GotoAsync("/weeks/2/class-notes");
        await WaitForWorkerAsync(page);
        await page.GotoAsync("/weeks/7");
        await WaitUntilKeptAsync(page, "/weeks/2/class-notes", "/weeks/7");

        // What is kept is what any visitor gets: no progress, no name, no token.
        var kept = await page.EvaluateAsync<string>("async () => await (await caches.match('/weeks/7')).text()");
        Assert.Contains("Sign in", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("csrf-token", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("Offline Tester", kept, StringComparison.Ordinal);
        var keys = await page.EvaluateAsync<string[]>("""
            async () => {
              const urls = [];
              for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
              return urls;
            }
            """);
        Assert.DoesNotContain(keys, k => k.StartsWith("/dashboard", StringComparison.Ordinal) || k.StartsWith("/api", StringComparison.Ordinal) || k.StartsWith("/account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlashcardReviewMadeOffline_IsSentOnceBackOnline()
    {
        var page = await RegisteredPageAsync();
        await page.GotoAsync("/study/review");
        await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var reviewId = await page.Locator("input[name='reviewId']").InputValueAsync();
        Assert.Equal(0, await ReviewsStoredAsync(reviewId));

        await page.Context.SetOfflineAsync(true);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Good" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-offline-notice='review']")).ToContainTextAsync("kept on this device");
            Assert.EndsWith("/study/review", page.Url, StringComparison.Ordinal);
            var queued = await page.EvaluateAsync<string>("() => localStorage.getItem('llmcourse.offline-reviews')");
            Assert.Contains(reviewId, queued, StringComparison.Ordinal);
            Assert.Equal(0, await ReviewsStoredAsync(reviewId));
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }

        // Back online: sent with a fresh token, the page says so and reloads for the next card, saying it again there.
        // The reload is awaited before reading the page's storage: reading during it fails ("context destroyed").
        await Assertions.Expect(page.Locator("input[name='reviewId']")).Not.ToHaveValueAsync(reviewId);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Assertions.Expect(page.Locator("[data-offline-notice='review']")).ToContainTextAsync("1 review made offline was saved.");
        Assert.Equal(1, await ReviewsStoredAsync(reviewId));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('llmcourse.offline-reviews')"));
    }

    [Fact]
    public async Task AnonymousReviewOffline_IsNotQueued_ButClearlyRefused()
    {
        // A visitor's session is not kept anywhere, so there is no one to send a queued review for: the form carries
        // no offline-review marker and an offline rating is refused in words, the card staying where it was.
        var page = await browser.NewPageAsync(390, 844, serviceWorkers: true);
        await page.GotoAsync("/study/review");
        await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var form = page.Locator("form.rating-form");
        // The form tag helper writes a null attribute as an empty one: no "queue" marker and no learner tag is what counts.
        Assert.NotEqual("queue", await form.GetAttributeAsync("data-offline-review"));
        Assert.True(string.IsNullOrEmpty(await form.GetAttributeAsync("data-learner")), "an anonymous form must carry no learner tag");
        var question = await page.Locator("#review-question").TextContentAsync();

        await page.Context.SetOfflineAsync(true);
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Good" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-offline-notice='refused']")).ToContainTextAsync("not sent");
            Assert.Equal(0, await page.Locator("[data-offline-notice='review']").CountAsync());
            Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('llmcourse.offline-reviews')"));
            Assert.EndsWith("/study/review", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("#review-question")).ToHaveTextAsync(question!);
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }

        // Back online the refusal goes away and the same rating goes through.
        await Assertions.Expect(page.Locator("[data-offline-notice='refused']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#review-question")).Not.ToHaveTextAsync(question!);
    }

    [Fact]
    public async Task FormSentOffline_IsHeldBackWithAMessage_AndKeepsWhatWasTyped()
    {
        var page = await RegisteredPageAsync();
        await page.GotoAsync("/weeks/7/flashcards/study/test");
        await page.Locator("html[data-offline-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var before = page.Url;
        await page.Context.SetOfflineAsync(true);
        try
        {
            var form = page.Locator("form[method='post']").First;
            await form.EvaluateAsync("f => f.requestSubmit()");
            await Assertions.Expect(page.Locator("[data-offline-notice='refused']")).ToContainTextAsync("not sent");
            Assert.Equal(before, page.Url);
        }
        finally
        {
            await page.Context.SetOfflineAsync(false);
        }
    }

    private async Task<int> ReviewsStoredAsync(string reviewId)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.StudyReviews.CountAsync(r => r.ReviewId == reviewId);
    }

    private async Task<IPage> RegisteredPageAsync()
    {
        var page = await browser.NewPageAsync(390, 844, serviceWorkers: true);
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Offline Tester");
        await page.GetByLabel("Email").FillAsync($"offline-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("browser-pass-123");
        await page.GetByLabel("Repeat password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");
        return page;
    }

    private static async Task WaitForWorkerAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("async () => !!(await navigator.serviceWorker.ready).active"));

    /// <summary>Waits (at most 30 s) until the worker has kept every one of <paramref name="paths"/>.</summary>
    private static async Task WaitUntilKeptAsync(IPage page, params string[] paths)
    {
        var missing = paths.ToList();
        for (var i = 0; i < 300 && missing.Count > 0; i++)
        {
            missing = [.. await page.EvaluateAsync<string[]>(
                "async paths => { const out = []; for (const p of paths) if (!(await caches.match(p))) out.push(p); return out; }", paths)];
            if (missing.Count > 0)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(missing.Count == 0, "Not kept for offline reading: " + string.Join(", ", missing));
    }
}
