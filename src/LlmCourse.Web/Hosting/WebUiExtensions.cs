using LlmCourse.Web.Content;
using LlmCourse.Web.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace LlmCourse.Web.Hosting;

public static class WebUiExtensions
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CourseCatalog>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
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

    public static WebApplication UseWebUi(this WebApplication app)
    {
        // Also in Development: a database outage must answer 503, not the developer page.
        app.UseExceptionHandler("/error");

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        app.UseApiErrors();
        app.UseSecurity();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseNoStoreWhenSignedIn();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseViewCounting();
        app.UseCaching();
        app.UseDashboardCache();
        app.UseAntiforgery();
        app.MapRazorPages();
        return app;
    }
}
