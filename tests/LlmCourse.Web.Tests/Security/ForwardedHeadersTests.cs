using System.Net;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// <c>X-Forwarded-*</c> headers count only when they come from a configured proxy: from anyone else an
/// "it was HTTPS" claim is ignored, so the HTTP request is still redirected to HTTPS.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string KnownProxy = "10.20.30.40";

    [Theory]
    [InlineData(KnownProxy, HttpStatusCode.OK)]
    [InlineData("10.99.99.99", HttpStatusCode.TemporaryRedirect)]
    public async Task ForwardedProto_IsHonouredFromTheConfiguredProxyOnly(string peer, HttpStatusCode expected)
    {
        using var factory = new ProxyFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IStartupFilter>(new PeerAddress(IPAddress.Parse(peer)))));
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://course.example") });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    private sealed class ProxyFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Security:RequireHttps", "true"),
            new("ReverseProxy:KnownProxies:0", KnownProxy),
        ];
    }

    /// <summary>The test server has no network peer; this plays the one the request came from.</summary>
    private sealed class PeerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
