using System.Net;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Pages;

public sealed class ErrorPageTests : IDisposable
{
    private readonly CourseAppFactory _factory = new();

    [Fact]
    public async Task ServerError_ShowsAClearPageWithoutDetails()
    {
        using var app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<MvcOptions>(o => o.Filters.Add(new ThrowOnWeekSeven()))));
        var client = app.CreateClient();

        var response = await client.GetAsync("/weeks/7");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong on our side", html);
        Assert.DoesNotContain("Simulated failure", html);
        Assert.DoesNotContain("   at ", html);
    }

    public void Dispose() => _factory.Dispose();

    private sealed class ThrowOnWeekSeven : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Path == "/weeks/7"
                ? throw new InvalidOperationException("Simulated failure")
                : next();
    }
}
