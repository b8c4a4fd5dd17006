using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Search;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Pages;

/// <summary>Typo-tolerant search over the real course (issue 16, point 7).</summary>
public sealed partial class SearchPageTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Theory]
    [InlineData("tempreature", "temperature")]
    [InlineData("temprature", "temperature")]
    [InlineData("superviced", "supervised")]
    [InlineData("samplng", "sampling")]
    public async Task Search_MisspeltWord_FindsTheCourseAndSaysWhatItSearched(string typed, string meant)
    {
        var html = await GetAsync($"/search?q={typed}");
        var exact = Results(await GetAsync($"/search?q={meant}"));

        var results = Results(html);
        Assert.NotEmpty(results);
        Assert.Subset(exact.ToHashSet(), results.ToHashSet());
        Assert.Matches($"<mark>{meant}</mark>", Regex.Replace(html, "<mark>([^<]+)</mark>", m => m.Value.ToLowerInvariant()));
        Assert.Contains("data-corrections", html);
        Assert.Contains($"href=\"/search?q={meant}\">{meant}</a>", html);
    }

    [Fact]
    public async Task Search_CompoundSpelling_FindsTheSamePagesJoinedHyphenatedOrApart()
    {
        var joined = Results(await GetAsync("/search?q=finetuning"));
        var hyphenated = Results(await GetAsync("/search?q=fine-tuning"));
        var apart = Results(await GetAsync("/search?q=fine+tuning"));

        Assert.True(joined.Count >= 5, $"only {joined.Count} results for finetuning");
        Assert.Equal(hyphenated.Order(), joined.Order());
        Assert.Equal(apart.Order(), joined.Order());
        Assert.DoesNotContain("data-corrections", await GetAsync("/search?q=finetuning"));
    }

    [Fact]
    public async Task Search_ExactWord_NeedsNoCorrection()
    {
        var html = await GetAsync("/search?q=temperature");
        Assert.NotEmpty(Results(html));
        Assert.DoesNotContain("data-corrections", html);
    }

    [Fact]
    public async Task Search_NonsenseWord_FindsNothing()
    {
        var html = await GetAsync("/search?q=qwxzvbnmkj");
        Assert.Contains("0 results", html);
        Assert.Empty(Results(html));
    }

    [Fact]
    public void SearchService_SameRevision_BuildsTheIndexOnce()
    {
        var search = factory.Services.GetRequiredService<SearchService>();
        Assert.Same(search.Current, search.Current);
    }

    private async Task<string> GetAsync(string url)
    {
        var response = await factory.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> Results(string html) =>
        [.. ResultLink().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<li class=\"card search-result\">.*?<h2><a href=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex ResultLink();
}
