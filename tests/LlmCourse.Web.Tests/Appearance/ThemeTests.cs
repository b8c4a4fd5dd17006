using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LlmCourse.Web.Tests.Appearance;

public sealed class ThemeTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task CachedCoursePage_IsKeptApartPerChosenTheme()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var system = await client.GetStringAsync("/weeks/7/lecture/slides/6");
        Assert.Contains("data-theme=\"system\"", system, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/weeks/7/lecture/slides/6");
        request.Headers.Add("Cookie", "theme=dark");
        var dark = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("data-theme=\"dark\"", dark, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"color-scheme\" content=\"dark\">", dark, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("theme=purple")]
    [InlineData("theme=<script>")]
    public async Task UnknownThemeCookie_FollowsTheSystem(string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/weeks/7");
        request.Headers.Add("Cookie", cookie);
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("data-theme=\"system\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dark", "/weeks/7", "/weeks/7")]
    [InlineData("light", "https://evil.example/", "/")]
    [InlineData("light", "/\\evil.example", "/")]
    public async Task SetTheme_SetsTheCookie_AndReturnsOnlyToThisSite(string set, string returnUrl, string expected)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.GetAsync($"/theme?set={set}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"theme={set};", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }
}
