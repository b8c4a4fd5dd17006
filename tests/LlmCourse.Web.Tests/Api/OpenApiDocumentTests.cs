using System.Text.Json;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Api;

public sealed class OpenApiDocumentTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task EveryApiEndpoint_IsDocumented_WithNameSummaryResponsesAndAuth()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var paths = document.RootElement.GetProperty("paths");
        var problems = new List<string>();

        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true);
        var count = 0;
        foreach (var endpoint in endpoints)
        {
            count++;
            var path = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.Trim('/'), "{([^:}]+)(:[^}]+)?}", "{$1}");
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var operation))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
                continue;
            }

            if (!operation.TryGetProperty("operationId", out _))
            {
                problems.Add($"{method} {path} has no operationId (WithName)");
            }

            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                problems.Add($"{method} {path} has no summary");
            }

            var responses = operation.GetProperty("responses");
            var success = responses.EnumerateObject().FirstOrDefault(r => r.Name.StartsWith('2'));
            if (success.Value.ValueKind == JsonValueKind.Undefined)
            {
                problems.Add($"{method} {path} documents no success response");
            }
            else if (success.Name != "204" && !success.Value.TryGetProperty("content", out _))
            {
                problems.Add($"{method} {path} has no response schema");
            }

            var needsAuth = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any() && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            var documentsAuth = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            if (needsAuth != documentsAuth)
            {
                problems.Add($"{method} {path}: needs auth = {needsAuth}, documented = {documentsAuth}");
            }

            if (needsAuth && !responses.TryGetProperty("401", out _))
            {
                problems.Add($"{method} {path} does not document its 401");
            }
        }

        Assert.True(count >= 5, $"only {count} API endpoints found");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _), "ProblemDetails schema missing");
        Assert.True(schemas.TryGetProperty("CourseOutline", out _), "CourseOutline schema missing");
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await factory.CreateClient().GetAsync("/swagger/index.html");
        response.EnsureSuccessStatusCode();
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
