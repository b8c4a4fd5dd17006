using LlmCourse.Web.Accounts;
using LlmCourse.Web.Security;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Tests.Hosting;

/// <summary>Issue 14, point 3: what Program.cs composes, checked on the running site.</summary>
public sealed class CompositionTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public void EveryApiEndpoint_HasTheApiRateLimit()
    {
        // The instructors' preview once lived in a group of its own, without the limit.
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/v1/instructor/preview");
        var unlimited = endpoints.Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != RateLimits.Api)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(unlimited.Count == 0, "Without the API rate limit: " + string.Join(", ", unlimited));
    }

    [Fact]
    public void Antiforgery_IsConfiguredOnceWithCookieAndHeader()
    {
        var options = factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        Assert.Equal("X-CSRF-TOKEN", options.HeaderName);
        Assert.Equal("llmcourse.csrf", options.Cookie.Name);
        Assert.Single(factory.Services.GetServices<IAntiforgery>());
    }

    [Fact]
    public void AccountServices_ComeWithTheAccounts()
    {
        using var scope = factory.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<AccountData>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ApiTokenService>());
        Assert.Same(factory.Services.GetRequiredService<TimeProvider>(), factory.Services.GetRequiredService<TimeProvider>());
    }
}
