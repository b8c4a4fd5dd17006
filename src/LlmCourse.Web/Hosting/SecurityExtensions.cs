using System.Net;
using System.Security.Cryptography.X509Certificates;
using LlmCourse.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Hosting;

public static class SecurityExtensions
{
    /// <summary>
    /// What lets several instances share one course safely: the key ring in the database (optionally
    /// encrypted with a certificate), forwarded headers from known proxies only, rate limits, HTTPS.
    /// </summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("LlmCourse");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(services.GetRequiredService<IServiceScopeFactory>())));
        if (config["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, config["DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in config.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            options.ForwardLimit = 1;
        });

        var limits = config.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options => RateLimits.Configure(options, limits));

        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddHttpsRedirection(options => options.HttpsPort = config.GetValue("Security:HttpsPort", 443));
        builder.Services.AddAntiforgery(options =>
        {
            // Pages post the form field; scripts calling /api/v1 with the sign-in cookie send this header.
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "llmcourse.csrf";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = RequireHttps(builder) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // One-time messages: MVC's default sends this cookie without Secure even over HTTPS (policy None).
        builder.Services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "llmcourse.tempdata";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = RequireHttps(builder) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // Stop accepting new requests, let those in flight finish (each write is one transaction).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        if (app.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        if (RequireHttps(app.Environment, app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>HTTPS is required outside Development and Testing unless <c>Security:RequireHttps=false</c> (TLS ends at a proxy that forwards plain HTTP from a private network).</summary>
    public static bool RequireHttps(IHostEnvironment environment, IConfiguration config) =>
        config.GetValue<bool?>("Security:RequireHttps") ?? !(environment.IsDevelopment() || environment.IsEnvironment("Testing"));

    public static bool RequireHttps(WebApplicationBuilder builder) => RequireHttps(builder.Environment, builder.Configuration);
}
