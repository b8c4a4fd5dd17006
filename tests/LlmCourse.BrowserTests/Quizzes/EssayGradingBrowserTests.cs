using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Quizzes;

/// <summary>On a 390 px phone: a learner writes an essay, the instructor grades it with the keyboard, the learner sees the result.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EssayGradingBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    private const string Password = "browser-pass-123";

    [Fact]
    public async Task Essay_WrittenOnAPhone_GradedByKeyboard_LearnerSeesMarkAndComment()
    {
        var folder = Path.Combine(browser.ContentDir, "weeks", "91-essay-test");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "week.md"), "---\nnumber: 91\ntitle: Essay test\n---\nTest week.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "01-essay.md"), """
            ---
            kind: quiz
            title: Essay quiz
            pass-mark: 50
            ---
            ## Which number is prime? {#prime}

            - [ ] Four
            - [x] Seven

            ## Explain what LoRA trains. {#explain type=essay points=4}

            A few sentences are enough.
            """);
        try
        {
            var tag = Guid.NewGuid().ToString("N")[..8];
            var instructorEmail = $"grader-{tag}@example.com";
            var learnerEmail = $"writer-{tag}@example.com";
            await using (var scope = browser.Services.CreateAsyncScope())
            {
                var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
                Assert.NotNull((await admin.CreateAsync(instructorEmail, Password, Roles.Instructor)).User);
                Assert.NotNull((await admin.CreateAsync(learnerEmail, Password, Roles.Learner, $"Ada Writer {tag}")).User);
            }

            // The learner writes the essay on a phone; the script saves it as they type.
            var learner = await SignInAsync(learnerEmail);
            for (var tries = 0; tries < 100 && (await learner.GotoAsync("/weeks/91/essay"))!.Status != 200; tries++)
            {
                await Task.Delay(200);
            }

            await learner.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
            await learner.WaitForAddressAsync("**/weeks/91/essay/attempts/*");
            await learner.Locator("html[data-quiz-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await learner.GetByLabel("Your answer").FocusAsync();
            await learner.Keyboard.TypeAsync("LoRA trains small low-rank adapters.");
            await Assertions.Expect(learner.Locator("[data-quiz-status]")).ToHaveTextAsync("All answers saved.");
            await learner.GetByLabel("Seven").CheckAsync();
            Assert.Equal("", await WiderThanTheWindowAsync(learner));
            await learner.GetByRole(AriaRole.Button, new() { Name = "Submit attempt" }).ClickAsync();
            await learner.WaitForAddressAsync("**/review");
            await Assertions.Expect(learner.Locator(".quiz-result .big-number")).ToHaveTextAsync("Waiting for grading");
            var reviewUrl = learner.Url;

            // The instructor grades it from the keyboard: mark, Tab, comment, Tab, Enter.
            var instructor = await SignInAsync(instructorEmail);
            await instructor.GotoAsync("/instructor/quizzes/91/essay/grading");
            var answer = instructor.Locator("li.grading-item", new() { HasText = learnerEmail });
            await Assertions.Expect(answer.Locator(".grading-answer")).ToHaveTextAsync("LoRA trains small low-rank adapters.");
            await Assertions.Expect(answer.Locator(".grading-state")).ToContainTextAsync("Waiting for grading");
            Assert.Equal("", await WiderThanTheWindowAsync(instructor));
            await AssertAccessibleAsync(instructor);

            await answer.GetByLabel("Mark (0 to 4)").FocusAsync();
            await instructor.Keyboard.TypeAsync("3");
            await instructor.Keyboard.PressAsync("Tab");
            await instructor.Keyboard.TypeAsync("Well **done**; say what stays frozen.");
            await instructor.Keyboard.PressAsync("Tab");
            await instructor.Keyboard.PressAsync("Enter");
            await Assertions.Expect(instructor.Locator(".notice[role=status]")).ToHaveTextAsync("Grade saved; the attempt is fully graded.");
            answer = instructor.Locator("li.grading-item", new() { HasText = learnerEmail });
            await Assertions.Expect(answer.Locator(".grading-state")).ToContainTextAsync($"Graded: 3 / 4 by {instructorEmail}");
            Assert.Equal("", await WiderThanTheWindowAsync(instructor));

            // The learner's review now has the score, the essay's mark and the comment.
            await learner.GotoAsync(reviewUrl);
            await Assertions.Expect(learner.Locator(".quiz-result .big-number")).ToContainTextAsync("4 / 5");
            await Assertions.Expect(learner.Locator(".quiz-comment strong", new() { HasText = "done" })).ToBeVisibleAsync();
            await Assertions.Expect(learner.Locator(".quiz-mark", new() { HasText = "3 / 4" })).ToBeVisibleAsync();
            Assert.Equal("", await WiderThanTheWindowAsync(learner));
            await AssertAccessibleAsync(learner);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Empty when the page does not scroll sideways; else the elements that stick out.</summary>
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
