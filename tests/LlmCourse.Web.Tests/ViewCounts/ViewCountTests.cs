using System.Net;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.ViewCounts;

namespace LlmCourse.Web.Tests.ViewCounts;

/// <summary>What counts as a view, when it is written (on the fake clock), and what pages show.</summary>
public sealed class ViewCountTests(ViewsApp app) : IClassFixture<ViewsApp>
{
    [Fact]
    public async Task Views_WaitInTheQueue_AndAreWrittenInOneBatch_WhenTheFlushIntervalPasses()
    {
        var client = app.BrowserClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/weeks/7/flashcards")).StatusCode);
        }

        // Nothing on the request path writes: the database has no view yet.
        Assert.Equal(0, (await app.StoredAsync(7, "flashcards")).Views);

        // The writer's timer runs on the fake clock; each step is one flush interval.
        for (var step = 0; step < 40 && (await app.StoredAsync(7, "flashcards")).Views == 0; step++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
        }

        Assert.Equal(3, (await app.StoredAsync(7, "flashcards")).Views);
        await using var db = app.Database.OpenContext();
        var rows = db.Set<LlmCourse.Web.Data.ItemViewCount>().Where(v => v.WeekNumber == 7 && v.ItemId == "flashcards").ToList();
        var row = Assert.Single(rows);
        Assert.Equal(DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), row.Day);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("facebookexternalhit/1.1")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36")]
    [InlineData("")]
    public async Task Bots_AreNotCounted(string userAgent)
    {
        Assert.True(Bots.IsBot(userAgent));
        await app.Writer.FlushAsync();
        var before = await app.StoredAsync(2, "quiz");
        var client = TestAccounts.NewClient(app);
        if (userAgent.Length > 0)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/weeks/2/quiz")).StatusCode);
        await app.Writer.FlushAsync();
        Assert.Equal(before, await app.StoredAsync(2, "quiz"));
    }

    [Fact]
    public void Browsers_AreNotBots()
    {
        Assert.False(Bots.IsBot(ViewsApp.Browser));
        Assert.False(Bots.IsBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"));
        Assert.False(Bots.IsBot("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"));
    }

    [Fact]
    public async Task AnonymousVisitor_GetsNoCookie_AndACachedPageStillCounts()
    {
        await app.Writer.FlushAsync();
        var before = (await app.StoredAsync(2, "class-notes")).Views;
        var client = app.BrowserClient();
        var first = await client.GetAsync("/weeks/2/class-notes");
        var second = await client.GetAsync("/weeks/2/class-notes");
        Assert.NotNull(second.Headers.Age); // served from the output cache
        foreach (var response in new[] { first, second, await client.GetAsync("/weeks/7/lecture/slides/2") })
        {
            Assert.False(response.Headers.Contains("Set-Cookie"), "an anonymous visitor was sent a cookie");
        }

        await app.Writer.FlushAsync();
        Assert.Equal(before + 2, (await app.StoredAsync(2, "class-notes")).Views);
    }

    [Fact]
    public async Task Lecture_CountsOncePerVisit_NotOncePerSlide()
    {
        await app.Writer.FlushAsync();
        var before = (await app.StoredAsync(7, "lecture")).Views;
        var client = app.BrowserClient();
        string? previous = "http://localhost/weeks/7";
        for (var slide = 1; slide <= 6; slide++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/weeks/7/lecture/slides/{slide}");
            request.Headers.Referrer = new Uri(previous);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
            previous = $"http://localhost/weeks/7/lecture/slides/{slide}";
        }

        await app.Writer.FlushAsync();
        Assert.Equal(before + 1, (await app.StoredAsync(7, "lecture")).Views);

        // Arriving from elsewhere (another site, a deep link with no Referer) is a new visit.
        using (var fromSearch = new HttpRequestMessage(HttpMethod.Get, "/weeks/7/lecture/slides/3"))
        {
            fromSearch.Headers.Referrer = new Uri("https://search.example/?q=lora");
            await client.SendAsync(fromSearch);
        }

        await client.GetAsync("/weeks/7/lecture/slides/8");
        await app.Writer.FlushAsync();
        Assert.Equal(before + 3, (await app.StoredAsync(7, "lecture")).Views);
    }

    [Fact]
    public async Task NotFoundPagesPrefetchesAndInstructors_AreNotCounted()
    {
        await app.Writer.FlushAsync();
        var client = app.BrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/weeks/7/no-such-item")).StatusCode);
        using (var prefetch = new HttpRequestMessage(HttpMethod.Get, "/weeks/7/quiz"))
        {
            prefetch.Headers.TryAddWithoutValidation("Sec-Purpose", "prefetch");
            await client.SendAsync(prefetch);
        }

        var before = await app.StoredAsync(7, "quiz");
        var instructor = await TestAccounts.InstructorAsync(app);
        instructor.DefaultRequestHeaders.UserAgent.ParseAdd(ViewsApp.Browser);
        await instructor.GetAsync("/weeks/7/quiz");
        await app.Writer.FlushAsync();
        Assert.Equal(before, await app.StoredAsync(7, "quiz"));
        Assert.Equal(0, (await app.StoredAsync(7, "no-such-item")).Views);
    }

    [Fact]
    public async Task SignedInLearners_AreCountedOnceEach_AndPagesShowTheTotals()
    {
        var anonymous = app.BrowserClient();

        var first = await TestAccounts.RegisterAsync(app);
        var second = await TestAccounts.RegisterAsync(app);
        foreach (var c in new[] { first, second })
        {
            c.DefaultRequestHeaders.UserAgent.ParseAdd(ViewsApp.Browser);
        }

        await first.GetAsync("/weeks/2/quiz");
        await first.GetAsync("/weeks/2/quiz");
        await second.GetAsync("/weeks/2/quiz");
        await anonymous.GetAsync("/weeks/2/quiz");
        await app.Writer.FlushAsync();
        var stored = await app.StoredAsync(2, "quiz");
        Assert.Equal(2, stored.Learners);

        // The page reads totals kept in memory; refreshing them evicts the cached anonymous copy.
        await app.Writer.RefreshAsync();
        var shown = $"{stored.Views} views · 2 learners";
        Assert.Contains(shown, await anonymous.GetStringAsync("/weeks/2/quiz"));
        Assert.Contains(shown, await first.GetStringAsync("/weeks/2/quiz"));

        var instructor = await TestAccounts.InstructorAsync(app);
        var overview = await instructor.GetStringAsync("/instructor/overview");
        Assert.Contains($"<td class=\"item-views-total\">{stored.Views}</td>", overview);
        Assert.Contains("<td class=\"item-viewers\">2</td>", overview);
    }
}
