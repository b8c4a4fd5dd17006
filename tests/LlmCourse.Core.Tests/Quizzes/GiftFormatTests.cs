using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Tests.Content;

namespace LlmCourse.Core.Tests.Quizzes;

/// <summary>
/// GIFT format markers as the quiz pages show them: [html] rendered (safely), [plain] literally, [markdown] as
/// Markdown, [moodle] and unmarked text as written. Checked on the quiz the imported Markdown parses to.
/// </summary>
public sealed class GiftFormatTests
{
    private static Quiz Import(string gift)
    {
        var result = GiftImporter.Import(gift, "Formats");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Fixtures.Item<Quiz>(result.Markdown);
    }

    // Matching sides are plain text, encoded where a page shows them.
    private static string AllHtml(Question q) => string.Join(
        "\n",
        new[] { q.PromptHtml, q.ExplanationHtml ?? "" }
            .Concat(q.Choices.SelectMany(c => new[] { c.Html, c.FeedbackHtml ?? "" }))
            .Concat(q.Pairs.Select(p => System.Net.WebUtility.HtmlEncode(p.Left))));

    [Fact]
    public void Import_HtmlQuestionText_RenderedAsMarkupNotEscaped()
    {
        var q = Assert.Single(Import("""
            ::Html::[html]<p>Which <i>sampling</i> setting is <b>greedy</b>?</p><p>See <a href="https://example.com/docs">the docs</a> and <code>temperature=0</code>.</p><ul><li>one</li><li>two</li></ul>{
            =[html]<b>Temperature</b> 0
            ~Top-p 1#[html]<i>No:</i> that keeps every token.
            ####[html]<p>Greedy picks the likeliest token.</p><pre>argmax(p)</pre>
            }
            """).Questions);

        Assert.Equal("Which sampling setting is greedy?", q.Title);
        Assert.Contains("<p class=\"question-title\">Which <em>sampling</em> setting is <strong>greedy</strong>?</p>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/docs\"", q.PromptHtml, StringComparison.Ordinal);
        Assert.Contains("<code>temperature=0</code>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal("<strong>Temperature</strong> 0", q.Choices[0].Html);
        Assert.Equal("Temperature 0", q.Choices[0].Text);
        Assert.Equal("<p><em>No:</em> that keeps every token.</p>", q.Choices[1].FeedbackHtml);
        Assert.Contains("<pre><code>argmax(p)\n</code></pre>", q.ExplanationHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", AllHtml(q), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HtmlEntitiesAndMarkdownCharacters_ShownAsText()
    {
        var q = Assert.Single(Import("::E::[html]Is 2 &lt; 3 *and* 5 &gt; 4 [really]?{T}").Questions);

        Assert.Equal("Is 2 < 3 *and* 5 > 4 [really]?", q.Title);
        Assert.DoesNotContain("<em>", q.PromptHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HtmlTable_BecomesTable()
    {
        var q = Assert.Single(Import("::T::[html]<p>Read the table.</p><table><tr><th>k</th><th>v</th></tr><tr><td>a|b</td><td>1</td></tr></table>{=1 ~2}").Questions);

        Assert.Contains("<table>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Contains("<td>a|b</td>", q.PromptHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_PlainText_ShownLiterally()
    {
        var q = Assert.Single(Import("::P::[plain]Is *this* <b>bold</b> or _not_? # and 1. not a list{=[plain]**yes** ~[plain]<i>no</i>}").Questions);

        Assert.Equal("Is *this* <b>bold</b> or _not_? # and 1. not a list", q.Title);
        Assert.DoesNotContain("<em>", q.PromptHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal(["**yes**", "<i>no</i>"], q.Choices.Select(c => c.Text));
        Assert.Equal("&lt;i&gt;no&lt;/i&gt;", q.Choices[1].Html);
    }

    [Fact]
    public void Import_MarkdownText_RenderedAsMarkdown()
    {
        var q = Assert.Single(Import("::M::[markdown]Is *this* emphasis?{=[markdown]**yes** ~no}").Questions);

        Assert.Contains("Is <em>this</em> emphasis?", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal("<strong>yes</strong>", q.Choices[0].Html);
    }

    [Fact]
    public void Import_UnknownOrUpperCaseMarker_KeptAsText()
    {
        // Moodle's parse_text_with_format knows only the four lower-case names; anything else stays in the text.
        var q = Assert.Single(Import("::U::[HTML]Keep [this] marker?{=[note]yes ~no}").Questions);

        Assert.Equal("[HTML]Keep [this] marker?", q.Title);
        Assert.Equal("[note]yes", q.Choices[0].Text);
    }

    [Fact]
    public void Import_HtmlQuestionAnswersWithoutMarker_TakeTheQuestionsFormat()
    {
        // Moodle gives answers and feedback the question text's format unless they name their own.
        var q = Assert.Single(Import("::F::[html]Pick one{=<b>right</b>#<i>yes</i> ~[plain]<b>wrong</b>}").Questions);

        Assert.Equal("<strong>right</strong>", q.Choices[0].Html);
        Assert.Equal("<p><em>yes</em></p>", q.Choices[0].FeedbackHtml);
        Assert.Equal("<b>wrong</b>", q.Choices[1].Text);
    }

    public static TheoryData<string> Payloads => new()
    {
        "<script>alert('x')</script>Safe text",
        "<img src=x onerror=alert('x')>Safe text",
        "<a href=\"javascript:alert('x')\">Safe text</a>",
        "<a href=\"jav&#x09;ascript:alert('x')\">Safe text</a>",
        "<a href=\"data:text/html,<script>alert('x')</script>\">Safe text</a>",
        "<svg onload=alert('x')><circle/></svg>Safe text",
        "<iframe src=\"https://evil.example\"></iframe>Safe text",
        "<p style=\"background:url(javascript:alert('x'))\" onclick=\"alert('x')\">Safe text</p>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('x')></style></mglyph></table></mtext></math>Safe text",
        "<form action=\"https://evil.example\"><input name=q><button>Go</button></form>Safe text",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">Safe text",
        "<div><noscript><p title=\"</noscript><img src=x onerror=alert('x')>\"></noscript></div>Safe text",
        "&lt;script&gt;alert('x')&lt;/script&gt;Safe text",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Import_HtmlPayloadAnywhere_NoMarkupOrScriptReachesThePage(string payload)
    {
        // The payload's own GIFT characters (= ~ # { }) are escaped, as a GIFT file must; the answer markers are not.
        var p = string.Concat(payload.Select(c => "=~#{}".Contains(c, StringComparison.Ordinal) ? $"\\{c}" : c.ToString()));
        var gift = $"::X::[html]{p}{{=[html]{p} ~plain wrong#[html]{p} ####[html]{p}}}\n\n::Y::[html]Match it{{=[html]{p} -> one =two -> three}}";
        var quiz = Import(gift);

        foreach (var q in quiz.Questions)
        {
            var html = AllHtml(q);
            foreach (var bad in new[] { "<script", "<img", "<svg", "<iframe", "<form", "<input", "<object", "<embed", "<style", "<math", "onerror", "onload", "onclick", "javascript:", "data:text", "style=" })
            {
                Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("Safe text", html, StringComparison.Ordinal);
        }
    }
}
