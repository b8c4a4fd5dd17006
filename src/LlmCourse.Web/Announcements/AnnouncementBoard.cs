using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Announcements;

/// <summary>An announcement as pages show it.</summary>
public sealed record AnnouncementView(long Id, string Title, string BodyHtml, string AuthorName, DateTime PostedAt);

/// <summary>
/// The latest announcements, kept in memory per instance so the home page and dashboard do not query for them on
/// every request. The instance that posts one refreshes at once; the others read the table again when their copy
/// is older than <see cref="MaxAge"/>, so a new announcement shows everywhere within that time. <see cref="Version"/>
/// is part of the home page's output-cache key and of the dashboard copy's, so neither serves a page without it.
/// </summary>
public sealed class AnnouncementBoard(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AnnouncementBoard> logger)
{
    public const int Shown = 3;

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot _current = new([], "none", DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyList<AnnouncementView> Latest, string Version, DateTimeOffset ReadAt);

    /// <summary>Changes whenever the latest announcements do (as this instance last read them).</summary>
    public string Version
    {
        get
        {
            RefreshInBackgroundIfOld();
            return _current.Version;
        }
    }

    /// <summary>The latest <see cref="Shown"/>; read from the database first if this instance has never read them.</summary>
    public async Task<IReadOnlyList<AnnouncementView>> LatestAsync(CancellationToken cancellationToken = default)
    {
        if (_current.ReadAt == DateTimeOffset.MinValue)
        {
            try
            {
                await RefreshAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The course pages still render while the database is away; they show no announcements until it is back.
                logger.LogWarning(ex, "Could not read the latest announcements");
            }
        }
        else
        {
            RefreshInBackgroundIfOld();
        }

        return _current.Latest;
    }

    /// <summary>Reads the latest announcements now (after posting one; on first use).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var latest = await db.Announcements.AsNoTracking()
                .OrderByDescending(a => a.PostedAt).ThenByDescending(a => a.Id)
                .Take(Shown)
                .Select(a => new AnnouncementView(a.Id, a.Title, a.BodyHtml, a.AuthorName, a.PostedAt))
                .ToListAsync(cancellationToken);
            var version = latest.Count == 0 ? "none" : string.Join(',', latest.Select(a => a.Id));
            _current = new Snapshot(latest, version, clock.GetUtcNow());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void RefreshInBackgroundIfOld()
    {
        if (clock.GetUtcNow() - _current.ReadAt < MaxAge || _refreshing.CurrentCount == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception ex)
            {
                // Pages keep the copy they have; the next request tries again.
                logger.LogWarning(ex, "Could not read the latest announcements");
            }
        });
    }
}
