using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Dashboard;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Study;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Dashboard;

/// <summary>
/// The per-learner dashboard copy: reused while nothing changed, never stale after a write (from this
/// instance or any other), after a card falls due or the day ends, or for a different set of roles.
/// </summary>
public sealed partial class DashboardCacheTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private DashboardCache Cache => app.Services.GetRequiredService<DashboardCache>();

    [Fact]
    public async Task SecondVisit_IsServedFromTheCopy_WithEachBrowsersOwnWorkingToken()
    {
        MoveToNextWednesdayNoon();
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        var first = await TestAccounts.RegisterAsync(app, email);
        var rendered = await first.GetStringAsync("/dashboard");
        var hits = Cache.Hits;
        using var again = await first.GetAsync("/dashboard");
        var copy = await again.Content.ReadAsStringAsync();
        Assert.Equal(hits + 1, Cache.Hits);
        Assert.Equal(rendered, copy);
        Assert.True(Regex.Count(copy, Regex.Escape(CsrfMeta(copy))) >= 2, "the meta tag and the sign-out form carry the same token");
        // The headers the page set (antiforgery's no-store and frame options) come with the copy.
        Assert.Contains("no-store", again.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Single(again.Headers.GetValues("X-Frame-Options"));

        // Another browser of the same learner has its own copy, made by its own first visit, with its own token.
        var second = await TestAccounts.SignInAsync(app, email, TestAccounts.Password);
        var secondRendered = await second.GetStringAsync("/dashboard");
        var secondCopy = await second.GetStringAsync("/dashboard");
        Assert.Equal(hits + 2, Cache.Hits);
        Assert.Equal(secondRendered, secondCopy);
        Assert.NotEqual(CsrfMeta(copy), CsrfMeta(secondCopy));
        Assert.Equal(HttpStatusCode.NoContent, (await PutSlide(second, CsrfMeta(secondCopy), 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PutSlide(first, CsrfMeta(copy), 3)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PutSlide(first, CsrfMeta(secondCopy), 4)).StatusCode);
    }

    [Fact]
    public async Task EveryWrite_Shows_AtOnceFromTheApp_WithinASecondFromOutside()
    {
        MoveToNextWednesdayNoon();
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(app, email);
        var html = await client.GetStringAsync("/dashboard");
        Assert.DoesNotContain("data-continue", html);
        var due = DueCount(html);

        Assert.Equal(HttpStatusCode.NoContent, (await PutSlide(client, CsrfMeta(html), 3)).StatusCode);
        html = await client.GetStringAsync("/dashboard");
        Assert.Contains("slide 3</a>", html);

        // As another instance or a database tool would: straight into the table, no code of this app involved.
        var userId = await UserIdAsync(email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var at = app.Clock.GetUtcNow().UtcDateTime;
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ItemCompletions" ("UserId", "WeekNumber", "ItemId", "CompletedAt", "Source") VALUES ({userId}, 2, 'class-notes', {at}, 'manual')""");
        }

        // That instance learns of it by the database's notice on PostgreSQL: within a second.
        await Eventually.TrueAsync(
            async () => Regex.IsMatch(html = await client.GetStringAsync("/dashboard"), "data-week=\"2\" data-done=\"1\""),
            "the dashboard shows the completion written to the table");

        var review = await PutReview(client, CsrfMeta(html), "good");
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        html = await client.GetStringAsync("/dashboard");
        Assert.Equal(due - 1, DueCount(html));

        // Resetting redirects with a one-time message: shown once, then the page is as the reset left it.
        var reset = await TestAccounts.PostFormAsync(client, "/account/reset?week=2", new() { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        html = await client.GetStringAsync("/dashboard");
        Assert.Contains("Your progress in week 2 has been reset.", html);
        Assert.Matches("data-week=\"2\" data-done=\"0\"", html);
        html = await client.GetStringAsync("/dashboard");
        Assert.DoesNotContain("has been reset", html);
        Assert.Matches("data-week=\"2\" data-done=\"0\"", html);
    }

    [Fact]
    public async Task ACardFallingDue_AndTheNextDay_ShowWithoutAnyWrite()
    {
        var noon = MoveToNextWednesdayNoon();
        var client = await TestAccounts.RegisterAsync(app);
        var html = await client.GetStringAsync("/dashboard");
        var due = DueCount(html);

        // "Again" on a new card: it comes back within minutes, and stops counting as due until then.
        var review = await PutReview(client, CsrfMeta(html), "again");
        var cameBack = (await review.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("due").GetDateTimeOffset();
        Assert.True(cameBack < noon.AddHours(1), $"a lapsed new card is due again soon, not at {cameBack:o}");
        Assert.Equal(due - 1, DueCount(await client.GetStringAsync("/dashboard")));
        var hits = Cache.Hits;
        Assert.Equal(due - 1, DueCount(await client.GetStringAsync("/dashboard")));
        Assert.Equal(hits + 1, Cache.Hits);

        app.Clock.SetUtcNow(cameBack.AddSeconds(1));
        Assert.Equal(due, DueCount(await client.GetStringAsync("/dashboard")));

        var tomorrow = DateOnly.FromDateTime(noon.UtcDateTime).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"cal-future\" data-day=\"{tomorrow}\"", await client.GetStringAsync("/dashboard"));
        app.Clock.SetUtcNow(noon.AddHours(12).AddSeconds(1));
        Assert.Contains($"cal-0\" data-day=\"{tomorrow}\"", await client.GetStringAsync("/dashboard"));
    }

    [Fact]
    public async Task ACopyMadeForOneSetOfRoles_IsNotShownToAnother()
    {
        MoveToNextWednesdayNoon();
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        var learner = await TestAccounts.RegisterAsync(app, email);
        Assert.DoesNotContain("href=\"/instructor\"", await learner.GetStringAsync("/dashboard"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdmin>().SetRoleAsync(email, Roles.Instructor));
        }

        var instructor = await TestAccounts.SignInAsync(app, email, TestAccounts.Password);
        Assert.Contains("href=\"/instructor\"", await instructor.GetStringAsync("/dashboard"));
    }

    [Fact]
    public async Task Version_MovesWithEachWatchedTable_AndGoesWithTheAccount()
    {
        MoveToNextWednesdayNoon();
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(app, email);
        var userId = await UserIdAsync(email);
        var csrf = CsrfMeta(await client.GetStringAsync("/dashboard"));
        var version = await VersionAsync(userId);

        async Task Moved(string what)
        {
            var now = await VersionAsync(userId);
            Assert.True(now > version, $"{what} did not move the version ({version} → {now})");
            version = now;
        }

        Assert.Equal(HttpStatusCode.NoContent, (await PutSlide(client, csrf, 1)).StatusCode);
        await Moved("a slide view (ItemVisits)");
        using (var complete = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/progress/weeks/2/items/class-notes/completion"))
        {
            complete.Headers.Add("X-CSRF-TOKEN", csrf);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(complete)).StatusCode);
        }

        await Moved("a completion (ItemCompletions)");
        Assert.Equal(HttpStatusCode.OK, (await PutReview(client, csrf, "good")).StatusCode);
        await Moved("a review (StudyCards, StudyReviews)");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.StudySettings.Add(new StudySettings { UserId = userId, DailyNewCards = 5 });
            await db.SaveChangesAsync();
            await Moved("new settings (StudySettings)");
            await db.ItemVisits.Where(v => v.UserId == userId).ExecuteDeleteAsync();
            await Moved("a delete (ItemVisits)");

            var user = await db.Users.SingleAsync(u => u.Id == userId);
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountData>().DeleteAsync(user)).Succeeded);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.False(await db.LearnerVersions.AnyAsync(v => v.UserId == userId), "the counter went with the account");
            Assert.False(await db.StudyCards.AnyAsync(c => c.UserId == userId));
        }
    }

    /// <summary>
    /// Moves the shared clock (forward only) to the next Wednesday noon UTC, so a test has hours before the day ends
    /// unless it moves the clock there, and a "tomorrow" inside the activity calendar, which ends with the week (Sunday).
    /// </summary>
    private DateTimeOffset MoveToNextWednesdayNoon()
    {
        var now = app.Clock.GetUtcNow();
        var noon = new DateTimeOffset(now.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        noon = noon.AddDays(((int)DayOfWeek.Wednesday - (int)noon.DayOfWeek + 7) % 7);
        if (noon < now)
        {
            noon = noon.AddDays(7);
        }

        app.Clock.SetUtcNow(noon);
        return noon;
    }

    private static string CsrfMeta(string html) => StudyClient.CsrfMeta(html);

    // Cards waiting in the spaced-repetition queue: due ones plus new ones the learner may still start today.
    private static int DueCount(string html)
    {
        var link = DueLink().Match(html);
        return int.Parse(link.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(link.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> PutSlide(HttpClient client, string csrf, int slide)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/progress/weeks/7/items/lecture/slides/{slide}");
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PutReview(HttpClient client, string csrf, string rating)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/study/reviews/{Guid.NewGuid():N}")
        {
            Content = JsonContent.Create(new { week = 7, deckId = "flashcards", cardId = "what-is-fine-tuning", rating }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        return await client.SendAsync(request);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<long> VersionAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().LearnerVersions
            .Where(v => v.UserId == userId).Select(v => v.Version).SingleOrDefaultAsync();
    }

    [GeneratedRegex(@"data-due-link data-due=""(\d+)"" data-new=""(\d+)""")]
    private static partial Regex DueLink();
}
