using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Infrastructure;

public static class PageExtensions
{
    static readonly TimeSpan AddressTimeout = TimeSpan.FromSeconds(30);

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
    /// page stays at its old address for 10 s the press may have been lost, so it is made again (at most three
    /// times): the old page's link always leads to the target, so a repeat can never skip a slide. A wrong address
    /// fails with that address.
    /// </summary>
    public static async Task PressLectureKeyAndWaitAsync(this IPage page, string key, string urlGlob)
    {
        var before = page.Url;
        var matches = GlobMatcher(urlGlob);
        for (var attempt = 1; ; attempt++)
        {
            await page.PressLectureKeyAsync(key);
            var lastAttempt = attempt == 3;
            if (await PollAddressAsync(page, matches, lastAttempt ? AddressTimeout : TimeSpan.FromSeconds(10)))
                return;
            if (lastAttempt || page.Url != before)
            {
                if (await PollAddressAsync(page, matches, AddressTimeout))
                    return;
                throw new TimeoutException($"Pressing {key} on {before} did not lead to {urlGlob}; the page is at {page.Url}.");
            }
        }
    }

    /// <summary>
    /// Waits until the page's address matches a Playwright-style glob (<c>**</c> any text, <c>*</c> any text
    /// without '/'). It polls <see cref="IPage.Url"/> instead of using <c>WaitForURLAsync</c>: that call checks
    /// the address and then subscribes to navigation events, and a navigation committed between the two is
    /// never seen (CI timed out twice with the page already at the awaited address). Callers assert on the
    /// new page's content, which waits for it to load.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string urlGlob) =>
        page.WaitForAddressAsync(GlobMatcher(urlGlob), urlGlob);

    /// <inheritdoc cref="WaitForAddressAsync(IPage, string)"/>
    public static Task WaitForAddressAsync(this IPage page, Func<string, bool> matches) =>
        page.WaitForAddressAsync(matches, "the expected address");

    static async Task WaitForAddressAsync(this IPage page, Func<string, bool> matches, string expected)
    {
        if (!await PollAddressAsync(page, matches, AddressTimeout))
            throw new TimeoutException($"The page did not reach {expected} within {AddressTimeout.TotalSeconds:0} s; it is at {page.Url}.");
    }

    static async Task<bool> PollAddressAsync(IPage page, Func<string, bool> matches, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (clock.Elapsed > timeout)
                return false;
            await Task.Delay(25);
        }
        return true;
    }

    static Func<string, bool> GlobMatcher(string glob)
    {
        var pattern = "^" + string.Concat(Regex.Split(glob, @"(\*\*|\*)").Select(part => part switch
        {
            "**" => ".*",
            "*" => "[^/]*",
            _ => Regex.Escape(part),
        })) + "$";
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return regex.IsMatch;
    }
}
