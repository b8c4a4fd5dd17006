using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Discussion;

/// <summary>
/// The project's XSS corpus (tests/LlmCourse.BrowserTests/Security/xss-payloads.txt) posted as thread titles and
/// post bodies: what comes back, on the thread page, the item's list and through the API, holds no active markup.
/// </summary>
public sealed partial class DiscussionXssTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    /// <summary>What the course pipeline may produce from Markdown; anything else in a post is an escaping bug.</summary>
    private static readonly HashSet<string> AllowedTags =
    [
        "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "img", "input", "del", "sup", "div", "section",
    ];

    private static IReadOnlyList<string> Payloads { get; } =
        [.. File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "LlmCourse.BrowserTests", "Security", "xss-payloads.txt")).Where(l => l.Trim().Length > 0)];

    [Fact]
    public void Corpus_IsThere() => Assert.True(Payloads.Count >= 50, $"only {Payloads.Count} payloads");

    [Fact]
    public async Task CorpusInPosts_RendersNoActiveMarkup_OnThePageListAndApi()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var instructor = await TestAccounts.InstructorAsync(app);
        var (thread, _) = await DiscussionClient.StartAsync(instructor, "XSS corpus thread");
        var batches = Payloads.Chunk(8).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            if (i > 0 && i % DiscussionApp.PostsPerMinute == 0)
            {
                app.Clock.Advance(TimeSpan.FromSeconds(61));
            }

            await DiscussionClient.ReplyAsync(learner, thread, string.Join("\n\n", batches[i]) + $"\n\nbatch-{i}");
        }

        var html = await learner.GetStringAsync($"/discussion/{thread}");
        for (var i = 0; i < batches.Count; i++)
        {
            Assert.Contains($"batch-{i}", html);
        }

        AssertInert(PostsSection(html), "thread page");
        var api = await learner.GetStringAsync($"/api/v1/threads/{thread}");
        foreach (Match body in BodyHtmlJson().Matches(api))
        {
            AssertInert(Regex.Unescape(body.Groups[1].Value), "API bodyHtml");
        }
    }

    [Fact]
    public async Task CorpusInTitles_IsShownAsText_Everywhere()
    {
        var instructor = await TestAccounts.InstructorAsync(app);
        foreach (var payload in Payloads.Take(30))
        {
            var title = payload.Length > 150 ? payload[..150] : payload;
            var response = await DiscussionClient.StartThreadAsync(instructor, title.Length < 3 ? title + "..." : title, "body");
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {payload}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var (thread, _) = DiscussionClient.Ids(response);
                var page = await app.CreateClient().GetStringAsync($"/discussion/{thread}");
                AssertNoActiveMarkup(page, payload);
            }
        }

        var list = await app.CreateClient().GetStringAsync("/weeks/2/class-notes/discussion");
        AssertNoActiveMarkup(list, "thread list");
        AssertNoActiveMarkup(await app.CreateClient().GetStringAsync("/weeks/2/class-notes"), "item page");
        AssertNoActiveMarkup(await instructor.GetStringAsync("/discussion/unanswered"), "unanswered list");
    }

    /// <summary>The markup of the posts: every tag one the pipeline makes, no event handler, no script URL.</summary>
    private static void AssertInert(string html, string where)
    {
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = tag.Groups[2].Value;
            Assert.True(AllowedTags.Contains(name), $"{where}: <{name}> in a post: {tag.Value}");
            Assert.False(EventHandler().IsMatch(attributes), $"{where}: event handler in {tag.Value}");
            foreach (Match url in UrlAttribute().Matches(attributes))
            {
                var value = WebUtility.HtmlDecode(url.Groups[2].Value).Trim().ToLowerInvariant();
                Assert.False(value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal),
                    $"{where}: script URL in {tag.Value}");
            }
        }
    }

    /// <summary>For a whole page: no inline script, no event handler attribute, no script URL anywhere.</summary>
    private static void AssertNoActiveMarkup(string html, string what)
    {
        Assert.False(InlineScript().IsMatch(html), $"inline script after {what}");
        foreach (Match tag in Tag().Matches(html))
        {
            Assert.False(EventHandler().IsMatch(tag.Groups[2].Value), $"event handler after {what}: {tag.Value}");
            Assert.DoesNotContain("javascript:", tag.Value, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string PostsSection(string html)
    {
        var start = html.IndexOf("<section class=\"posts\"", StringComparison.Ordinal);
        var end = html.IndexOf("<section class=\"discussion-form", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "posts section not found");
        var section = html[start..end];
        // Drop the site's own markup around each post (article, header, forms) and keep the bodies.
        var bodies = PostBody().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(bodies);
        return string.Join("\n", bodies);
    }

    [GeneratedRegex("<div class=\"post-body prose\">(.*?)</div>\\s*(?:<div class=\"post-actions\"|</article>)", RegexOptions.Singleline)]
    private static partial Regex PostBody();

    [GeneratedRegex("\"bodyHtml\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex BodyHtmlJson();

    [GeneratedRegex("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s[^>]*)?)/?>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex("\\s(href|src|action|formaction|data)\\s*=\\s*[\"']?([^\"'\\s>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex("<script(?![^>]*\\ssrc=\"/js/)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
