using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Pages;

public sealed partial class CoursePagesTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Home_ListsCourseTitleAndPublishedWeeks()
    {
        var html = await GetOkAsync("/");
        Assert.Contains("Fine-Tuning and Sampling Large Language Models", html);
        Assert.Contains("href=\"/weeks/2\"", html);
        Assert.Contains("href=\"/weeks/7\"", html);
        Assert.Contains("<main id=\"main\"", html);
        Assert.Contains("class=\"skip-link\" href=\"#main\"", html);
    }

    [Fact]
    public async Task Week_ListsItemsInAuthoredOrder()
    {
        var html = await GetOkAsync("/weeks/7");
        var lecture = html.IndexOf("href=\"/weeks/7/lecture\"", StringComparison.Ordinal);
        var deck = html.IndexOf("href=\"/weeks/7/flashcards\"", StringComparison.Ordinal);
        var quiz = html.IndexOf("href=\"/weeks/7/quiz\"", StringComparison.Ordinal);
        Assert.True(lecture > 0 && lecture < deck && deck < quiz, "items out of order");
        Assert.Contains("13 slides", html);
        Assert.Contains("5 cards", html);
    }

    [Fact]
    public async Task Lecture_OpensOnFirstSlide()
    {
        var response = await _client.GetAsync("/weeks/7/lecture");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/weeks/7/lecture/slides/1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(7, true, true)]
    [InlineData(13, true, false)]
    public async Task Slide_ShowsPositionTranscriptAndNeighbours(int slide, bool hasPrevious, bool hasNext)
    {
        var html = await GetOkAsync($"/weeks/7/lecture/slides/{slide}");
        Assert.Contains($"Slide {slide} of 13", html);
        Assert.Contains("id=\"transcript-heading\"", html);
        Assert.Equal(hasPrevious, html.Contains($"href=\"/weeks/7/lecture/slides/{slide - 1}\" aria-keyshortcuts=\"ArrowLeft\"", StringComparison.Ordinal));
        Assert.Equal(hasNext, html.Contains($"href=\"/weeks/7/lecture/slides/{slide + 1}\" aria-keyshortcuts=\"ArrowRight\"", StringComparison.Ordinal));
        Assert.Contains("/weeks/7/lecture/download", html);
        Assert.Contains("/embed/weeks/7/lecture/slides/" + slide, html);
    }

    [Fact]
    public async Task Transcript_ShowsEverySlideOnOnePage()
    {
        var html = await GetOkAsync("/weeks/7/lecture/transcript");
        for (var i = 1; i <= 13; i++)
        {
            Assert.Contains($"id=\"slide-{i}\"", html);
        }
    }

    [Fact]
    public async Task Embed_HasSlideAndTranscriptWithoutSiteChrome_AndMayBeFramed()
    {
        var response = await _client.GetAsync("/embed/weeks/7/lecture/slides/4");
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Slide 4 of 13", html);
        Assert.DoesNotContain("site-header", html);
        Assert.DoesNotContain("site-footer", html);
        Assert.Contains("frame-ancestors *", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("X-Frame-Options"));

        var normal = await _client.GetAsync("/weeks/7/lecture/slides/4");
        Assert.Contains("frame-ancestors 'none'", normal.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Download_ReturnsTheLectureMarkdown()
    {
        var response = await _client.GetAsync("/weeks/7/lecture/download");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("week-7-lecture.md", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("---", text);
        Assert.Contains("kind: lecture", text);
        Assert.Equal(13, SlideHeading().Matches(text).Count);
    }

    [Fact]
    public async Task Notes_HaveTableOfContentsReadingTimeAndNeighbours()
    {
        var html = await GetOkAsync("/weeks/2/class-notes");
        Assert.Contains("min read", html);
        Assert.Contains("On this page", html);
        var tocLinks = TocLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.True(tocLinks.Count >= 5, $"expected a table of contents, found {tocLinks.Count} entries");
        foreach (var anchor in tocLinks)
        {
            Assert.Contains($"id=\"{anchor}\"", html);
        }

        Assert.Contains("rel=\"next\" href=\"/weeks/2/quiz\"", html);
        Assert.Contains("ROUGE", html);
        Assert.Contains("BLEU", html);
    }

    [Fact]
    public async Task Notes_ShowRelatedItemsByTag()
    {
        var html = await GetOkAsync("/weeks/2/class-notes");
        Assert.Contains("id=\"related-heading\"", html);
        Assert.Contains("href=\"/weeks/7/lecture\"", html);
    }

    [Fact]
    public async Task Deck_ListsItsCards()
    {
        var html = await GetOkAsync("/weeks/7/flashcards");
        Assert.Equal(5, CardItem().Matches(html).Count);
    }

    [Fact]
    public async Task QuizIntro_ShowsRulesButNoQuestionsOrAnswers()
    {
        var html = await GetOkAsync("/weeks/7/quiz");
        Assert.Contains("Attempts allowed", html);
        Assert.DoesNotContain("Explanation", html);
        Assert.DoesNotContain("[x]", html);
        Assert.DoesNotContain("checked", html);
    }

    [Theory]
    [InlineData("/weeks/99")]
    [InlineData("/weeks/7/no-such-item")]
    [InlineData("/weeks/7/lecture/slides/0")]
    [InlineData("/weeks/7/lecture/slides/14")]
    [InlineData("/weeks/7/flashcards/slides/1")]
    [InlineData("/weeks/99/lecture/transcript")]
    [InlineData("/embed/weeks/7/lecture/slides/99")]
    [InlineData("/weeks/7/nothing/download")]
    [InlineData("/no/such/page")]
    public async Task UnknownAddresses_AreNotFoundWithAHelpfulPage(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
    }

    [Fact]
    public async Task StatusPage_VisitedDirectly_KeepsItsStatus()
    {
        var response = await _client.GetAsync("/status/404");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_IsOkOnceMigratedAndLoaded()
    {
        var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> GetOkAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return html;
    }

    [GeneratedRegex(@"^## ", RegexOptions.Multiline)]
    private static partial Regex SlideHeading();

    [GeneratedRegex("<li class=\"toc-level-\\d\"><a href=\"#([^\"]+)\"")]
    private static partial Regex TocLink();

    [GeneratedRegex("<li class=\"card\" id=\"card-")]
    private static partial Regex CardItem();
}
