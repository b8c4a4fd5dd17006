using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Dashboard;

[Collection(BrowserCollection.Name)]
public sealed class ResumeTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task SignUp_ReadThreeSlides_Leave_ComeBack_ResumesOnSlideThree_AndDashboardMatches()
    {
        var page = await browser.NewPageAsync();
        var email = $"resume-{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Resume Tester");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("browser-pass-123");
        await page.GetByLabel("Repeat password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");

        await page.GotoAsync("/weeks/7/lecture");
        await Assertions.Expect(page.Locator(".slide-counter")).ToHaveTextAsync("Slide 1 of 13");
        await page.PressLectureKeyAndWaitAsync("ArrowRight", "**/slides/2");
        await page.PressLectureKeyAndWaitAsync("ArrowRight", "**/slides/3");
        await Assertions.Expect(page.GetByText("You have seen 3 of 13 slides.")).ToBeVisibleAsync();

        // Leave: close the tab, then come back in a new one.
        var context = page.Context;
        await page.CloseAsync();
        var again = await context.NewPageAsync();
        await again.GotoAsync("/weeks/7/lecture");
        await Assertions.Expect(again.Locator(".slide-counter")).ToHaveTextAsync("Slide 3 of 13");

        // Mark the notes read, then check the dashboard agrees with what was done.
        await again.GotoAsync("/weeks/2/class-notes");
        await again.GetByRole(AriaRole.Button, new() { Name = "Mark as read" }).ClickAsync();
        await Assertions.Expect(again.GetByText("You have read these notes.")).ToBeVisibleAsync();

        await again.GotoAsync("/dashboard");
        var week2 = again.Locator("li[data-week='2']");
        var week7 = again.Locator("li[data-week='7']");
        await Assertions.Expect(week2.Locator("progress")).ToHaveAttributeAsync("value", "1");
        await Assertions.Expect(week2.Locator("progress")).ToHaveAttributeAsync("max", "2");
        await Assertions.Expect(week7.Locator("progress")).ToHaveAttributeAsync("value", "0");
        await Assertions.Expect(week7.GetByText("0 of 3 done")).ToBeVisibleAsync();
        await Assertions.Expect(again.Locator("[data-continue]")).ToContainTextAsync("Fine-tuning LLMs with instruction");
        await Assertions.Expect(again.Locator(".calendar .cal-1, .calendar .cal-2, .calendar .cal-3")).ToHaveCountAsync(1);
    }
}
