using System.Text.RegularExpressions;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Discussion;

/// <summary>
/// Issue 19: the discussion used from the keyboard only, on a phone: Tab to the form, choose the kind with the
/// arrow keys, preview the Markdown, post with Enter, reply with Ctrl+Enter. No mouse, no pointer taps.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DiscussionKeyboardTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task Learner_StartsPreviewsAndRepliesToAThread_ByKeyboardOnly()
    {
        var email = $"keyboard-{Guid.NewGuid():N}@example.com";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(email, "browser-pass-123", Roles.Learner, "Keyboard Learner");
            Assert.True(user is not null, string.Join(" ", errors));
        }

        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        await page.GotoAsync("/weeks/2/class-notes/discussion");
        await TabToAsync(page, "#thread-title");
        await page.Keyboard.TypeAsync("Why freeze most weights?");

        // The kind is a radio group: Tab enters it on the checked "question", an arrow key picks "comment".
        await TabToAsync(page, "input[name=Kind]");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("comment", await page.EvaluateAsync<string>("document.activeElement.value"));
        Assert.True(await page.Locator("input[name=Kind][value=comment]").IsCheckedAsync());

        await TabToAsync(page, "#thread-body");
        await page.Keyboard.TypeAsync("Does **LoRA** keep the base model intact?");

        // Preview renders through the site's pipeline: bold comes back as <strong>, in a live region.
        await TabToAsync(page, "button:not([type=submit])");
        Assert.Equal("Preview", (await page.EvaluateAsync<string>("document.activeElement.textContent"))?.Trim());
        await page.Keyboard.PressAsync("Enter");
        var preview = page.Locator("#thread-body-preview");
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("LoRA");
        Assert.Equal("polite", await preview.GetAttributeAsync("aria-live"));

        // Shift+Tab back to "Post thread", Enter posts it, and the thread opens.
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("Post thread", (await page.EvaluateAsync<string>("document.activeElement.textContent"))?.Trim());
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync(url => ThreadAddress().IsMatch(url));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Why freeze most weights?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".posts .post-body strong").First).ToHaveTextAsync("LoRA");

        // The reply box, reached by Tab, sends with Ctrl+Enter.
        await TabToAsync(page, "#reply-body");
        await page.Keyboard.TypeAsync("Answering myself: yes, only the small adapter matrices are trained.");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator(".posts")).ToContainTextAsync("only the small adapter matrices are trained");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the thread scrolls sideways on a phone");
    }

    // Presses Tab (at most 150 times) until the focused element matches the selector, as a keyboard user would.
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}.");
    }

    [GeneratedRegex(@"/discussion/\d+")]
    private static partial Regex ThreadAddress();
}
