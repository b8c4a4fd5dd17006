using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Quizzes;

[Collection(BrowserCollection.Name)]
public sealed class QuizAttemptBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task Week7Quiz_TakenWithTheKeyboard_EndToEnd()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync("/weeks/7/quiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("**/weeks/7/quiz/attempts/*");
        await WaitForScriptAsync(page);
        await Assertions.Expect(page.Locator("[data-quiz-clock]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(10:00|9:[0-5][0-9])$"));

        // Every question answered from the keyboard: Space ticks the first option, arrows pick in lists, typing fills boxes.
        var questions = page.Locator("fieldset[data-question]");
        var count = await questions.CountAsync();
        Assert.Equal(13, count);
        for (var i = 0; i < count; i++)
        {
            var question = questions.Nth(i);
            switch (await question.GetAttributeAsync("data-type"))
            {
                case "single" or "truefalse" or "multiple":
                    await question.Locator("input").First.FocusAsync();
                    await page.Keyboard.PressAsync("Space");
                    break;
                case "numeric":
                    await question.Locator("input").FocusAsync();
                    await page.Keyboard.TypeAsync("50");
                    break;
                case "short":
                    await question.Locator("input").FocusAsync();
                    await page.Keyboard.TypeAsync("few-shot learning");
                    break;
                default:
                    var selects = question.Locator("select");
                    for (var s = 0; s < await selects.CountAsync(); s++)
                    {
                        await selects.Nth(s).FocusAsync();
                        for (var step = 0; step <= s; step++)
                        {
                            await page.Keyboard.PressAsync("ArrowDown");
                        }
                    }

                    break;
            }
        }

        await Assertions.Expect(page.Locator("[data-quiz-status]")).ToHaveTextAsync("All answers saved.");
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit attempt" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("**/review");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Result" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".quiz-result .big-number")).ToContainTextAsync("/ 15");
        await Assertions.Expect(page.Locator(".quiz-explanation").First).ToBeVisibleAsync();

        await page.GotoAsync("/weeks/7/quiz");
        await Assertions.Expect(page.Locator(".quiz-history tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".quiz-grade")).ToContainTextAsync("Grade that counts");
    }

    [Fact]
    public async Task Reload_MidAttempt_KeepsAnswers()
    {
        var page = await SignedInPageAsync();
        await page.GotoAsync("/weeks/2/quiz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
        await page.WaitForAddressAsync("**/weeks/2/quiz/attempts/*");
        await WaitForScriptAsync(page);

        // Questions carry opaque ids (never the authored ones), found here by their text.
        var drawbacks = page.Locator("fieldset[data-question]", new() { HasText = "Which of these are drawbacks of in-context learning?" });
        var peft = page.Locator("fieldset[data-question]", new() { HasText = "What does the abbreviation PEFT stand for?" });
        var peftId = await peft.GetAttributeAsync("data-question");
        Assert.Matches("^q[0-9a-f]{12}$", peftId);
        var box = drawbacks.Locator("input").First;
        await box.CheckAsync();
        await Assertions.Expect(page.Locator("[data-quiz-status]")).ToHaveTextAsync("All answers saved.");
        var saved = await page.RunAndWaitForResponseAsync(
            () => peft.Locator("input").FillAsync("parameter-efficient fine-tuning"),
            r => r.Url.EndsWith("/answers", StringComparison.Ordinal) && r.Request.Method == "PUT" && r.Request.PostData!.Contains(peftId!, StringComparison.Ordinal));
        Assert.Equal(204, saved.Status);
        var order = await page.Locator("fieldset[data-question]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.question)");

        await page.ReloadAsync();
        await Assertions.Expect(drawbacks.Locator("input").First).ToBeCheckedAsync();
        await Assertions.Expect(peft.Locator("input")).ToHaveValueAsync("parameter-efficient fine-tuning");
        Assert.Equal(order, await page.Locator("fieldset[data-question]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.question)"));

        // Submitting with questions unanswered asks first; dismissing stays on the page.
        page.Dialog += async (_, dialog) =>
        {
            Assert.Contains("unanswered", dialog.Message, StringComparison.Ordinal);
            await dialog.DismissAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit attempt" }).ClickAsync();
        await Assertions.Expect(peft).ToBeVisibleAsync();
        Assert.Contains("/attempts/", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("/review", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeLimit_RunsOut_ServerClosesAttemptWithSavedAnswers()
    {
        // A short test-only quiz (0.1 minutes = 6 seconds) in its own week, removed again afterwards.
        var folder = Path.Combine(browser.ContentDir, "weeks", "90-timer-test");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "week.md"), "---\nnumber: 90\ntitle: Timer test\n---\nTest week.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "01-quick.md"), """
            ---
            kind: quiz
            title: Quick quiz
            time-limit: 0.1
            ---
            Six seconds.

            ## Which number is prime? {#prime}

            - [ ] Four
            - [x] Seven

            ## Which number is even? {#even}

            - [x] Four
            - [ ] Seven
            """);
        try
        {
            var page = await SignedInPageAsync();
            for (var tries = 0; tries < 100 && (await page.GotoAsync("/weeks/90/quick"))!.Status != 200; tries++)
            {
                await Task.Delay(200);
            }

            await Assertions.Expect(page.GetByText("6 seconds")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the quiz" }).ClickAsync();
            await page.WaitForAddressAsync("**/attempts/*");
            await WaitForScriptAsync(page);
            await page.GetByLabel("Seven").First.CheckAsync();
            await Assertions.Expect(page.Locator("[data-quiz-status]")).ToHaveTextAsync("All answers saved.");

            // Nothing else is done: the countdown reaches zero and the attempt is handed in.
            await page.WaitForAddressAsync("**/review");
            await Assertions.Expect(page.Locator(".quiz-result .big-number")).ToContainTextAsync("1 / 2");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task WaitForScriptAsync(IPage page) =>
        page.Locator("html[data-quiz-ready='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private async Task<IPage> SignedInPageAsync()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Your name").FillAsync("Quiz Tester");
        await page.GetByLabel("Email").FillAsync($"quiz-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("browser-pass-123");
        await page.GetByLabel("Repeat password").FillAsync("browser-pass-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForAddressAsync("**/dashboard");
        return page;
    }
}
