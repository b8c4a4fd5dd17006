using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Progress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Instructor;

[Collection(BrowserCollection.Name)]
public sealed class GradebookBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    private const string Password = "browser-pass-123";

    [Fact]
    public async Task Instructor_FiltersAndSortsTheGradebook_WithoutScript_AndThePagesAreAccessible()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var instructorEmail = $"teacher-{tag}@example.com";
        var learnerName = $"Grace Hopper {tag}";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            Assert.NotNull((await admin.CreateAsync(instructorEmail, Password, Roles.Instructor)).User);
            var learner = (await admin.CreateAsync($"grace-{tag}@example.com", Password, Roles.Learner, learnerName)).User;
            Assert.NotNull(learner);
            await scope.ServiceProvider.GetRequiredService<ProgressService>().MarkCompleteAsync(learner.Id, 2, "class-notes", "manual");
        }

        // Phone width: the wide table scrolls inside its box, never the page.
        var page = await browser.NewPageAsync(width: 390);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(instructorEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        await page.GotoAsync("/instructor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gradebook", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync("**/instructor/gradebook");

        await page.GetByLabel("Learner").FillAsync(tag);
        await page.GetByLabel("Week").SelectOptionAsync(new SelectOptionValue { Value = "2" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains($"q={tag}", StringComparison.Ordinal) && url.Contains("week=2", StringComparison.Ordinal));
        var rows = page.Locator("tr.gradebook-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator("th")).ToHaveTextAsync(learnerName);
        await Assertions.Expect(rows.Locator("td.items")).ToHaveTextAsync("1 of 2");

        // A header link sorts, a second click reverses; the filter stays.
        var itemsHeader = page.Locator("th[scope=col]", new() { HasText = "Items completed" });
        await itemsHeader.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(itemsHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.Locator("th[scope=col]", new() { HasText = "Items completed" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(itemsHeader).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Contains($"q={tag}", page.Url, StringComparison.Ordinal);
        Assert.Contains("dir=desc", page.Url, StringComparison.Ordinal);

        Assert.Equal("", await WiderThanTheWindowAsync(page));
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/instructor/overview");
        await Assertions.Expect(page.Locator("#learners-enrolled")).Not.ToHaveTextAsync("0");
        Assert.Equal("", await WiderThanTheWindowAsync(page));
        await AssertAccessibleAsync(page);
    }

    /// <summary>Empty when the page does not scroll sideways; else the elements that stick out (outside scrolling boxes).</summary>
    private static Task<string> WiderThanTheWindowAsync(IPage page) => page.EvaluateAsync<string>("""
        () => document.documentElement.scrollWidth <= innerWidth + 1 ? '' :
          [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll'))
            .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`).join(', ') || 'something inside a scrolling box'
        """);

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));
    }
}
