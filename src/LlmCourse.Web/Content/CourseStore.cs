using LlmCourse.Core.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Content;

/// <summary>
/// Holds the current course snapshot, built from the course files and week states in the database.
/// Reloading parses only the files that changed (the loader caches the rest) and swaps everything in one
/// reference assignment, so readers never see a half-built course. Each week's <see cref="Week.Published"/>
/// and <see cref="Week.ReleaseAt"/> come from its stored state, so every visibility check in the site
/// (<see cref="Week.IsVisibleAt"/>) follows what instructors set, not the front matter.
/// </summary>
public sealed class CourseStore(CourseLoader loader, IServiceScopeFactory scopes, ILogger<CourseStore> logger)
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private volatile Loaded? _loaded;

    /// <summary>Raised after a reload produced a different course or different week states.</summary>
    public event Action<CourseSnapshot>? Changed;

    public CourseSnapshot Current => _loaded?.Snapshot ?? throw new InvalidOperationException("The course has not been loaded yet.");

    public bool IsLoaded => _loaded is not null;

    /// <summary>Stored states by week number (weeks without one keep their front matter's).</summary>
    public IReadOnlyDictionary<int, WeekState> States => _loaded?.States ?? new Dictionary<int, WeekState>();

    /// <summary>The source text of every course file, by path.</summary>
    public IReadOnlyDictionary<string, string> Files => _loaded?.Files ?? new Dictionary<string, string>();

    /// <summary>Every stored image by path, as stored (refused ones too; <see cref="CourseSnapshot.Assets"/> holds the usable ones).</summary>
    public IReadOnlyDictionary<string, ContentAsset> AssetFiles =>
        _loaded?.Assets.ToDictionary(a => a.Key, a => a.Value.Asset, StringComparer.Ordinal) ?? new Dictionary<string, ContentAsset>();

    /// <summary>The database's change sequence (latest audit entry id) this snapshot reflects.</summary>
    public long Sequence => _loaded?.Sequence ?? -1;

    /// <summary>The stored state of <paramref name="week"/>, or one derived from its front matter.</summary>
    public WeekState StateOf(Week week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return States.TryGetValue(week.Number, out var state) ? state : FromFrontMatter(week, "front matter", DateTimeOffset.MinValue);
    }

    public static WeekState FromFrontMatter(Week week, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(week);
        var status = !week.Published ? PublicationStatus.Draft : week.ReleaseAt is null ? PublicationStatus.Published : PublicationStatus.Scheduled;
        return new WeekState(week.Number, status, status == PublicationStatus.Scheduled ? week.ReleaseAt : null, actor, at);
    }

    /// <summary>Reads files and states from the database and rebuilds the snapshot if anything changed.</summary>
    public async Task<CourseSnapshot> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

            // The sequence is read first: a change committed meanwhile is then seen again by the next poll.
            var sequence = await db.PublishingAudit.MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
            var rows = await db.ContentFiles.AsNoTracking().OrderBy(f => f.Path).Select(f => new { f.Path, f.Text }).ToListAsync(cancellationToken);
            var states = (await db.WeekPublications.AsNoTracking().ToListAsync(cancellationToken))
                .ToDictionary(p => p.WeekNumber, ToState);

            var previous = _loaded;
            var assets = await ReadAssetsAsync(db, previous?.Assets, cancellationToken);
            var files = rows.Select(r => new ContentFile(r.Path, r.Text)).ToList();
            var content = loader.Load(files, [.. assets.Values.Select(a => a.Asset)], previous?.Content);
            var changed = previous is null || previous.Content.Revision != content.Revision || !SameStates(previous.States, states);
            if (!changed)
            {
                _loaded = previous! with { Assets = assets, Sequence = sequence };
                return previous.Snapshot;
            }

            foreach (var error in content.Errors)
            {
                logger.LogWarning("Content problem: {Problem}", error.ToString());
            }

            var weeks = content.Course.Weeks.Select(w => states.TryGetValue(w.Number, out var s) ? Apply(w, s) : w).ToList();
            var snapshot = content with { Course = content.Course with { Weeks = weeks } };
            _loaded = new Loaded(content, snapshot, states, rows.ToDictionary(r => r.Path, r => r.Text, StringComparer.Ordinal), assets, sequence);
            logger.LogInformation(
                "Course loaded: revision {Revision}, {Weeks} weeks, {Items} items, {Errors} problems",
                snapshot.Revision, weeks.Count, weeks.Sum(w => w.Items.Count), snapshot.Errors.Count);
            Changed?.Invoke(snapshot);
            return snapshot;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>
    /// The stored images by path. Only images whose hash is new to this instance are read with their bytes;
    /// the others are taken from the previous load, so a reload does not copy every image out of the database.
    /// </summary>
    private static async Task<Dictionary<string, StoredAsset>> ReadAssetsAsync(AppDbContext db, IReadOnlyDictionary<string, StoredAsset>? previous, CancellationToken cancellationToken)
    {
        var listed = await db.ContentAssets.AsNoTracking().Select(a => new { a.Path, a.Hash }).ToListAsync(cancellationToken);
        var assets = new Dictionary<string, StoredAsset>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var row in listed)
        {
            if (previous is not null && previous.TryGetValue(row.Path, out var known) && known.Hash == row.Hash)
            {
                assets[row.Path] = known;
            }
            else
            {
                missing.Add(row.Path);
            }
        }

        if (missing.Count > 0)
        {
            var fetched = await db.ContentAssets.AsNoTracking().Where(a => missing.Contains(a.Path)).Select(a => new { a.Path, a.Hash, a.Bytes }).ToListAsync(cancellationToken);
            foreach (var row in fetched)
            {
                assets[row.Path] = new StoredAsset(row.Hash, new ContentAsset(row.Path, row.Bytes));
            }
        }

        return assets;
    }

    internal static WeekState ToState(WeekPublication p) => new(
        p.WeekNumber,
        Enum.TryParse<PublicationStatus>(p.State, out var status) ? status : PublicationStatus.Draft,
        p.ReleaseAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
        p.ChangedBy,
        new DateTimeOffset(DateTime.SpecifyKind(p.ChangedAt, DateTimeKind.Utc)));

    private static Week Apply(Week week, WeekState state) => week with
    {
        Published = state.Status != PublicationStatus.Draft,
        ReleaseAt = state.Status == PublicationStatus.Scheduled ? state.ReleaseAt : null,
    };

    private static bool SameStates(IReadOnlyDictionary<int, WeekState> a, IReadOnlyDictionary<int, WeekState> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other == kv.Value);

    private sealed record StoredAsset(string Hash, ContentAsset Asset);

    private sealed record Loaded(
        CourseSnapshot Content,
        CourseSnapshot Snapshot,
        IReadOnlyDictionary<int, WeekState> States,
        IReadOnlyDictionary<string, string> Files,
        IReadOnlyDictionary<string, StoredAsset> Assets,
        long Sequence);
}
