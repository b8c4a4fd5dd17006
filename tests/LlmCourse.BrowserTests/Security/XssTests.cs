using System.Text.RegularExpressions;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Security;

/// <summary>
/// Loads every page that shows authored or learner-entered text after planting the payload corpus there,
/// and fails if a script runs (a dialog opens or a marker is set) or if any active markup made it into the
/// page (inline scripts, event-handler attributes, javascript: or data: links): the second check still
/// catches escaping bugs that the Content-Security-Policy would have blocked from running.
/// </summary>
[Collection(XssCollection.Name)]
public sealed partial class XssTests(XssFixture site) : BrowserTest
{
    protected override BrowserFixture Fixture => site;

    [Fact]
    public void Corpus_HasAtLeastFiftyPayloads() => Assert.True(XssFixture.Payloads.Count >= 50);

    [Theory]
    [InlineData("/")]
    [InlineData("/weeks/99")]
    [InlineData("/weeks/99/notes")]
    [InlineData("/weeks/99/lecture/slides/1")]
    [InlineData("/weeks/99/lecture/slides/3")]
    [InlineData("/weeks/99/lecture/transcript")]
    [InlineData("/embed/weeks/99/lecture/slides/2")]
    [InlineData("/weeks/99/deck")]
    [InlineData("/weeks/99/deck/study/flashcards")]
    [InlineData("/weeks/99/deck/study/learn")]
    [InlineData("/weeks/99/deck/study/match")]
    [InlineData("/weeks/99/deck/study/test")]
    [InlineData("/weeks/99/deck/study/sort")]
    [InlineData("/study/review")]
    public async Task AuthoredContent_RunsNoScript(string url)
    {
        var page = await site.NewPageAsync();
        await AssertInertAsync(page, url);
    }

    [Fact]
    public async Task LabInputs_RunNoScript()
    {
        var page = await site.NewPageAsync();
        foreach (var chunk in Chunks(1500))
        {
            await AssertInertAsync(page, "/lab/sampling?prompt=" + Uri.EscapeDataString(chunk[..Math.Min(chunk.Length, 300)]), allowBadRequest: true);
            await AssertInertAsync(page, "/lab/evaluation?mode=text&candidate=" + Uri.EscapeDataString(chunk) + "&references=" + Uri.EscapeDataString(chunk), allowBadRequest: true);
            await AssertInertAsync(page, "/lab/evaluation?mode=labels&predicted=" + Uri.EscapeDataString(chunk) + "&gold=" + Uri.EscapeDataString(chunk), allowBadRequest: true);
        }
    }

    [Fact]
    public async Task DisplayNamesAndTokenNames_RunNoScript()
    {
        var page = await site.NewPageAsync();
        var api = page.Context.APIRequest;
        await RegisterAsync(api, "XSS " + XssFixture.Payloads[0]);
        foreach (var batch in XssFixture.Payloads.Chunk(10))
        {
            foreach (var payload in batch)
            {
                await PostFormAsync(api, "/account?handler=CreateToken", "/account", new() { ["name"] = payload.Length > 100 ? payload[..100] : payload });
            }

            // Tokens are limited to ten active at a time: revoke this batch before the next.
            var html = await (await api.GetAsync("/account")).TextAsync();
            foreach (Match match in RevokeId().Matches(html))
            {
                await PostFormAsync(api, $"/account?handler=RevokeToken&id={match.Groups[1].Value}", "/account", []);
            }
        }

        await AssertInertAsync(page, "/account");
        await AssertInertAsync(page, "/dashboard");

        foreach (var payload in XssFixture.Payloads.Skip(1))
        {
            var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl });
            try
            {
                var other = await context.NewPageAsync();
                await RegisterAsync(context.APIRequest, payload.Length > 100 ? payload[..100] : payload);
                await AssertInertAsync(other, "/account");
            }
            finally
            {
                await context.CloseAsync();
            }
        }
    }

    /// <param name="allowBadRequest">Tools may refuse input they cannot use (400) but must still show it inertly.</param>
    private static async Task AssertInertAsync(IPage page, string url, bool allowBadRequest = false)
    {
        var dialogs = new List<string>();
        void OnDialog(object? sender, IDialog dialog)
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        }

        page.Dialog += OnDialog;
        try
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Status: 200 } || (allowBadRequest && response is { Status: 400 }), $"{url} answered {response?.Status}");
            await page.WaitForTimeoutAsync(150);
            var marker = await page.EvaluateAsync<bool>("() => window.__xss !== undefined || document.title === 'XSS'");
            var active = await page.EvaluateAsync<string[]>("""
                () => {
                  const found = [];
                  for (const el of document.querySelectorAll('*')) {
                    if (el.tagName === 'SCRIPT' && !el.getAttribute('src')) found.push('inline script');
                    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(el.tagName) && el.closest('body')) found.push(el.tagName);
                    for (const attr of el.attributes) {
                      const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
                      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
                      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(attr.name)
                          && (value.startsWith('javascript:') || value.startsWith('vbscript:') || value.startsWith('data:text'))) {
                        found.push(el.tagName + ' ' + attr.name + '=' + attr.value);
                      }
                    }
                  }
                  return found;
                }
                """);
            Assert.True(dialogs.Count == 0, $"{url}: a script opened a dialog: {string.Join(", ", dialogs)}");
            Assert.False(marker, $"{url}: a script set the XSS marker");
            Assert.True(active.Length == 0, $"{url}: active markup in the page: {string.Join("; ", active.Distinct())}");
        }
        finally
        {
            page.Dialog -= OnDialog;
        }
    }

    private static IEnumerable<string> Chunks(int size)
    {
        var chunk = "";
        foreach (var payload in XssFixture.Payloads)
        {
            if (chunk.Length + payload.Length + 1 > size)
            {
                yield return chunk;
                chunk = "";
            }

            chunk += payload + "\n";
        }

        if (chunk.Length > 0)
        {
            yield return chunk;
        }
    }

    private static async Task RegisterAsync(IAPIRequestContext api, string name)
    {
        var response = await PostFormAsync(api, "/account/register", "/account/register", new()
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = $"xss-{Guid.NewGuid():N}@example.com",
            ["Input.Password"] = "xss-password-123",
            ["Input.ConfirmPassword"] = "xss-password-123",
        });
        Assert.True(response.Ok, $"registration failed: {response.Status}");
    }

    private static async Task<IAPIResponse> PostFormAsync(IAPIRequestContext api, string url, string formPage, Dictionary<string, string> fields)
    {
        var html = await (await api.GetAsync(formPage)).TextAsync();
        var token = TokenInput().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {formPage}");
        fields["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token.Groups[1].Value);
        var form = api.CreateFormData();
        foreach (var (key, value) in fields)
        {
            form.Set(key, value);
        }

        return await api.PostAsync(url, new() { Form = form });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("id=(\\d+)&amp;handler=RevokeToken")]
    private static partial Regex RevokeId();
}
