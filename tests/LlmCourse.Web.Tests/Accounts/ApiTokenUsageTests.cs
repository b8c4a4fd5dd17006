using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// A token's "last used" time is written behind the call (issue 21: no extra commit per call in a burst of quiz
/// starts), yet the owner sees their own calls at once, nothing moves a time back, and a failed write loses nothing.
/// </summary>
public sealed partial class ApiTokenUsageTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    [Fact]
    public async Task ACall_IsNotWrittenOnItsRequest_ButWithinTheWriteDelay()
    {
        var (client, tokenId) = await BearerAsync();
        var calledAt = app.Clock.GetUtcNow().UtcDateTime;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/course")).StatusCode);

        Assert.Null(await LastUsedAsync(tokenId));
        app.Clock.Advance(ApiTokenUsage.WriteDelay);
        await Eventually.TrueAsync(async () => await LastUsedAsync(tokenId) is not null, "the delayed write of the token's last use", TimeSpan.FromSeconds(10));
        Assert.Equal(ApiTokenUsage.ToMinute(calledAt), await LastUsedAsync(tokenId));
    }

    [Fact]
    public async Task TheAccountPage_ShowsTheOwnersLatestCall_BeforeTheDelayedWrite()
    {
        var signedIn = await TestAccounts.RegisterAsync(app);
        var (client, tokenId) = await BearerAsync(signedIn);
        Assert.Contains("never", await signedIn.GetStringAsync("/account"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/course")).StatusCode);
        var page = await signedIn.GetStringAsync("/account");

        var minute = ApiTokenUsage.ToMinute(app.Clock.GetUtcNow().UtcDateTime);
        Assert.Contains(minute.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), page);
        Assert.DoesNotContain(">never<", page);
        Assert.Equal(minute, await LastUsedAsync(tokenId));
    }

    [Fact]
    public async Task AWrite_NeverMovesATimeBack()
    {
        var (_, tokenId) = await BearerAsync();
        var later = ApiTokenUsage.ToMinute(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30));
        await SetLastUsedAsync(tokenId, later); // as another instance that wrote a later call

        var usage = app.Services.GetRequiredService<ApiTokenUsage>();
        usage.Record(tokenId, app.Clock.GetUtcNow().UtcDateTime);
        Assert.True(await usage.FlushAsync());

        Assert.Equal(later, await LastUsedAsync(tokenId));
    }

    [Fact]
    public async Task ManyTokens_UsedWithinOneDelay_AreAllWrittenByOneFlush_EachWithItsOwnMinute()
    {
        var usage = app.Services.GetRequiredService<ApiTokenUsage>();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await BearerAsync()).TokenId);
        }

        // More than one statement's worth, most of them not this test's: ids that match no row change nothing.
        var start = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var id in Enumerable.Range(1_000_000, 1_200).Select(i => (long)i).Concat(ids))
        {
            usage.Record(id, start);
        }

        usage.Record(ids[2], start.AddMinutes(2));
        Assert.True(await usage.FlushAsync());

        Assert.Equal(0, usage.Pending);
        Assert.Equal(ApiTokenUsage.ToMinute(start), await LastUsedAsync(ids[0]));
        Assert.Equal(ApiTokenUsage.ToMinute(start), await LastUsedAsync(ids[1]));
        Assert.Equal(ApiTokenUsage.ToMinute(start.AddMinutes(2)), await LastUsedAsync(ids[2]));
    }

    [Fact]
    public async Task AFailedWrite_KeepsTheTimes_ForTheNextTry()
    {
        // A database that cannot be opened: the write fails as it does during an outage.
        var services = new ServiceCollection()
            .AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = "/nonexistent-dir/llmcourse.db", Mode = SqliteOpenMode.ReadWrite }.ConnectionString))
            .BuildServiceProvider();
        var usage = new ApiTokenUsage(services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<ApiTokenUsage>.Instance);
        usage.Record(7, DateTime.UtcNow);
        usage.Record(8, DateTime.UtcNow);

        Assert.False(await usage.FlushAsync());

        Assert.Equal(2, usage.Pending);
    }

    [Fact]
    public void TheStoredTime_IsTheMinute_TheAccountPageShows()
    {
        var at = new DateTime(2026, 12, 6, 23, 59, 59, 999, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 12, 6, 23, 59, 0, DateTimeKind.Utc), ApiTokenUsage.ToMinute(at));
        Assert.Equal(DateTimeKind.Utc, ApiTokenUsage.ToMinute(at).Kind);
    }

    private async Task<(HttpClient Client, long TokenId)> BearerAsync(HttpClient? signedIn = null)
    {
        signedIn ??= await TestAccounts.RegisterAsync(app);
        var created = await TestAccounts.PostFormAsync(signedIn, "/account?handler=CreateToken", new() { ["name"] = "usage" }, formUrl: "/account");
        var token = TokenValue().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no API token made");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = ApiTokens.Hash(token);
        var id = await db.ApiTokens.Where(t => t.TokenHash == hash).Select(t => t.Id).SingleAsync();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (client, id);
    }

    private async Task<DateTime?> LastUsedAsync(long tokenId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var at = await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.LastUsedAt).SingleAsync();
        return at is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : null;
    }

    private async Task SetLastUsedAsync(long tokenId, DateTime at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at));
    }

    [GeneratedRegex("value=\"(llmc_[^\"]+)\"")]
    private static partial Regex TokenValue();
}
