using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Study;

/// <summary>When nothing is due the review page offers to study ahead (Anki's custom study) instead of waiting.</summary>
public sealed class StudyAheadTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task ReviewPage_NothingDue_OffersStudyAhead_WhichReviewsEarlyAndSoonestFirst()
    {
        var (client, email) = await StudyClient.RegisterAsync(factory);
        // No new cards allowed today: nothing is due, yet every card can be studied ahead.
        var saved = await StudyClient.PostFormAsync(client, "/study/settings", "/study/settings", new()
        {
            ["Input.DesiredRetention"] = "0.90",
            ["Input.DailyNewCards"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var waiting = await client.GetStringAsync("/study/review");
        Assert.Contains("Nothing due right now", waiting);
        Assert.Contains("href=\"/study/review?ahead=true\" data-study-ahead", waiting);
        Assert.DoesNotContain("name=\"cardId\"", waiting);

        var ahead = await client.GetStringAsync("/study/review?ahead=true");
        Assert.Contains("studying ahead", ahead);
        var first = StudyClient.Hidden(ahead, "cardId");
        var fields = new Dictionary<string, string>
        {
            ["week"] = StudyClient.Hidden(ahead, "week"),
            ["deckId"] = StudyClient.Hidden(ahead, "deckId"),
            ["cardId"] = first,
            ["reviewId"] = StudyClient.Hidden(ahead, "reviewId"),
            ["ahead"] = StudyClient.Hidden(ahead, "ahead"),
            ["rating"] = "good",
        };
        var response = await StudyClient.PostFormAsync(client, "/study/review?ahead=true", "/study/review?ahead=true", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/study/review?ahead=True", response.Headers.Location?.OriginalString);

        // The card just started is not due yet, so it comes first among the cards studied ahead, marked as early.
        var next = await client.GetStringAsync("/study/review?ahead=true");
        Assert.Equal(first, StudyClient.Hidden(next, "cardId"));
        Assert.Contains("· ahead: due in", WebUtility.HtmlDecode(next), StringComparison.Ordinal);

        // Without "ahead" the page still waits: studying ahead is the learner's choice.
        Assert.Contains("Nothing due right now", await client.GetStringAsync("/study/review"));

        var csrf = StudyClient.CsrfMeta(next);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me/study/due?ahead=true");
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        var queue = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(queue.GetProperty("ahead").GetBoolean());
        Assert.Equal(0, queue.GetProperty("dueCount").GetInt32());
        Assert.Equal(first, queue.GetProperty("cards")[0].GetProperty("cardId").GetString());
        Assert.Equal(queue.GetProperty("aheadCount").GetInt32(), queue.GetProperty("cards").GetArrayLength());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        Assert.Equal(1, await db.StudyReviews.CountAsync(r => r.UserId == userId));
    }

    [Fact]
    public async Task ReviewPage_AnonymousStudyAhead_KeepsAheadAcrossPosts()
    {
        var client = StudyClient.Anonymous(factory);
        var html = await client.GetStringAsync("/study/review?ahead=true");
        var fields = new Dictionary<string, string>
        {
            ["week"] = StudyClient.Hidden(html, "week"),
            ["deckId"] = StudyClient.Hidden(html, "deckId"),
            ["cardId"] = StudyClient.Hidden(html, "cardId"),
            ["reviewId"] = StudyClient.Hidden(html, "reviewId"),
            ["token"] = StudyClient.Hidden(html, "token"),
            ["ahead"] = "true",
            ["rating"] = "easy",
        };
        var response = await StudyClient.PostFormAsync(client, "/study/review?ahead=true", "/study/review?ahead=true", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadAsStringAsync();
        Assert.Contains("studying ahead", after);
        Assert.Contains("name=\"ahead\" value=\"true\"", after);
    }
}
