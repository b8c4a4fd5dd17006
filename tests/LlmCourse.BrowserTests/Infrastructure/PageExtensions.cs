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
    /// Presses a key that should navigate, and waits until the address is <paramref name="urlGlob"/>. While the
    /// page is still at its old address the press may have been lost, so it is made again (at most three times):
    /// the old page's link always leads to the target, so a repeat can never skip a slide. The new page's load is
    /// not awaited here; callers assert on its content, which waits for it. A wrong address fails with that address.
    /// </summary>
    public static async Task PressLectureKeyAndWaitAsync(this IPage page, string key, string urlGlob)
    {
        var before = page.Url;
        for (var attempt = 1; ; attempt++)
        {
            await page.PressLectureKeyAsync(key);
            try
            {
                await page.WaitForURLAsync(urlGlob, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt < 3 && page.Url == before)
            {
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"Pressing {key} on {before} did not lead to {urlGlob}; the page is at {page.Url}.", e);
            }
        }
    }

    /// <summary>
    /// Waits until the address matches, without waiting for the new page's <c>load</c> event: callers assert on
    /// the page's content, which waits for it anyway. Waiting for <c>load</c> after a click timed out once in CI
    /// although the page was there and the network idle.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string urlGlob) =>
        page.WaitForURLAsync(urlGlob, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static Task WaitForAddressAsync(this IPage page, Func<string, bool> matches) =>
        page.WaitForURLAsync(matches, new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
}
