using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Authenticates scripts that send <c>Authorization: Bearer llmc_…</c> with a personal token, on the JSON API
/// only (<see cref="ApiTokens.Accepted"/>). The token is looked up by its SHA-256 hash (then kept in
/// <see cref="ApiTokenCache"/> for a few seconds); revoked tokens and tokens of deleted users fail. The time of use
/// goes to <see cref="ApiTokenUsage"/>, which writes it behind the request.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    IOptions<IdentityOptions> identityOptions,
    ApiTokenCache cache,
    ApiTokenUsage usage,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>A live token's owner with the roles, in one query (compiled once: a burst of new tokens is common).</summary>
    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<TokenOwner?>>> FindOwner = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string hash, CancellationToken ct) =>
            (from t in db.ApiTokens.AsNoTracking()
             where t.TokenHash == hash && t.RevokedAt == null
             join u in db.Users on t.UserId equals u.Id
             select new TokenOwner(
                 t.Id,
                 u.Id,
                 u.UserName,
                 u.Email,
                 u.SecurityStamp,
                 (from ur in db.UserRoles where ur.UserId == u.Id join r in db.Roles on ur.RoleId equals r.Id select r.Name).ToList()))
            .FirstOrDefault()));

    private sealed record TokenOwner(long TokenId, string UserId, string? UserName, string? Email, string? SecurityStamp, List<string?> Roles);

    /// <summary>
    /// The claims Identity's principal factory gives a signed-in user (id, name, email, security stamp, roles),
    /// built from the row already read instead of three more queries. The app stores no user or role claims.
    /// </summary>
    internal static List<Claim> ClaimsOf(ClaimsIdentityOptions types, string userId, string? userName, string? email, string? securityStamp, IEnumerable<string?> roles)
    {
        var claims = new List<Claim> { new(types.UserIdClaimType, userId), new(types.UserNameClaimType, userName ?? "") };
        if (email is not null)
        {
            claims.Add(new(types.EmailClaimType, email));
        }

        if (securityStamp is not null)
        {
            claims.Add(new(types.SecurityStampClaimType, securityStamp));
        }

        claims.AddRange(roles.OfType<string>().Select(role => new Claim(types.RoleClaimType, role)));
        return claims;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiTokens.Accepted(Request) || !ApiTokens.TryReadBearer(Request, out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiTokens.Hash(token);
        if (!cache.TryGet(hash, out var known))
        {
            var found = await FindOwner.For(db)(db, hash, Context.RequestAborted);
            if (found is null)
            {
                return AuthenticateResult.Fail("Invalid or revoked API token.");
            }

            var claims = ClaimsOf(identityOptions.Value.ClaimsIdentity, found.UserId, found.UserName, found.Email, found.SecurityStamp, found.Roles);
            known = cache.Set(hash, found.TokenId, found.UserId, claims);
        }

        usage.Record(known.TokenId, clock.GetUtcNow().UtcDateTime);

        var identity = new ClaimsIdentity(known.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "The API token is missing, invalid or revoked.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ApiProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "This token's account may not do that.");
    }
}

/// <summary>Writes RFC 9457 problem details, so API callers never get the site's HTML error pages.</summary>
public static class ApiProblemWriter
{
    /// <summary>As <c>application/problem+json</c> whatever the caller's <c>Accept</c> header says (the result falls back to plain JSON writing).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status)).ExecuteAsync(context);
}

public static class ApiTokens
{
    public const string Prefix = "llmc_";

    /// <summary>Where a token is a credential: the JSON API, which has no account or token management.</summary>
    public static readonly PathString Scope = "/api/v1";

    /// <summary>
    /// Whether this request authenticates with its bearer token. Outside <see cref="Scope"/> (account pages, data
    /// export, creating more tokens) a token counts for nothing, so a leaked token cannot outlive its revocation
    /// or reach beyond the API.
    /// </summary>
    public static bool Accepted(HttpRequest request) =>
        request.Path.StartsWithSegments(Scope, StringComparison.OrdinalIgnoreCase) && TryReadBearer(request, out _);

    public static string NewToken() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool TryReadBearer(HttpRequest request, out string token)
    {
        token = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header["Bearer ".Length..].Trim();
        return token.Length > 0;
    }
}
