using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Discussion;

/// <summary>The discussion's JSON API: reading as anyone who may see the item, posting with a token or the cookie plus the CSRF header, problem details for every refusal.</summary>
public sealed class DiscussionApiTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    [Fact]
    public async Task StartListGetReply_WithAToken_RoundTrips()
    {
        var permissions = new DiscussionPermissionTests(app);
        var learner = await permissions.BearerAsync(await TestAccounts.RegisterAsync(app));

        var created = await learner.PostAsJsonAsync("/api/v1/weeks/7/items/lecture/threads", new { title = "API thread about slide 3", body = "Why *this*?", slide = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var thread = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = thread.RootElement.GetProperty("thread").GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/threads/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(3, thread.RootElement.GetProperty("thread").GetProperty("slide").GetInt32());
        Assert.True(thread.RootElement.GetProperty("thread").GetProperty("isQuestion").GetBoolean());
        Assert.Equal("<p>Why <em>this</em>?</p>", thread.RootElement.GetProperty("posts")[0].GetProperty("bodyHtml").GetString());
        Assert.True(thread.RootElement.GetProperty("posts")[0].GetProperty("can").GetProperty("edit").GetBoolean());

        var anonymous = app.CreateClient();
        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/weeks/7/items/lecture/threads?slide=3");
        Assert.Contains(list.GetProperty("threads").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);
        var otherSlide = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/weeks/7/items/lecture/threads?slide=4");
        Assert.DoesNotContain(otherSlide.GetProperty("threads").EnumerateArray(), t => t.GetProperty("id").GetInt64() == id);

        var replied = await learner.PostAsJsonAsync($"/api/v1/threads/{id}/posts", new { body = "A follow-up." });
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        var read = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/threads/{id}");
        Assert.Equal(2, read.GetProperty("posts").GetArrayLength());
        Assert.False(read.GetProperty("posts")[1].GetProperty("can").GetProperty("delete").GetBoolean());
    }

    [Fact]
    public async Task Refusals_AreProblemDetails_WithTheRightStatus()
    {
        var permissions = new DiscussionPermissionTests(app);
        var learner = await permissions.BearerAsync(await TestAccounts.RegisterAsync(app));
        var anonymous = app.CreateClient();

        await AssertProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = "Hello there", body = "x" }), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await learner.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = "", body = "x" }), HttpStatusCode.BadRequest, "title");
        await AssertProblemAsync(await learner.PostAsJsonAsync("/api/v1/weeks/2/items/nothing/threads", new { title = "Hello there", body = "x" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await learner.PostAsJsonAsync("/api/v1/weeks/9/items/draft-notes/threads", new { title = "Hello there", body = "x" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await learner.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = "Hello there", body = "x", slide = 2 }), HttpStatusCode.BadRequest, "slide");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/threads/987654321"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await learner.PostAsync("/api/v1/threads/1/posts", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        // The sign-in cookie without the CSRF header is refused: the browser would send the cookie for any site.
        var cookie = await TestAccounts.RegisterAsync(app);
        await AssertProblemAsync(await cookie.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = "Hello there", body = "x" }), HttpStatusCode.BadRequest, "antiforgery");
    }

    [Fact]
    public async Task Posting_OverTheLimit_Is429Problem_WithRetryAfter()
    {
        var permissions = new DiscussionPermissionTests(app);
        var learner = await permissions.BearerAsync(await TestAccounts.RegisterAsync(app));
        for (var i = 0; i < DiscussionApp.PostsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await learner.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = $"Thread {i}", body = "x" })).StatusCode);
        }

        var refused = await learner.PostAsJsonAsync("/api/v1/weeks/2/items/class-notes/threads", new { title = "One too many", body = "x" });
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "posts a minute");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task Preview_RendersLikeASavedPost_AndSavesNothing()
    {
        var permissions = new DiscussionPermissionTests(app);
        var learner = await permissions.BearerAsync(await TestAccounts.RegisterAsync(app));
        var preview = await learner.PostAsJsonAsync("/api/v1/discussion/preview", new { body = "# Title\n\n<script>alert(1)</script> [x](javascript:alert(1))" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("html").GetString()!;
        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/discussion/preview", new { body = "x" })).StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (detailContains is not null)
        {
            Assert.Contains(detailContains, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
