using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Presses a key once the lecture's keyboard module is running: module scripts run after the HTML is
    /// parsed, so a key pressed the instant a page appears could otherwise be lost.
    /// </summary>
    public static async Task PressLectureKeyAsync(this IPage page, string key)
    {
        await page.Locator("html[data-lecture-keys='ready']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Keyboard.PressAsync(key);
    }
}
