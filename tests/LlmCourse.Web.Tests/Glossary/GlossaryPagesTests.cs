using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Glossary;

/// <summary>The /glossary page and the terms linked from notes, slides and flashcards, on the seed course.</summary>
public sealed partial class GlossaryPagesTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    private CourseSnapshot Snapshot => factory.Services.GetRequiredService<CourseStore>().Current;

    [Fact]
    public async Task GlossaryPage_ListsEveryTermAlphabetically_EachWithItsAnchor()
    {
        var html = await GetOkAsync("/glossary");
        var glossary = Snapshot.Glossary;

        Assert.True(glossary.Terms.Count >= 26);
        Assert.Empty(Snapshot.Errors);
        foreach (var term in glossary.Terms)
        {
            Assert.Contains($"<div class=\"glossary-entry\" id=\"{term.Id}\" data-glossary-entry>", html, StringComparison.Ordinal);
        }

        var shown = Dfn().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(glossary.Terms.Select(t => t.Term), shown);
        Assert.Equal(shown.Order(StringComparer.OrdinalIgnoreCase), shown);
        Assert.Contains("<a href=\"#glossary-letter-l\">L</a>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"description\"", html, StringComparison.Ordinal);
        Assert.Contains("Also: low-rank adaptation", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/glossary\">Glossary</a>", html, StringComparison.Ordinal);
        Assert.Contains("<loc>http://localhost/glossary</loc>", await GetOkAsync("/sitemap.xml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/weeks/2/class-notes", "catastrophic-forgetting")]
    [InlineData("/weeks/7/lecture/slides/1", "fine-tuning")]
    [InlineData("/weeks/7/lecture/transcript", "fine-tuning")]
    [InlineData("/weeks/7/flashcards", "temperature")]
    [InlineData("/weeks/7/flashcards/study/flashcards?card=2&flipped=true", "pre-training")]
    [InlineData("/weeks/7/print", "top-p")]
    public async Task Page_FirstUseOfATerm_IsALinkToItsDefinition_DescribedByItsTooltip(string url, string termId)
    {
        var html = await GetOkAsync(url);

        var link = Regex.Match(html, $"<a class=\"term-link\" href=\"/glossary#{termId}\" aria-describedby=\"(?<tip>[^\"]+)\">");
        Assert.True(link.Success, $"{url} has no link to /glossary#{termId}");
        var tipId = link.Groups["tip"].Value;
        Assert.Contains($"<span class=\"term-tip\" role=\"tooltip\" id=\"{tipId}\"><strong>", html, StringComparison.Ordinal);
        var summary = WebUtility.HtmlEncode(Snapshot.Glossary.Find(termId)!.Summary);
        Assert.Contains(summary, html, StringComparison.Ordinal);

        // Ids stay unique however many slides or cards the page shows.
        var ids = IdAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task NotesPage_LinksEachTermOnce_AndEveryLinkLeadsToATerm()
    {
        var html = await GetOkAsync("/weeks/2/class-notes");

        var linked = TermHref().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(linked.Count >= 15, $"only {linked.Count} terms linked");
        Assert.Equal(linked.Count, linked.Distinct(StringComparer.Ordinal).Count());
        Assert.All(linked, id => Assert.NotNull(Snapshot.Glossary.Find(id)));
        Assert.DoesNotMatch("<h[1-6][^>]*>[^<]*<span class=\"term\"", html);
    }

    [Fact]
    public async Task FlashcardPage_AnswerLinks_AreNotNestedInTheFlipLink()
    {
        var html = await GetOkAsync("/weeks/7/flashcards/study/flashcards?card=2&flipped=true");

        var flip = Regex.Match(html, "<a class=\"flashcard-flip\"[^>]*></a>");
        Assert.True(flip.Success, "the flip link should be empty, beside the faces");
        Assert.Contains("class=\"flashcard-face flashcard-front\" hidden=\"hidden\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/weeks/7/quiz")]
    [InlineData("/")]
    [InlineData("/weeks/7")]
    public async Task QuizAndOverviewPages_HaveNoTermLinks(string url)
    {
        var html = await GetOkAsync(url);

        Assert.DoesNotContain("term-link", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_DoesNotFindWordsThatOnlyTooltipsHold()
    {
        // "consecutive" is in the n-gram tooltip on the week 2 notes, not in anything authored there.
        Assert.Contains("consecutive", await GetOkAsync("/weeks/2/class-notes"), StringComparison.Ordinal);

        var html = await GetOkAsync("/search?q=consecutive");

        Assert.DoesNotContain("/weeks/2/class-notes", html, StringComparison.Ordinal);
    }

    private async Task<string> GetOkAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("<dfn>([^<]*)</dfn>")]
    private static partial Regex Dfn();

    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("class=\"term-link\" href=\"/glossary#([^\"]+)\"")]
    private static partial Regex TermHref();
}
