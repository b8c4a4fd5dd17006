using System.Security.Claims;
using System.Security.Cryptography;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Server-side sign-in sessions. Every sign-in cookie names a <see cref="UserSession"/> row, and on every request
/// (<see cref="ValidateAsync"/>) the row must still exist, belong to the cookie's account, and the account's
/// security stamp must still be the one the cookie was issued with. So signing out ends that cookie for good,
/// and changing the password, resetting it or changing the role (each changes the stamp) ends every other
/// session of the account at once. The check asks the database, or on PostgreSQL this instance's copy of the row
/// while the database's notices keep it current (<see cref="SessionRowCache"/>): at once on the instance that made
/// the change, within a second on the others.
/// </summary>
public sealed class SignInSessions(AppDbContext db, TimeProvider clock, SessionRowCache rows)
{
    /// <summary>The claim in the sign-in cookie that names its session.</summary>
    public const string ClaimType = "llmcourse:session";

    private static readonly object VerifiedKey = new();
    private static readonly object StartedKey = new();

    /// <summary>A session checked against the database during this request.</summary>
    /// <param name="LearnerVersion">Read in the same query; the dashboard copy is reused only while it is unchanged.</param>
    public sealed record Verified(string SessionId, long LearnerVersion);

    /// <summary>This request's session as checked against the database; null when none was (anonymous, API token, or the database unreachable).</summary>
    public static Verified? Current(HttpContext context) => context.Items[VerifiedKey] as Verified;

    /// <summary>The session a sign-in during this request started (the cookie being issued), if any.</summary>
    public static string? Started(HttpContext context) => context.Items[StartedKey] as string;

    /// <summary>Records a new session for <paramref name="userId"/> and returns its id; the account's expired sessions are tidied away.</summary>
    public async Task<string> StartAsync(string userId, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        db.UserSessions.Add(new UserSession { Id = id, UserId = userId, CreatedAt = now, ExpiresAt = expires.UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Ends a session; this instance forgets its copy at once rather than waiting for the notice.</summary>
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        rows.SessionChanged(sessionId);
    }

    /// <summary>Ends every session of the account except <paramref name="keep"/> (the browser that asked, if any).</summary>
    public async Task<int> EndAllAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(cancellationToken);
        rows.AccountChanged(userId);
        return ended;
    }

    /// <summary>The session named by a principal's cookie, if any.</summary>
    public static string? IdOf(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimType);

    /// <summary>The cookie events that keep sessions: wired where the sign-in cookie is configured (Hosting, AddAccounts).</summary>
    internal static void Attach(CookieAuthenticationEvents events)
    {
        events.OnSigningIn = SigningInAsync;
        events.OnValidatePrincipal = ValidateAsync;
        events.OnCheckSlidingExpiration = RenewingAsync;
        events.OnSigningOut = SigningOutAsync;
    }

    /// <summary>Each sign-in (and each re-issue of the cookie, as after a password change) starts a new session.</summary>
    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.FindFirst(ClaimTypes.NameIdentifier)?.Value is not { } userId)
        {
            return;
        }

        var expires = context.Properties.ExpiresUtc ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() + context.Options.ExpireTimeSpan;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        var id = await sessions.StartAsync(userId, expires, context.HttpContext.RequestAborted);
        foreach (var old in identity.FindAll(ClaimType).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(ClaimType, id));
        context.HttpContext.Items[StartedKey] = id;
    }

    /// <summary>
    /// Runs on every request that carries a sign-in cookie, after the cookie is read (perhaps from
    /// <see cref="CookieTicketCache"/>): the session row, which also brings the learner's version, from a trusted
    /// copy no older than the browser's last write, else one read. Only a row just read may end a session.
    /// </summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal!;
        var stampType = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (IdOf(principal) is not { } sessionId || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            // Cookies from before sessions were kept, or not made by this site's sign-in.
            await RejectAsync(context);
            return;
        }

        var stamp = principal.FindFirstValue(stampType);
        var rows = http.RequestServices.GetRequiredService<SessionRowCache>();
        var written = http.RequestServices.GetService<LearnerVersionCookie>()?.VersionFor(http.Request, userId) ?? 0;
        var row = rows.TryGet(sessionId, written);
        try
        {
            // A copy that refuses is read again: a new cookie may be ahead of a notice still on its way.
            if (row is null || !Matches(row, userId, stamp))
            {
                row = await rows.ReadAsync(sessionId, http.RequestAborted);
            }
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            // Nothing personal can be read without the database anyway, so the learner keeps seeing course pages
            // as themselves (with the "progress cannot be saved" notice); no role is trusted unchecked.
            context.ReplacePrincipal(WithoutRoles(principal));
            return;
        }

        if (row is null || !Matches(row, userId, stamp))
        {
            if (row is not null && row.UserId == userId)
            {
                // The stamp moved on (password, role): this session is over, and its row is tidied now.
                await http.RequestServices.GetRequiredService<SignInSessions>().EndAsync(sessionId, http.RequestAborted);
            }

            await RejectAsync(context);
            return;
        }

        http.Items[VerifiedKey] = new Verified(sessionId, row.LearnerVersion);
    }

    private static bool Matches(SessionRow row, string userId, string? stamp) =>
        row.UserId == userId && string.Equals(row.SecurityStamp, stamp, StringComparison.Ordinal);

    /// <summary>Sliding expiration re-issues the cookie now and then; the row's expiry follows it.</summary>
    private static async Task RenewingAsync(CookieSlidingExpirationContext context)
    {
        if (context.ShouldRenew && context.Principal is { } principal && IdOf(principal) is { } sessionId)
        {
            var until = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime + context.Options.ExpireTimeSpan;
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, until), context.HttpContext.RequestAborted);
        }
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        if (IdOf(context.HttpContext.User) is { } sessionId)
        {
            await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAsync(sessionId, context.HttpContext.RequestAborted);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();

        // Deletes the cookie, so the browser stops sending it.
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static ClaimsPrincipal WithoutRoles(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        var kept = new ClaimsIdentity(identity.Claims.Where(c => c.Type != identity.RoleClaimType), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        return new ClaimsPrincipal(kept);
    }
}
