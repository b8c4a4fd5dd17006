using System.Threading.RateLimiting;
using LlmCourse.Web.Announcements;
using LlmCourse.Web.Email;
using LlmCourse.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Hosting;

public static class EmailExtensions
{
    /// <summary>Forgot-password requests per client address per minute (<c>RateLimits:ForgotPasswordPerMinute</c>).</summary>
    public const string ForgotPasswordLimit = "forgot-password";

    /// <summary>
    /// Mail: the outbox and its background sender (MailKit over SMTP, or .eml files in Development), templates,
    /// account mail, course mail (announcements, the daily digest) and unsubscribing.
    /// </summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection("Email"));
        services.AddSingleton<MailSetup>();
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<MailSetup>().UsesSmtp
            ? ActivatorUtilities.CreateInstance<SmtpTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<Outbox>();
        services.AddScoped<MailPreferences>();
        services.AddScoped<AccountMail>();
        services.AddScoped<DigestMailer>();
        services.AddSingleton<AnnouncementBoard>();
        services.AddScoped<AnnouncementService>();
        if (builder.Configuration.GetValue("Email:Outbox:SenderEnabled", true))
        {
            services.AddHostedService<OutboxSender>();
            services.AddHostedService<DigestScheduler>();
        }

        var perMinute = builder.Configuration.GetValue("RateLimits:ForgotPasswordPerMinute", 5);
        services.Configure<RateLimiterOptions>(options => options.AddPolicy(ForgotPasswordLimit, http =>
            HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "forgot:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("free")));
        // Through AddRazorPages, as AddWebUi does: the Configure<RazorPagesOptions> used here before left both pages
        // without their limit, silently (RateLimitCoverageTests reads the endpoints to catch that).
        services.AddRazorPages(options =>
        {
            options.Conventions.AddPageApplicationModelConvention("/Account/ForgotPassword", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(ForgotPasswordLimit)));
            options.Conventions.AddPageApplicationModelConvention("/Account/ChangeEmail", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.PasswordCheck)));
        });
        return builder;
    }

    /// <summary>The RFC 8058 one-click unsubscribe address, and the start-up log line that says how mail is sent.</summary>
    public static WebApplication MapEmail(this WebApplication app)
    {
        app.MapPost(UnsubscribeLinks.OneClickPath, OneClickAsync)
            // Mail programs POST here without cookies, so no antiforgery token can exist; the signed token in the
            // address is the authority, and it only ever takes someone off a list.
            .DisableAntiforgery()
            .WithName("UnsubscribeOneClick")
            .ExcludeFromDescription();
        app.MapGet(UnsubscribeLinks.OneClickPath, (HttpContext http) =>
                Results.Redirect(UnsubscribeLinks.PagePath + "?token=" + Uri.EscapeDataString(http.Request.Query["token"].ToString())))
            .ExcludeFromDescription();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var setup = app.Services.GetRequiredService<MailSetup>();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LlmCourse.Web.Email");
            if (setup.CanSend)
            {
                logger.LogInformation("{Mail}", setup.Describe());
            }
            else
            {
                logger.LogWarning("Mail is not configured: {Problem} Password reset by mail is off; operators can use `users reset-password`. See docs/operations.md, Mail.", setup.Problem);
            }
        });
        return app;
    }

    private static async Task<IResult> OneClickAsync(HttpContext http, UnsubscribeLinks links, MailPreferences preferences)
    {
        if (!links.TryRead(http.Request.Query["token"], out var userId, out var list))
        {
            return Results.Text("This unsubscribe link is not valid.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!http.Request.HasFormContentType
            || !string.Equals((await http.Request.ReadFormAsync(http.RequestAborted))["List-Unsubscribe"].ToString(), "One-Click", StringComparison.Ordinal))
        {
            return Results.Text("Expected the body List-Unsubscribe=One-Click (RFC 8058).", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        await preferences.UnsubscribeAsync(userId, list, http.RequestAborted);
        return Results.Text($"Unsubscribed from {MailPreferences.Describe(list)}.", "text/plain; charset=utf-8");
    }

}
