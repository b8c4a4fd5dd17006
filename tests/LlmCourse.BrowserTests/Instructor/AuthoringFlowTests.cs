using System.Globalization;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Instructor;

[Collection(BrowserCollection.Name)]
public sealed class AuthoringFlowTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task Instructor_CreatesPreviewsSchedulesWeek_LearnerSeesItOnlyAfterRelease()
    {
        const int Week = 41;
        var email = $"author-{Guid.NewGuid():N}@example.com";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(email, "browser-pass-123", Roles.Instructor);
            Assert.True(user is not null, string.Join(" ", errors));
        }

        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync("browser-pass-123");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

            // Create the week.
            await page.GotoAsync("/instructor");
            await page.GetByLabel("Week number").FillAsync(Week.ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("Folder name").FillAsync("browser-week");
            await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Browser-made week");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create week (as a draft)" }).ClickAsync();
            await page.WaitForAddressAsync($"**/instructor/weeks/{Week}");
            await Assertions.Expect(page.Locator(".week-state").First).ToHaveTextAsync("Draft");

            // Add notes and write them; the preview follows the typing.
            await page.GetByLabel("Id").FillAsync("browser-notes");
            await page.GetByLabel("Title").FillAsync("Browser notes");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
            await page.WaitForAddressAsync("**/instructor/edit?path=*");
            await page.Locator("html[data-editor-preview='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.GetByLabel("Markdown").FillAsync("---\nkind: notes\ntitle: Browser notes\n---\nWritten in the **browser editor**.\n");
            await Assertions.Expect(page.Locator("#editor-preview strong")).ToHaveTextAsync("browser editor");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");

            // Preview as a learner: the banner says so.
            await page.GotoAsync($"/instructor/weeks/{Week}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Preview as a learner" }).ClickAsync();
            await page.WaitForAddressAsync($"**/weeks/{Week}");
            await Assertions.Expect(page.Locator(".preview-banner")).ToContainTextAsync("Preview");
            await page.GetByRole(AriaRole.Link, new() { Name = "Browser notes" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Written in the")).ToBeVisibleAsync();

            // Schedule it for tomorrow (UTC).
            var release = browser.Clock.GetUtcNow().AddDays(1);
            await page.GotoAsync($"/instructor/weeks/{Week}");
            await page.GetByLabel("Release at (UTC)").FillAsync(release.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
            await Assertions.Expect(page.Locator(".week-state").First).ToContainTextAsync("Scheduled for");

            // A learner cannot see it before the release instant, and can after.
            var learner = await browser.NewPageAsync();
            var notFound = await learner.GotoAsync($"/weeks/{Week}/browser-notes");
            Assert.Equal(404, notFound!.Status);
            await learner.GotoAsync("/");
            await Assertions.Expect(learner.GetByText("Browser-made week")).ToHaveCountAsync(0);

            browser.Clock.Offset = TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1);
            var found = await learner.GotoAsync($"/weeks/{Week}/browser-notes");
            Assert.Equal(200, found!.Status);
            await Assertions.Expect(learner.GetByText("Written in the")).ToBeVisibleAsync();
            await Assertions.Expect(learner.Locator(".preview-banner")).ToHaveCountAsync(0);
        }
        finally
        {
            browser.Clock.Offset = TimeSpan.Zero;

            // Other tests share this site: the week goes back to a draft.
            await using var scope = browser.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PublishingService>().UnpublishAsync(Week, "browser test");
        }
    }
}
