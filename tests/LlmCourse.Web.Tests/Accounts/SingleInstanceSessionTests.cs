using System.Net;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// On SQLite (one instance, whatever provider the suite runs on) nothing of issue 21's scale-out is used: no
/// listener, no version cookie, and every signed-in request reads its session row, so a change made by any
/// process (the operators' command line writes the same file) counts on the very next request.
/// </summary>
public sealed class SingleInstanceSessionTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "llmcourse-single", Guid.NewGuid().ToString("N")), "Sqlite");
    private readonly SqliteApp _app;

    public SingleInstanceSessionTests() => _app = new SqliteApp(_database);

    [Fact]
    public async Task OnSqlite_EveryRequestReadsItsSessionRow_AndNoScaleOutPartsRun()
    {
        var client = await TestAccounts.RegisterAsync(_app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        }

        var rows = _app.Services.GetRequiredService<SessionRowCache>();
        Assert.False(rows.IsLive);
        Assert.Equal(0, rows.Hits);
        Assert.Equal(0, rows.Count);
        Assert.Null(_app.Services.GetService<LearnerVersionCookie>());
        Assert.DoesNotContain(_app.Services.GetServices<IHostedService>(), s => s is ChangeListener);

        var csrf = Study.StudyClient.CsrfMeta(await client.GetStringAsync("/dashboard"));
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/progress/weeks/7/items/lecture/slides/2");
        put.Headers.Add("X-CSRF-TOKEN", csrf);
        using var written = await client.SendAsync(put);
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.False(written.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(LearnerVersionCookie.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OnSqlite_AStampChangedOrASessionDeletedByAnotherProcess_CountsOnTheVeryNextRequest()
    {
        var email = $"single-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(_app, email);
        var other = await TestAccounts.SignInAsync(_app, email, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/dashboard")).StatusCode);

        // Another process on the same file: nothing of this app's code is involved.
        await using (var db = _database.OpenContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var sessions = await db.UserSessions.Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync();
            var newest = sessions[^1];
            await db.UserSessions.Where(s => s.Id == newest).ExecuteDeleteAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);
    }

    public void Dispose()
    {
        _app.Dispose();
        _database.Dispose();
    }

    private sealed class SqliteApp(TestDatabase database) : CourseAppFactory(database);
}
