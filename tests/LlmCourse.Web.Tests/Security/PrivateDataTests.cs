using System.Net;
using System.Net.Http.Headers;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Tests.Security;

/// <summary>Issue 13, finding 9 (the TempData cookie without <c>Secure</c>) and personal data kept by browsers and proxies.</summary>
public sealed class PrivateDataTests
{
    [Fact]
    public async Task TempDataCookie_OverHttps_IsSecure_AlsoWhenDeleted()
    {
        using var factory = new HttpsFactory();
        var name = factory.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://course.example") });
        await TestAccounts.RegisterAsync(client);

        // Resetting progress leaves a one-time message for the dashboard, in the TempData cookie.
        var reset = await TestAccounts.PostFormAsync(client, "/account/reset", new() { ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var set = CookieHeader(reset, name);
        Assert.Contains("secure", set);
        Assert.Contains("httponly", set);

        // Showing the message deletes the cookie; the deletion is Secure too.
        var dashboard = await client.GetAsync("/dashboard");
        Assert.Contains("has been reset", await dashboard.Content.ReadAsStringAsync());
        var deleted = CookieHeader(dashboard, name);
        Assert.Contains("expires=thu, 01 jan 1970", deleted);
        Assert.Contains("secure", deleted);
    }

    [Fact]
    public async Task PersonalDataResponses_AreNeverStored()
    {
        using var factory = new CourseAppFactory();
        var email = $"private-{Guid.NewGuid():N}@example.com";
        var learner = await TestAccounts.RegisterAsync(factory, email);
        var instructor = await TestAccounts.InstructorAsync(factory);
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(user!.Id, "script")).Token!;
        }

        var script = factory.CreateClient(new() { HandleCookies = false });
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var cases = new (HttpClient Client, string Url)[]
        {
            (learner, "/account/export"),
            (learner, "/account"),
            (learner, "/dashboard"),
            (learner, "/api/v1/me/progress"),
            (learner, "/api/v1/me/study/due"),
            (learner, "/api/v1/me/study/weeks/7/decks/flashcards/stats"),
            (script, "/api/v1/me/progress"),
            (script, "/api/v1/me/study/due"),
            (instructor, "/instructor/gradebook?csv=true"),
            (instructor, "/instructor/quizzes/7/quiz/attempts.csv"),
        };
        foreach (var (client, url) in cases)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url} sent Cache-Control: {response.Headers.CacheControl}");
        }
    }

    private static string CookieHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.ToLowerInvariant()
            : throw new InvalidOperationException($"No Set-Cookie for {name} from {response.RequestMessage?.RequestUri}.");

    private sealed class HttpsFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:RequireHttps", "true")];
    }
}
