using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// Each account page that checks a secret or sends mail carries its rate-limit policy on the endpoint itself. A
/// convention registered where Razor Pages never read it once left the forgot-password limit off without any error,
/// so the endpoints are read, not the configuration code.
/// </summary>
public sealed class RateLimitCoverageTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Theory]
    [InlineData("account/sign-in", "sign-in")]
    [InlineData("account/register", "register")]
    [InlineData("account", "token-creation")]
    [InlineData("account/change-password", "password-check")]
    [InlineData("account/delete", "password-check")]
    [InlineData("account/change-email", "password-check")]
    [InlineData("account/forgot-password", "forgot-password")]
    public void AccountPage_CarriesItsRateLimitPolicy(string route, string policy)
    {
        _ = factory.CreateClient();
        var endpoint = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == route);
        Assert.Equal(policy, Assert.Single(endpoint.Metadata.OfType<EnableRateLimitingAttribute>()).PolicyName);
    }
}
