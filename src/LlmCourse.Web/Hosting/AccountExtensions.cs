using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace LlmCourse.Web.Hosting;

public static class AccountExtensions
{
    /// <summary>The sign-in and API token schemes together: the policy scheme picks one per request.</summary>
    public const string CookieOrToken = "CookieOrToken";

    /// <summary>
    /// ASP.NET Core Identity with our own pages; cookies for browsers and personal bearer tokens for scripts,
    /// chosen per request by whether an <c>Authorization: Bearer</c> header is present.
    /// </summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Accounts:MaxFailedSignIns", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedEmail = MailSetup.RequireConfirmedEmail(builder.Configuration, builder.Environment);

                // Tokens in mail: one hour, on the site's clock, spent when the security stamp changes.
                options.Tokens.PasswordResetTokenProvider = AccountTokenProvider.Name;
                options.Tokens.EmailConfirmationTokenProvider = AccountTokenProvider.Name;
                options.Tokens.ChangeEmailTokenProvider = AccountTokenProvider.Name;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AccountTokenProvider>(AccountTokenProvider.Name);

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "llmcourse.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = SecurityExtensions.RequireHttps(builder) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);

            // APIs answer 401/403; pages redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);

            // Server-side sessions: started at sign-in, checked against the database on every request, ended at
            // sign-out. Their check compares the security stamp too, so Identity's own validator (every 30
            // minutes) has nothing left to add and is not used.
            SignInSessions.Attach(options.Events);
        });

        // Runs after Identity's own post-configuration, which creates the format this wraps.
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider>((options, clock) => options.TicketDataFormat = new CookieTicketCache(options.TicketDataFormat, clock));

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieOrToken;
                options.DefaultAuthenticateScheme = CookieOrToken;
                options.DefaultChallengeScheme = CookieOrToken;
                options.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Sign-in cookie or API token", options =>
                options.ForwardDefaultSelector = context =>
                    ApiTokens.Accepted(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Instructor, p => p.RequireRole(Roles.Instructor));

        builder.Services.AddScoped<UserAdmin>();
        builder.Services.AddScoped<AccountData>();
        builder.Services.AddScoped<ApiTokenService>();
        builder.Services.AddScoped<SignInSessions>();
        builder.Services.AddSingleton<SessionReader>();
        builder.Services.AddSingleton<PasswordTiming>();
        builder.Services.AddSingleton<ApiTokenCache>();
        builder.Services.AddSingleton<ApiTokenUsage>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApiTokenUsage>());
        return builder;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return ApiProblemWriter.WriteAsync(context.HttpContext, status, status == 401 ? "Sign in or send an API token." : "Your account may not do that.");
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
