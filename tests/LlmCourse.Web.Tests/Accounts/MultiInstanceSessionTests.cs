using System.Net;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// Issue 13, finding 5 across instances: two app hosts over one database (SQLite or PostgreSQL, per the suite),
/// each keeping its own copies of decrypted cookies and rendered dashboards (and, on PostgreSQL, of session rows).
/// What one instance ends, the other refuses on its very next request on SQLite, and within a second on PostgreSQL,
/// where it learns of the change by the database's notice (issue 21).
/// </summary>
public sealed class MultiInstanceSessionTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "llmcourse-sessions", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task PasswordChange_OnOneInstance_EndsTheSessionOnAnotherWithinASecond()
    {
        using var one = new Instance(_database);
        using var two = new Instance(_database);
        var email = $"cluster-{Guid.NewGuid():N}@example.com";

        // Browser A signs up on instance one; browser B signs in on instance two and uses it.
        var jarA = new CookieContainer();
        var aOnOne = one.CreateDefaultClient(new CookieContainerHandler(jarA));
        var aOnTwo = two.CreateDefaultClient(new CookieContainerHandler(jarA));
        await TestAccounts.RegisterAsync(aOnOne, email);
        var jarB = new CookieContainer();
        var bOnTwo = two.CreateDefaultClient(new CookieContainerHandler(jarB));
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.SignInResponseAsync(bOnTwo, email, TestAccounts.Password)).StatusCode);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await bOnTwo.GetAsync("/dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await aOnTwo.GetAsync("/dashboard")).StatusCode);
        }

        var bCookie = SessionTests.AuthCookie(jarB);
        Assert.Equal(HttpStatusCode.Redirect, (await SessionTests.ChangePasswordAsync(aOnOne, TestAccounts.Password, "cluster-new-pass-5")).StatusCode);

        // Instance two still holds B's decrypted cookie and dashboard in memory: neither lets B in.
        await Eventually.TrueAsync(() => SessionTests.RefusedAsync(two, bCookie), "instance two refuses B");
        await SessionTests.AssertSignedOutAsync(two, bCookie);
        await SessionTests.AssertSignedOutAsync(one, bCookie);

        // A's new cookie, issued by instance one, works on instance two.
        Assert.Equal(HttpStatusCode.OK, (await aOnTwo.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await aOnTwo.GetAsync("/api/v1/me/progress")).StatusCode);
    }

    [Fact]
    public async Task SignOut_OnOneInstance_IsRefusedByAnotherWithinASecond()
    {
        using var one = new Instance(_database);
        using var two = new Instance(_database);
        var jar = new CookieContainer();
        var onOne = one.CreateDefaultClient(new CookieContainerHandler(jar));
        var onTwo = two.CreateDefaultClient(new CookieContainerHandler(jar));
        await TestAccounts.RegisterAsync(onOne);
        Assert.Equal(HttpStatusCode.OK, (await onTwo.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onTwo.GetAsync("/dashboard")).StatusCode);
        var cookie = SessionTests.AuthCookie(jar);

        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(onOne, "/account/sign-out", [], formUrl: "/dashboard")).StatusCode);

        await SessionTests.AssertSignedOutAsync(one, cookie);
        await Eventually.TrueAsync(() => SessionTests.RefusedAsync(two, cookie), "instance two refuses the ended session");
        await SessionTests.AssertSignedOutAsync(two, cookie);
    }

    public void Dispose() => _database.Dispose();

    private sealed class Instance(TestDatabase database) : CourseAppFactory(database);
}
