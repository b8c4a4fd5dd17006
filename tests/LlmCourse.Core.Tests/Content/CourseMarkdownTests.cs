using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed partial class CourseMarkdownTests
{
    // Payloads adapted from the OWASP XSS filter evasion cheat sheet
    // (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html) to Markdown.
    public static TheoryData<string> XssPayloads => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](<javascript:alert(1)>)",
        "[x](javascript:alert(1) \"title\")",
        "<a href=\"javascript:alert(1)\">x</a>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "<VBSCRIPT:msgbox(1)>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "[x](https://ok.example){onclick=alert(1)}",
        "## Heading {onclick=alert(1)}",
        "## Heading [x](javascript:alert(1))",
        "| a |\n|---|\n| [x](javascript:alert(1)) |",
        "Text[^1]\n\n[^1]: [x](javascript:alert(1))",
        "- [ ] [x](javascript:alert(1))\n- [x] <script>alert(1)</script>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "> **[x](vbscript:msgbox(1))**",
        "[<img src=x onerror=alert(1)>](https://ok.example)",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<object data=\"javascript:alert(1)\"></object>",
        "[x](java\u0000script:alert(1))",
        "[x](\u00a0javascript:alert(1))",
    };

    private static readonly HashSet<string> _allowedTags =
    [
        "p", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "input", "table", "thead", "tbody",
        "tr", "th", "td", "blockquote", "code", "pre", "em", "strong", "div", "section", "sup", "hr", "br", "del",

        // Glossary terms: a span around the link and its tooltip.
        "span",
    ];

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void RenderHtml_XssPayload_ProducesNoActiveContent(string markdown)
    {
        var html = CourseMarkdown.RenderHtml(markdown);

        AssertSafe(html);
    }

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void ParseItem_XssPayloadInNotes_ProducesNoActiveContent(string markdown)
    {
        var notes = Fixtures.Item<Notes>($"---\nkind: notes\ntitle: T\n---\n{markdown}\n");

        AssertSafe(notes.Html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))", "x")]
    [InlineData("[click *me*](vbscript:x)", "click <em>me</em>")]
    [InlineData("![a cat](javascript:alert(1))", "a cat")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    public void RenderHtml_RefusedLink_KeepsItsTextOnly(string markdown, string expectedInner)
    {
        var html = CourseMarkdown.RenderHtml(markdown);

        Assert.Equal($"<p>{expectedInner}</p>", html);
    }

    [Fact]
    public void RenderHtml_RawHtml_ShowsAsText()
    {
        var html = CourseMarkdown.RenderHtml("Hello <b>world</b>");

        Assert.Equal("<p>Hello &lt;b&gt;world&lt;/b&gt;</p>", html);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("HTTP://example.com", true)]
    [InlineData("mailto:someone@example.com", true)]
    [InlineData("#section", true)]
    [InlineData("/weeks/7", true)]
    [InlineData("notes.md", true)]
    [InlineData("../x/y?q=a:b", true)]
    [InlineData("", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JAVASCRIPT:alert(1)", false)]
    [InlineData("jav\tascript:alert(1)", false)]
    [InlineData("jav&#x09;ascript:alert(1)", false)]
    [InlineData("&#106;avascript:alert(1)", false)]
    [InlineData("&amp;#106;avascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.com", false)]
    public void IsAllowedUrl_Address_FollowsPolicy(string url, bool allowed)
    {
        Assert.Equal(allowed, CourseMarkdown.IsAllowedUrl(url));
    }

    [Fact]
    public void RenderHtml_ExternalLink_GetsNoopenerNoreferrer()
    {
        var html = CourseMarkdown.RenderHtml("[a](https://example.com) [b](/weeks/7) [c](#top)");

        Assert.Contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">a</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/weeks/7\">b</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#top\">c</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a](//example.com/x)")]
    [InlineData(@"[a](\\\\example.com/x)")] // Markdown escapes: the address is \\example.com/x
    [InlineData("<HTTPS://example.com>")]
    public void RenderHtml_ProtocolRelativeOrAutolink_CountsAsExternal(string markdown)
    {
        var html = CourseMarkdown.RenderHtml(markdown);

        Assert.Contains("rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHtml_Headings_GetGithubStyleIds()
    {
        var html = CourseMarkdown.RenderHtml("## Top-p sampling, explained\n\n## Why?");

        Assert.Contains("<h2 id=\"top-p-sampling-explained\">", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"why\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHtml_TablesTaskListsFootnotes_AreRendered()
    {
        var html = CourseMarkdown.RenderHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\nNote[^n]\n\n[^n]: The note.");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"footnotes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderHtml_FrontMatter_IsNotRendered()
    {
        var html = CourseMarkdown.RenderHtml("---\ntitle: Secret\n---\nBody");

        Assert.Equal("<p>Body</p>", html);
    }

    [Fact]
    public void ToPlainText_Markdown_DropsMarkup()
    {
        var text = CourseMarkdown.ToPlainText("# Title\n\nSome *emphasis* and [a link](https://x.example) and `code`.\n\n- one\n- two");

        Assert.Equal("Title\nSome emphasis and a link and code.\none\ntwo", text);
    }

    [Fact]
    public void RenderHtml_ManyThreads_GiveIdenticalResults()
    {
        const string markdown = "## Heading\n\n[a](https://example.com) and **bold** | x |\n\n- [x] task";
        var expected = CourseMarkdown.RenderHtml(markdown);

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = CourseMarkdown.RenderHtml(markdown));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    /// <summary>Checks rendered HTML independently of the pipeline: tag names, event handlers and URL schemes.</summary>
    internal static void AssertSafe(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            Assert.True(_allowedTags.Contains(name), $"Unexpected tag <{name}> in: {html}");
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var attributeName = attribute.Groups["name"].Value.ToLowerInvariant();
                Assert.False(attributeName.StartsWith("on", StringComparison.Ordinal), $"Event handler {attributeName} in: {html}");
                if (attributeName == "style")
                {
                    // Pipe tables align columns with a fixed declaration; nothing else may carry a style.
                    Assert.Matches("^text-align: (left|right|center);$", attribute.Groups["value"].Value);
                }

                if (attributeName is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    var value = WebUtility.HtmlDecode(attribute.Groups["value"].Value);
                    var cleaned = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.False(
                        cleaned.StartsWith("javascript:", StringComparison.Ordinal)
                        || cleaned.StartsWith("data:", StringComparison.Ordinal)
                        || cleaned.StartsWith("vbscript:", StringComparison.Ordinal),
                        $"Dangerous {attributeName}=\"{value}\" in: {html}");
                }
            }
        }

        // Anything that looks like an event handler attribute outside an escaped context would have matched above;
        // this catches a tag the regex could not parse.
        Assert.DoesNotMatch(new Regex(@"<[^>]*\son\w+\s*=", RegexOptions.IgnoreCase), html);
    }

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9]*)(?<attributes>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[^\s=/""'>]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+))")]
    private static partial Regex Attribute();
}
