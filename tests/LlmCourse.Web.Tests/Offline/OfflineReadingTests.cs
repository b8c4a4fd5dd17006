using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Offline;

/// <summary>The server's side of offline reading: the worker script and its version, the offline page, the token for reviews sent later.</summary>
public sealed partial class OfflineReadingTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task Worker_IsServedAsJavaScript_AndPagesNameItWithTheirVersions()
    {
        var client = TestAccounts.NewClient(factory);
        var worker = await client.GetAsync("/sw.js");
        Assert.Equal(HttpStatusCode.OK, worker.StatusCode);
        Assert.Equal("text/javascript", worker.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", await worker.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await client.GetStringAsync("/weeks/7/lecture/slides/1");
        var url = WebUtility.HtmlDecode(WorkerUrl().Match(page).Groups[1].Value);
        Assert.Matches("^/sw\\.js\\?v=[A-Za-z0-9_-]+&c=[0-9a-f]{16}$", url);
        Assert.Equal(url, WebUtility.HtmlDecode(WorkerUrl().Match(await client.GetStringAsync("/glossary")).Groups[1].Value));
        Assert.Contains("src=\"/js/offline.js?v=", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/glossary.js?v=", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflinePage_ExplainsAndIsNotIndexed()
    {
        var html = await TestAccounts.NewClient(factory).GetStringAsync("/offline");

        Assert.Contains("<h1 id=\"offline-heading\">You are offline</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/offline", await TestAccounts.NewClient(factory).GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflineToken_AnonymousIsRefused_LearnerGetsAFreshTokenThatSendsAQueuedReview()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestAccounts.NewClient(factory).GetAsync("/api/v1/me/offline-token")).StatusCode);

        var learner = await TestAccounts.RegisterAsync(factory);
        var review = await learner.GetStringAsync("/study/review");
        var tag = Regex.Match(review, "data-learner=\"([0-9a-f]{16})\"").Groups[1].Value;
        Assert.Contains("data-offline-review=\"queue\"", review, StringComparison.Ordinal);

        var tokenResponse = await learner.GetAsync("/api/v1/me/offline-token");
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Contains("no-store", tokenResponse.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var body = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(tag, body.GetProperty("learner").GetString());
        var token = body.GetProperty("token").GetString()!;

        // What offline.js sends when the network is back: the queued review, with the fresh token.
        var reviewId = "offline-" + Guid.NewGuid().ToString("N");
        var payload = new { week = 7, deckId = "flashcards", cardId = "what-is-fine-tuning", rating = "good" };
        using (var withoutToken = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/study/reviews/{reviewId}") { Content = JsonContent.Create(payload) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await learner.SendAsync(withoutToken)).StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/study/reviews/{reviewId}") { Content = JsonContent.Create(payload) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.OK, (await learner.SendAsync(request)).StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().StudyReviews.CountAsync(r => r.ReviewId == reviewId));

        // Another learner's tag differs, so a review queued on a shared device waits for its own learner.
        var other = await TestAccounts.RegisterAsync(factory);
        var otherTag = JsonDocument.Parse(await other.GetStringAsync("/api/v1/me/offline-token")).RootElement.GetProperty("learner").GetString();
        Assert.NotEqual(tag, otherTag);
    }

    [GeneratedRegex("data-offline-worker=\"([^\"]+)\"")]
    private static partial Regex WorkerUrl();
}
