using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Instructor;

[Collection(BrowserCollection.Name)]
public sealed class QuizOverrideBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    private const string Password = "browser-pass-123";

    [Fact]
    public async Task Instructor_GivesALearnerExtraTime_OnAPhone()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var instructorEmail = $"teacher-{tag}@example.com";
        var learnerEmail = $"ada-{tag}@example.com";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            Assert.NotNull((await admin.CreateAsync(instructorEmail, Password, Roles.Instructor)).User);
            Assert.NotNull((await admin.CreateAsync(learnerEmail, Password, Roles.Learner, $"Ada {tag}")).User);
        }

        var page = await browser.NewPageAsync(width: 390);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(instructorEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        await page.GotoAsync("/instructor/quizzes/7/quiz");
        await page.GetByRole(AriaRole.Link, new() { Name = "Learner overrides (close date, time limit)" }).ClickAsync();
        await page.WaitForAddressAsync("**/instructor/quizzes/7/quiz/overrides");

        // Neither a date nor a limit: refused with the reason, the email kept.
        await page.GetByLabel("Learner's email").FillAsync(learnerEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save override" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Give a close date, a time limit, or both.");
        await Assertions.Expect(page.GetByLabel("Learner's email")).ToHaveValueAsync(learnerEmail);

        await page.GetByLabel("Closes for them (UTC)").FillAsync("2030-01-15T18:00");
        await page.GetByLabel("Time limit for them (minutes)").FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save override" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(learnerEmail);
        var row = page.Locator("li.override", new() { HasText = learnerEmail });
        await Assertions.Expect(row).ToContainTextAsync("Closes 2030-01-15 18:00 UTC");
        await Assertions.Expect(row).ToContainTextAsync("Time limit 45 minutes");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth + 1"), "The page scrolls sideways at 390 px.");
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Remove the override for {learnerEmail}" }).ClickAsync();
        await Assertions.Expect(page.Locator("li.override", new() { HasText = learnerEmail })).ToHaveCountAsync(0);
    }
}
