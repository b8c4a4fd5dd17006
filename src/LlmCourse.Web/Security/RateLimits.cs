using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace LlmCourse.Web.Security;

/// <summary>Per-minute limits (<c>RateLimits:*</c>); a rejected request gets 429 and <c>Retry-After</c>.</summary>
public sealed class RateLimitOptions
{
    public int SignInPerMinute { get; set; } = 10;

    public int RegisterPerMinute { get; set; } = 5;

    public int TokenCreationPerMinute { get; set; } = 5;

    /// <summary>Password confirmations by a signed-in learner (changing the password, deleting the account).</summary>
    public int PasswordChecksPerMinute { get; set; } = 5;

    public int ApiPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string TokenCreation = "token-creation";
    public const string PasswordCheck = "password-check";
    public const string Api = "api";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static void Configure(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
            context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                await ApiProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, $"Too many requests; try again in {retryAfter} seconds.");
            }
        };

        // Only the attempts count: showing the sign-in or registration form is free.
        options.AddPolicy(SignIn, http => PostsOnly(http, $"sign-in:{ClientIp(http)}", limits.SignInPerMinute));
        options.AddPolicy(Register, http => PostsOnly(http, $"register:{ClientIp(http)}", limits.RegisterPerMinute));
        options.AddPolicy(PasswordCheck, http => PostsOnly(http, $"password:{UserOrIp(http)}", limits.PasswordChecksPerMinute));
        options.AddPolicy(TokenCreation, http => HandlerPostsOnly(http, "CreateToken", $"tokens:{UserOrIp(http)}", limits.TokenCreationPerMinute));
        options.AddPolicy(Api, http => Fixed($"api:{UserOrIp(http)}", limits.ApiPerMinute));
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext http, string key, int limit) =>
        HttpMethods.IsPost(http.Request.Method) ? Fixed(key, limit) : RateLimitPartition.GetNoLimiter("free");

    /// <summary>Posts that Razor Pages will dispatch to the page handler <paramref name="handler"/>; the page's other handlers are free.</summary>
    private static RateLimitPartition<string> HandlerPostsOnly(HttpContext http, string handler, string key, int limit) =>
        HttpMethods.IsPost(http.Request.Method) && string.Equals(DispatchedHandler(http), handler, StringComparison.OrdinalIgnoreCase)
            ? Fixed(key, limit)
            : RateLimitPartition.GetNoLimiter("free");

    /// <summary>
    /// The handler name Razor Pages dispatches on, by its own rule: the <c>handler</c> route value, else the
    /// first <c>handler</c> query value. Reading the query as one joined string (<c>CreateToken,x</c> for
    /// <c>?handler=CreateToken&amp;handler=x</c>) would let a repeated parameter slip past a limit.
    /// </summary>
    public static string? DispatchedHandler(HttpContext http)
    {
        if (Convert.ToString(http.GetRouteValue("handler"), CultureInfo.InvariantCulture) is { Length: > 0 } routed)
        {
            return routed;
        }

        return http.Request.Query.TryGetValue("handler", out var values) ? values[0] : null;
    }

    private static RateLimitPartition<string> Fixed(string key, int limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit),
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserOrIp(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + ClientIp(http);
}
