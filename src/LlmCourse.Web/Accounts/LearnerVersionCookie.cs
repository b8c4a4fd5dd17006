using System.Collections.Concurrent;
using System.Globalization;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.DataProtection;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Read-your-writes across instances. After a request by a signed-in browser that wrote and moved the learner's
/// version, the response carries that version in a cookie, protected with the shared key ring and bound to the
/// learner. Any instance then trusts a copy of the session row (and so a dashboard copy) only if its version is at
/// least the cookie's (<see cref="SessionRowCache.TryGet"/>), so the learner's own write shows on the very next
/// request even before the database's notice reaches that instance. Others' changes arrive by notice alone.
/// A cookie that does not unprotect, or names another learner, counts as none.
/// </summary>
public sealed class LearnerVersionCookie(IDataProtectionProvider protection, bool secure)
{
    public const string Name = "llmcourse.version";

    /// <summary>Cookies remembered once read (unprotecting costs as much as the rest of a cached page).</summary>
    public const int MaxRemembered = 4096;

    private readonly IDataProtector _protector = protection.CreateProtector("LlmCourse.LearnerVersion.v1");
    private readonly ConcurrentDictionary<string, Payload?> _read = new(StringComparer.Ordinal);

    private sealed record Payload(string UserId, long Version);

    public string Protect(string userId, long version) => _protector.Protect(userId + "\n" + version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The version the browser last wrote as <paramref name="userId"/>; 0 when it says nothing valid.</summary>
    public long VersionFor(HttpRequest request, string userId)
    {
        if (request.Cookies[Name] is not { Length: > 0 } text)
        {
            return 0;
        }

        if (!_read.TryGetValue(text, out var payload))
        {
            payload = Unprotect(text);
            if (_read.Count >= MaxRemembered)
            {
                _read.Clear();
            }

            _read[text] = payload;
        }

        return payload is not null && payload.UserId == userId ? payload.Version : 0;
    }

    /// <summary>Middleware, after authentication: sets the cookie on responses to requests that wrote.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (SignInSessions.Current(context) is not { } session || ProgressReader.UserId(context.User) is not { } userId)
        {
            await next(context);
            return;
        }

        // Async, so the watch ends with this request's flow.
        var writes = RequestWrites.Begin();
        context.Response.OnStarting(() => writes.Wrote ? SetAsync(context, userId, session) : Task.CompletedTask);
        await next(context);
    }

    private async Task SetAsync(HttpContext context, string userId, SignInSessions.Verified session)
    {
        SessionRow? row;
        try
        {
            // Also refreshes this instance's copy of the row.
            row = await context.RequestServices.GetRequiredService<SessionRowCache>().ReadAsync(session.SessionId, context.RequestAborted);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            return;
        }

        if (row is not null && row.UserId == userId && row.LearnerVersion > Math.Max(session.LearnerVersion, VersionFor(context.Request, userId)))
        {
            context.Response.Cookies.Append(Name, Protect(userId, row.LearnerVersion), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = secure || context.Request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
        }
    }

    private Payload? Unprotect(string text)
    {
        try
        {
            var parts = _protector.Unprotect(text).Split('\n');
            return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? new Payload(parts[0], version)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
