using LlmCourse.Web.Api;
using LlmCourse.Web.Discussion;
using LlmCourse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace LlmCourse.Web.Hosting;

public static class ApiExtensions
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        // After DatabaseUnavailableHandler (registered by AddWebUi, which comes first), which answers outages with 503.
        builder.Services.AddExceptionHandler<ApiErrors.ExceptionHandler>();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LlmCourse API",
                Version = "v1",
                Description = "The course outline and the signed-in learner's own records. Authenticate with a personal API token " +
                              "(`Authorization: Bearer …`, created on your account page) or, from the site's pages, the sign-in cookie " +
                              "plus the `X-CSRF-TOKEN` header on state-changing calls. Errors are RFC 9457 problem details.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token from your account page.",
            });
            options.AddSecurityDefinition(CookieScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "llmcourse.auth",
                Description = "The site's sign-in cookie (browsers).",
            });
            options.OperationFilter<AuthRequirementFilter>();
        });
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "LlmCourse API v1");
            options.DocumentTitle = "LlmCourse API";
        });

        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .RequireRateLimiting(RateLimits.Api)
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapCourseApi();
        api.MapProgressApi();
        api.MapStudyApi();
        api.MapLabApi();
        api.MapQuizApi();
        api.MapGradingApi();
        api.MapInstructorApi();
        api.MapSchedulingApi();
        api.MapOfflineApi();
        api.MapDiscussionApi();

        // No catch-all route for unknown addresses: it would match every method and hide routing's 405.
        // They answer 404 problem details through UseApiErrors instead.
        return app;
    }

    /// <summary>
    /// API errors as problem details (<see cref="ApiErrors"/>) and the body size limit. Runs inside the site's
    /// status code pages, so it answers first for <c>/api</c> and the HTML pages never see those requests.
    /// </summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        var maxBytes = app.Configuration.GetValue("Api:MaxBodyBytes", ApiErrors.DefaultMaxBodyBytes);
        app.UseWhen(context => ApiErrors.IsApi(context.Request), api =>
        {
            api.UseStatusCodePages(ApiErrors.WriteStatusAsync);
            api.Use((context, next) => ApiErrors.LimitBodyAsync(context, next, maxBytes));
        });
        return app;
    }

    /// <summary>Marks operations that need a signed-in learner, and documents their 401 answer.</summary>
    private sealed class AuthRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var needsAuth = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (!needsAuth)
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Not signed in, or the API token is invalid or revoked." });
        }
    }
}
