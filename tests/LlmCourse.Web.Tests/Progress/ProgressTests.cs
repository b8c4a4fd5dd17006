using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Progress;

public sealed class ProgressTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task Lecture_ResumesOnLastSlideViewed()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        foreach (var slide in new[] { 1, 2, 3 })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
        }

        var open = await client.GetAsync("/weeks/7/lecture");
        Assert.Equal("/weeks/7/lecture/slides/3", open.Headers.Location?.OriginalString);

        var anonymous = await TestAccounts.NewClient(factory).GetAsync("/weeks/7/lecture");
        Assert.Equal("/weeks/7/lecture/slides/1", anonymous.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SlideView_IsOneRow_AndReplayChangesNothing()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var token = await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard");
        async Task<HttpResponseMessage> Put(string url)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url);
            request.Headers.Add("X-CSRF-TOKEN", token);
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Put("/api/v1/me/progress/weeks/7/items/lecture/slides/4")).StatusCode);
        var before = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Put("/api/v1/me/progress/weeks/7/items/lecture/slides/4")).StatusCode);
        Assert.Equal(before, await SnapshotAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await Put("/api/v1/me/progress/weeks/2/items/class-notes/completion")).StatusCode);
        var completed = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Put("/api/v1/me/progress/weeks/2/items/class-notes/completion")).StatusCode);
        Assert.Equal(completed, await SnapshotAsync());
    }

    [Fact]
    public async Task ApiWrite_WithCookieButNoAntiforgeryToken_IsRefusedAndWritesNothing()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var before = await SnapshotAsync();
        var response = await client.PutAsync("/api/v1/me/progress/weeks/7/items/lecture/slides/2", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ApiWrite_UnknownItemOrSlide_Is404ProblemAndWritesNothing()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var token = await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard");
        var before = await SnapshotAsync();
        foreach (var url in new[] { "/api/v1/me/progress/weeks/7/items/lecture/slides/14", "/api/v1/me/progress/weeks/7/items/flashcards/slides/1", "/api/v1/me/progress/weeks/9/items/x/completion" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, url);
            request.Headers.Add("X-CSRF-TOKEN", token);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task NotesMarkedRead_AndFullLecture_CountAsCompleted_OnDashboardAndApi()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        for (var slide = 1; slide <= 13; slide++)
        {
            await client.GetAsync($"/weeks/7/lecture/slides/{slide}");
        }

        var marked = await TestAccounts.PostFormAsync(client, "/weeks/2/class-notes?handler=Complete", [], formUrl: "/weeks/2/class-notes");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);

        var progress = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/progress");
        var weeks = progress.GetProperty("weeks").EnumerateArray().ToDictionary(w => w.GetProperty("number").GetInt32());
        Assert.Equal(1, weeks[2].GetProperty("done").GetInt32());
        Assert.Equal(1, weeks[7].GetProperty("done").GetInt32());
        Assert.Equal(2 * 100 / 5, progress.GetProperty("coursePercent").GetInt32());

        var dashboard = await client.GetStringAsync("/dashboard");
        Assert.Contains("data-week=\"7\" data-done=\"1\" data-total=\"3\"", dashboard);
        Assert.Contains("data-week=\"2\" data-done=\"1\" data-total=\"2\"", dashboard);
        Assert.Contains("data-course-percent=\"40\"", dashboard);
        Assert.Contains("✓ You have read these notes.", await client.GetStringAsync("/weeks/2/class-notes"));
    }

    [Fact]
    public async Task Reset_Week_ForgetsThatWeekOnly()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        await client.GetAsync("/weeks/7/lecture/slides/5");
        await client.GetAsync("/weeks/2/class-notes");

        var noConfirm = await TestAccounts.PostFormAsync(client, "/account/reset?week=7", new() { ["week"] = "7" });
        Assert.Equal(HttpStatusCode.OK, noConfirm.StatusCode);
        Assert.Equal("/weeks/7/lecture/slides/5", (await client.GetAsync("/weeks/7/lecture")).Headers.Location?.OriginalString);

        var reset = await TestAccounts.PostFormAsync(client, "/account/reset?week=7", new() { ["week"] = "7", ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/weeks/7/lecture/slides/1", (await client.GetAsync("/weeks/7/lecture")).Headers.Location?.OriginalString);

        var progress = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/progress");
        var week2 = progress.GetProperty("weeks").EnumerateArray().Single(w => w.GetProperty("number").GetInt32() == 2);
        Assert.True(week2.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "class-notes").GetProperty("started").GetBoolean());
    }

    [Fact]
    public async Task Export_ContainsTheLearnersRecords()
    {
        var email = $"export-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(factory, email);
        await client.GetAsync("/weeks/7/lecture/slides/2");
        var csrf = await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard");
        using (var review = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/study/reviews/export-1"))
        {
            review.Headers.Add("X-CSRF-TOKEN", csrf);
            review.Content = JsonContent.Create(new { week = 7, deckId = "flashcards", cardId = "what-is-fine-tuning", rating = "good" });
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(review)).StatusCode);
        }

        using (var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/weeks/7/quizzes/quiz/attempts"))
        {
            start.Headers.Add("X-CSRF-TOKEN", csrf);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(start)).StatusCode);
        }

        var response = await client.GetAsync("/account/export");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, json.GetProperty("profile").GetProperty("email").GetString());
        var visit = json.GetProperty("visits").EnumerateArray().Single();
        Assert.Equal("lecture", visit.GetProperty("item").GetString());
        Assert.Equal([2], visit.GetProperty("slidesSeen").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("quiz", json.GetProperty("quizAttempts").EnumerateArray().Single().GetProperty("quiz").GetString());
        Assert.Equal("what-is-fine-tuning", json.GetProperty("studyReviews").EnumerateArray().Single().GetProperty("card").GetString());
        Assert.Equal("what-is-fine-tuning", json.GetProperty("studyCards").EnumerateArray().Single().GetProperty("card").GetString());
    }

    [Fact]
    public async Task DeleteAccount_WithPassword_RemovesEveryRecord()
    {
        var email = $"delete-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(factory, email);
        await client.GetAsync("/weeks/7/lecture/slides/2");
        await TestAccounts.PostFormAsync(client, "/weeks/2/class-notes?handler=Complete", [], formUrl: "/weeks/2/class-notes");
        var userId = await UserIdAsync(email);

        var wrong = await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = "not-my-password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.NotNull(await UserIdAsync(email));

        var deleted = await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await UserIdAsync(email));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.ItemVisits.AnyAsync(v => v.UserId == userId));
        Assert.False(await db.ItemCompletions.AnyAsync(c => c.UserId == userId));
    }

    [Fact]
    public async Task ApiToken_IsShownOnce_WorksAsBearer_AndStopsWhenRevoked()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var created = await TestAccounts.PostFormAsync(client, "/account?handler=CreateToken", new() { ["name"] = "notebook" }, formUrl: "/account");
        var html = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "id=\"new-token\" readonly value=\"(llmc_[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("llmc_", token);
        Assert.DoesNotContain(token, await client.GetStringAsync("/account"));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.ApiTokens.AnyAsync(t => t.TokenHash == token));
        }

        var script = factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await script.PutAsync("/api/v1/me/progress/weeks/7/items/lecture/slides/6", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me/progress")).StatusCode);

        var id = System.Text.RegularExpressions.Regex.Match(await client.GetStringAsync("/account"), "id=(\\d+)&amp;handler=RevokeToken").Groups[1].Value;
        var revoked = await TestAccounts.PostFormAsync(client, $"/account?handler=RevokeToken&id={id}", [], formUrl: "/account");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var after = await script.GetAsync("/api/v1/me/progress");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RevokingAnotherLearnersToken_IsNotFound()
    {
        var owner = await TestAccounts.RegisterAsync(factory);
        await TestAccounts.PostFormAsync(owner, "/account?handler=CreateToken", new() { ["name"] = "mine" }, formUrl: "/account");
        var id = System.Text.RegularExpressions.Regex.Match(await owner.GetStringAsync("/account"), "id=(\\d+)&amp;handler=RevokeToken").Groups[1].Value;

        var other = await TestAccounts.RegisterAsync(factory);
        var response = await TestAccounts.PostFormAsync(other, $"/account?handler=RevokeToken&id={id}", [], formUrl: "/account");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Null((await db.ApiTokens.SingleAsync(t => t.Id == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))).RevokedAt);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var visits = await db.ItemVisits.AsNoTracking().OrderBy(v => v.Id).Select(v => $"{v.Id}:{v.UserId}:{v.ItemId}:{v.LastSlide}:{v.SlidesSeen}:{v.LastAt:o}").ToListAsync();
        var completions = await db.ItemCompletions.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.ItemId}:{c.CompletedAt:o}").ToListAsync();
        return string.Join("|", visits) + "#" + string.Join("|", completions);
    }

    private async Task<string?> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleOrDefaultAsync();
    }
}
