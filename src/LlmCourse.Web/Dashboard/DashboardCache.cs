using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Announcements;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Dashboard;

/// <summary>
/// Keeps each learner's rendered dashboard and serves it again while nothing on it can have changed. A copy
/// is reused only when all of these still match: the learner's version in the database (bumped by triggers
/// on every progress and study write, from any instance), the course revision and released weeks, the
/// learner's roles (the menu shows them), the latest announcements (<see cref="AnnouncementBoard.Version"/>), and the page's own expiry (the next card falling due, the end of the
/// UTC day). The version comes with the session check that every signed-in request makes
/// (<see cref="SignInSessions"/>), so a hit costs no read of its own, and a copy is only ever served to a
/// session the database has just confirmed. The antiforgery token is not part of the copy: every response gets
/// this browser's own, spliced in where the page had it.
/// </summary>
public sealed class DashboardCache : IDisposable
{
    public const string PagePath = "/dashboard";

    /// <summary>Memory for all copies together; the least recently used go first when it is full.</summary>
    public const long MaxBytes = 32 * 1024 * 1024;

    private static readonly object ValidUntilKey = new();

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = MaxBytes });
    private readonly TimeProvider _clock;
    private readonly string _tempDataCookie;
    private readonly string _antiforgeryCookie;
    private long _hits;

    public DashboardCache(TimeProvider clock, IOptions<CookieTempDataProviderOptions> tempData, IOptions<AntiforgeryOptions> antiforgery)
    {
        _clock = clock;
        _tempDataCookie = tempData.Value.Cookie.Name!;
        _antiforgeryCookie = antiforgery.Value.Cookie.Name!;
    }

    private sealed record Page(long Version, string Course, string Roles, DateTimeOffset ValidUntil, string ContentType, byte[][] AroundToken)
    {
        public const int MaxBrowsers = 16;

        /// <summary>Request tokens already made for this learner, by antiforgery cookie (one per browser).</summary>
        public ConcurrentDictionary<string, byte[]> Tokens { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Copies kept now (for tests and diagnostics).</summary>
    public int Count => _pages.Count;

    /// <summary>Dashboards served from a copy since start (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Called by the dashboard page: when its content goes stale with no write at all.</summary>
    public static void ValidUntil(HttpContext context, DateTimeOffset until) => context.Items[ValidUntilKey] = until;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !request.Path.Equals(PagePath, StringComparison.OrdinalIgnoreCase) || request.QueryString.HasValue
            || ProgressReader.UserId(context.User) is not { } userId
            // Only for a session confirmed by the database on this request (not when it could not be asked).
            || SignInSessions.Current(context) is not { } session
            // A one-time message to show, or an instructor previewing hidden weeks: render as usual.
            || request.Cookies.ContainsKey(_tempDataCookie) || request.Cookies.ContainsKey(CourseCatalog.PreviewCookie))
        {
            return next(context);
        }

        return ServeAsync(context, next, userId, session.LearnerVersion);
    }

    /// <param name="version">Read before rendering: a write landing in between bumps the version past the copy stored below.</param>
    private async Task ServeAsync(HttpContext context, RequestDelegate next, string userId, long version)
    {
        var services = context.RequestServices;
        var course = services.GetRequiredService<CourseCatalog>().VisibilityKey() + "|" + services.GetRequiredService<AnnouncementBoard>().Version;
        var roles = string.Join(',', context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        if (_pages.TryGetValue(userId, out Page? page) && page!.Version == version && page.Course == course && page.Roles == roles
            && _clock.GetUtcNow() < page.ValidUntil)
        {
            Interlocked.Increment(ref _hits);
            await WriteAsync(context, page, TokenFor(context, page, antiforgery));
            return;
        }

        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (response.StatusCode == StatusCodes.Status200OK && context.Items[ValidUntilKey] is DateTimeOffset until
            && response.ContentType is { } contentType && antiforgery.GetAndStoreTokens(context).RequestToken is { } token)
        {
            var parts = Split(body.Span, Encoding.ASCII.GetBytes(token));
            _pages.Set(userId, new Page(version, course, roles, until, contentType, parts), new MemoryCacheEntryOptions { Size = body.Length + 256 });
        }

        if (!response.HasStarted)
        {
            response.ContentLength = body.Length;
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// This browser's request token. Making one costs two data-protection operations; a token stays valid for
    /// its antiforgery cookie and user, so the one made for a cookie this learner sent before is sent again.
    /// </summary>
    private byte[] TokenFor(HttpContext context, Page page, IAntiforgery antiforgery)
    {
        var cookie = context.Request.Cookies[_antiforgeryCookie];
        if (cookie is not null && page.Tokens.TryGetValue(cookie, out var known))
        {
            // What GetAndStoreTokens would have set.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return known;
        }

        var token = Encoding.ASCII.GetBytes(antiforgery.GetAndStoreTokens(context).RequestToken!);

        // Only for a cookie the antiforgery system accepted (it set no new one in its place).
        if (cookie is not null && page.Tokens.Count < Page.MaxBrowsers
            && !context.Response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(_antiforgeryCookie + "=", StringComparison.Ordinal)))
        {
            page.Tokens.TryAdd(cookie, token);
        }

        return token;
    }

    private static async Task WriteAsync(HttpContext context, Page page, byte[] token)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        response.ContentLength = page.AroundToken.Sum(p => (long)p.Length) + (long)token.Length * (page.AroundToken.Length - 1);

        // Copied into the response pipe and sent with one flush, not one per part.
        var writer = response.BodyWriter;
        for (var i = 0; i < page.AroundToken.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(token);
            }

            writer.Write(page.AroundToken[i]);
        }

        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The body cut at every occurrence of the token: n occurrences give n + 1 parts.</summary>
    private static byte[][] Split(ReadOnlySpan<byte> body, ReadOnlySpan<byte> token)
    {
        var parts = new List<byte[]>();
        int at;
        while ((at = body.IndexOf(token)) >= 0)
        {
            parts.Add(body[..at].ToArray());
            body = body[(at + token.Length)..];
        }

        parts.Add(body.ToArray());
        return [.. parts];
    }

    public void Dispose() => _pages.Dispose();
}
