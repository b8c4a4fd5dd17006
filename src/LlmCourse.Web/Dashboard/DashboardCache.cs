using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Announcements;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LlmCourse.Web.Dashboard;

/// <summary>
/// Keeps each learner's rendered dashboard, one copy per browser, and serves it again while nothing on it can have
/// changed. A copy is reused only when all of these still match: the learner's version in the database (bumped
/// by triggers on every write to the rows the dashboard shows, from any instance; DashboardFreshnessTests derive
/// that list from the model and the page's own queries), the course revision and released weeks, the learner's
/// roles (the menu shows them), the latest announcements (<see cref="AnnouncementBoard.Version"/>), and the page's
/// own expiry (the next card falling due, the end of the UTC day). The version comes with the session check that
/// every signed-in request makes (<see cref="SignInSessions"/>), so a hit costs no read of its own, and a copy is
/// only ever served to a session that check has just confirmed. On PostgreSQL that check may use the instance's copy
/// of the session row (<see cref="SessionRowCache"/>), which is never older than the browser's own last write, so
/// neither is the dashboard; others' writes show within a second.
/// A copy belongs to one browser, found by its antiforgery cookie: the page's forms carry the request token made
/// for that cookie, which stays valid for that cookie and learner, so the bytes and the headers the page set are
/// replayed exactly as rendered, with nothing cut out or spliced in.
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

    /// <param name="Headers">The headers the page itself set (antiforgery's no-store and frame options among them).</param>
    private sealed record Page(long Version, string Course, string Roles, DateTimeOffset ValidUntil, KeyValuePair<string, StringValues>[] Headers, byte[] Body);

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
            // A browser's first visit: its antiforgery cookie (the copy's key) is made by this render.
            || request.Cookies[_antiforgeryCookie] is not { Length: > 0 } browser
            // A one-time message to show, or an instructor previewing hidden weeks: render as usual.
            || request.Cookies.ContainsKey(_tempDataCookie) || request.Cookies.ContainsKey(CourseCatalog.PreviewCookie))
        {
            return next(context);
        }

        return ServeAsync(context, next, userId + "\n" + browser, session.LearnerVersion);
    }

    /// <param name="version">Read before rendering: a write landing in between bumps the version past the copy stored below.</param>
    private async Task ServeAsync(HttpContext context, RequestDelegate next, string key, long version)
    {
        var services = context.RequestServices;
        var course = services.GetRequiredService<CourseCatalog>().VisibilityKey() + "|" + services.GetRequiredService<AnnouncementBoard>().Version;
        var roles = string.Join(',', context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal));
        var response = context.Response;
        if (_pages.TryGetValue(key, out Page? page) && page!.Version == version && page.Course == course && page.Roles == roles
            && _clock.GetUtcNow() < page.ValidUntil)
        {
            Interlocked.Increment(ref _hits);
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, value) in page.Headers)
            {
                response.Headers[name] = value;
            }

            response.ContentLength = page.Body.Length;
            await response.Body.WriteAsync(page.Body, context.RequestAborted);
            return;
        }

        var before = response.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
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
        // Not when antiforgery replaced the browser's cookie: the page's token is then for another key. Cookies are
        // not replayed (the render only clears an empty one-time-message cookie the browser does not have).
        if (response.StatusCode == StatusCodes.Status200OK && context.Items[ValidUntilKey] is DateTimeOffset until
            && !response.Headers.SetCookie.Any(c => c is not null && c.StartsWith(_antiforgeryCookie + "=", StringComparison.Ordinal)))
        {
            var set = response.Headers
                .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)
                    && !(before.TryGetValue(h.Key, out var old) && old == h.Value))
                .ToArray();
            _pages.Set(key, new Page(version, course, roles, until, set, body.ToArray()), new MemoryCacheEntryOptions { Size = body.Length + 512 });
        }

        if (!response.HasStarted)
        {
            response.ContentLength = body.Length;
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    public void Dispose() => _pages.Dispose();
}
