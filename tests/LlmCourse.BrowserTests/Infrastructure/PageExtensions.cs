using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Presses a key once the lecture's keyboard module is running and the page has painted. Module scripts
    /// run after the HTML is parsed, and Chromium drops input that arrives before a newly navigated page's
    /// first paint, so a key pressed the instant a page appears could otherwise be lost (no person is that fast).
    /// </summary>
    public static async Task PressLectureKeyAsync(this IPage page, string key)
    {
        await page.Locator("html[data-lecture-keys='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>
    /// Presses a key that should navigate, and waits for the new address. If no navigation has even started
    /// (committed) within five seconds, the press is taken as lost and made again, at most three times in all;
    /// a navigation that started is always waited for, however slow, so a key is never pressed twice.
    /// </summary>
    public static async Task PressLectureKeyAndWaitAsync(this IPage page, string key, string urlGlob)
    {
        var before = page.Url;
        for (var attempt = 1; ; attempt++)
        {
            await page.PressLectureKeyAsync(key);
            try
            {
                await page.WaitForURLAsync(url => url != before, new() { Timeout = 5_000, WaitUntil = WaitUntilState.Commit });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await page.WaitForURLAsync(urlGlob);
    }
}
