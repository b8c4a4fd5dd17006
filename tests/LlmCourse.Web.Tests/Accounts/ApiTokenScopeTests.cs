using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>Issue 13, findings 6 (a token opens the whole account) and 7 (the token-creation limit bypassed by a repeated handler).</summary>
public sealed class ApiTokenScopeTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task ApiToken_OpensTheApiOnly_NotTheAccount()
    {
        var email = $"token-scope-{Guid.NewGuid():N}@example.com";
        await TestAccounts.RegisterAsync(factory, email);
        var (userId, token) = await NewTokenAsync(factory, email);
        var script = Bearer(factory, token);

        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me/progress")).StatusCode);
        foreach (var url in new[] { "/account", "/account/export", "/account/change-password", "/account/delete", "/dashboard" })
        {
            var response = await script.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode} to a bearer token");
            Assert.StartsWith("/account/sign-in", response.Headers.Location?.PathAndQuery);
        }

        // No new token can be made with one: the form is not even reached.
        var create = await script.PostAsync("/account?handler=CreateToken", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "made by a token" }));
        Assert.NotEqual(HttpStatusCode.OK, create.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<ApiTokenService>().ListAsync(userId));
    }

    [Fact]
    public async Task ApiToken_OfAnInstructor_OpensNoInstructorPage()
    {
        var instructor = await TestAccounts.InstructorAsync(factory);
        var page = await instructor.GetStringAsync("/account");
        var email = System.Text.RegularExpressions.Regex.Match(page, "instructor-[0-9a-f]{32}@example\\.com").Value;
        var (_, token) = await NewTokenAsync(factory, email);
        var script = Bearer(factory, token);
        foreach (var url in new[] { "/instructor", "/instructor/gradebook?csv=true", "/instructor/quizzes/7/quiz/attempts.csv" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await script.GetAsync(url)).StatusCode);
        }

        // The instructor's API still works with it.
        var preview = await script.PostAsJsonAsync("/api/v1/instructor/preview", new { path = "weeks/07-fine-tuning-large-language-models/01-lecture.md", text = "---\nkind: notes\ntitle: T\n---\nhello" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Fact]
    public async Task TokenCreation_RepeatedHandlerParameter_StillCountsTowardTheLimit()
    {
        using var limited = new LimitedFactory();
        var email = $"repeat-{Guid.NewGuid():N}@example.com";
        var client = await TestAccounts.RegisterAsync(limited, email);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            // Razor Pages dispatches on the first value (CreateToken); the limit must see the same.
            statuses.Add((int)(await TestAccounts.PostFormAsync(client, "/account?handler=CreateToken&handler=x", new() { ["name"] = $"t{i}" }, formUrl: "/account")).StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
        await using var scope = limited.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().ListAsync(user!.Id)).Count);
    }

    private static async Task<(string UserId, string Token)> NewTokenAsync(CourseAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var (token, error) = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user!.Id, "script");
        Assert.True(token is not null, error);
        return (user.Id, token);
    }

    private static HttpClient Bearer(CourseAppFactory app, string token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed class LimitedFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:TokenCreationPerMinute", "2")];
    }
}
