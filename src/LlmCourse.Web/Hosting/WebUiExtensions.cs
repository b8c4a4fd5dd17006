using LlmCourse.Web.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace LlmCourse.Web.Hosting;

public static class WebUiExtensions
{
    /// <summary>Razor Pages (with the account pages' rate limits), problem details and the answer to database outages.</summary>
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AddPageApplicationModelConvention("/Account/SignIn", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));
            options.Conventions.AddPageApplicationModelConvention("/Account/Register", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.Register)));
            options.Conventions.AddPageApplicationModelConvention("/Account/Index", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.TokenCreation)));
            options.Conventions.AddPageApplicationModelConvention("/Account/ChangePassword", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.PasswordCheck)));
            options.Conventions.AddPageApplicationModelConvention("/Account/Delete", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.PasswordCheck)));
        });
        return builder;
    }
}
