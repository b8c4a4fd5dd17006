using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Content;

/// <summary>A change to one course file: new text, or null to delete it.</summary>
public sealed record ContentChange(string Path, string? Text);

/// <summary>
/// Writes course files to the database. Every write saves a revision per changed file and an audit entry
/// in the same transaction, seeds the state of weeks seen for the first time from their front matter,
/// then reloads this instance's snapshot (other instances notice the new audit id when they poll).
/// </summary>
public sealed partial class ContentRepository(AppDbContext db, CourseStore store, TimeProvider clock)
{
    public const string FolderActor = "content folder";

    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => db.ContentFiles.AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<ContentFile>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        (await db.ContentFiles.AsNoTracking().OrderBy(f => f.Path).Select(f => new { f.Path, f.Text }).ToListAsync(cancellationToken))
            .Select(f => new ContentFile(f.Path, f.Text))
            .ToList();

    public Task<ContentFileRecord?> FindAsync(string path, CancellationToken cancellationToken = default) =>
        db.ContentFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Path == path, cancellationToken);

    /// <summary>Makes the database hold exactly <paramref name="files"/> (a whole course's Markdown; images are left as they are); returns how many files changed.</summary>
    public Task<int> ImportAsync(IReadOnlyList<ContentFile> files, string actor, string detail, CancellationToken cancellationToken = default) =>
        ImportAsync(files, null, actor, detail, cancellationToken);

    /// <summary>
    /// Makes the database hold exactly <paramref name="files"/> and, unless null, exactly <paramref name="assets"/>
    /// (a whole course with its images), in one change; returns how many files changed.
    /// </summary>
    public async Task<int> ImportAsync(IReadOnlyList<ContentFile> files, IReadOnlyList<ContentAsset>? assets, string actor, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var incoming = files.Select(f => f with { Path = Normalize(f.Path) }).ToList();
        var paths = incoming.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var existing = await db.ContentFiles.Select(f => f.Path).ToListAsync(cancellationToken);
        var changes = incoming.Select(f => new ContentChange(f.Path, f.Text))
            .Concat(existing.Where(p => !paths.Contains(p)).Select(p => new ContentChange(p, null)))
            .ToList();
        var assetChanges = assets is null ? [] : await WholeAssetSetAsync(assets, cancellationToken);
        return await ApplyAsync(changes, assetChanges, actor, "import", "course", detail, cancellationToken);
    }

    /// <summary>Applies the changes that differ from what is stored; writes nothing (no audit entry either) when none do.</summary>
    public Task<int> ApplyAsync(
        IReadOnlyList<ContentChange> changes, string actor, string action, string target, string detail, CancellationToken cancellationToken = default) =>
        ApplyAsync(changes, [], actor, action, target, detail, cancellationToken);

    /// <summary>Applies the file and image changes that differ from what is stored, as one change with one audit entry.</summary>
    public async Task<int> ApplyAsync(
        IReadOnlyList<ContentChange> changes, IReadOnlyList<AssetChange> assets, string actor, string action, string target, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(assets);
        var now = clock.GetUtcNow().UtcDateTime;
        var paths = changes.Select(c => Normalize(c.Path)).Distinct().ToList();
        var rows = await db.ContentFiles.Where(f => paths.Contains(f.Path)).ToDictionaryAsync(f => f.Path, StringComparer.Ordinal, cancellationToken);
        var changed = 0;
        var newWeekFiles = new List<ContentFile>();
        foreach (var change in changes)
        {
            var path = Normalize(change.Path);
            rows.TryGetValue(path, out var row);
            if (change.Text is null)
            {
                if (row is null)
                {
                    continue;
                }

                db.ContentFiles.Remove(row);
                rows.Remove(path);
                db.ContentRevisions.Add(new ContentRevision { Path = path, Text = "", Hash = "", Deleted = true, Author = actor, CreatedAt = now, Action = action });
                changed++;
                continue;
            }

            var hash = ContentRules.Hash(change.Text);
            if (row is not null && row.Hash == hash)
            {
                continue;
            }

            if (row is null)
            {
                row = new ContentFileRecord { Path = path };
                db.ContentFiles.Add(row);
                rows[path] = row;
            }

            row.Text = change.Text;
            row.Hash = hash;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            db.ContentRevisions.Add(new ContentRevision { Path = path, Text = change.Text, Hash = hash, Author = actor, CreatedAt = now, Action = action });
            if (ContentRules.IsWeekFile(path))
            {
                newWeekFiles.Add(new ContentFile(path, change.Text));
            }

            changed++;
        }

        changed += await StageAssetsAsync(assets, actor, now, cancellationToken);
        if (changed == 0)
        {
            return 0;
        }

        await SeedStatesAsync(newWeekFiles, now, cancellationToken);
        db.PublishingAudit.Add(new PublishingAuditEntry { At = now, Actor = actor, Action = action, Target = Clip(target, 300), Detail = Clip($"{detail} ({changed} file{(changed == 1 ? "" : "s")})".Trim(), 2000) });
        await db.SaveChangesAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return changed;
    }

    /// <summary>Renames files (reordering items) in one transaction; their histories follow them.</summary>
    public async Task<bool> MoveAsync(IReadOnlyList<(string From, string To)> renames, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(renames);
        var froms = renames.Select(r => r.From).ToList();
        var rows = await db.ContentFiles.Where(f => froms.Contains(f.Path)).ToDictionaryAsync(f => f.Path, StringComparer.Ordinal, cancellationToken);
        if (rows.Count != renames.Count || renames.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Two steps through temporary names, so swapping two files never trips the unique index on Path.
        foreach (var (from, _) in renames)
        {
            rows[from].Path = $"{from}.{Guid.NewGuid():N}.moving";
        }

        await db.SaveChangesAsync(cancellationToken);

        // Older revisions follow the file, so its history stays whole (again via temporary names).
        foreach (var (from, to) in renames)
        {
            var temporary = to + "\n(moving)";
            await db.ContentRevisions.Where(r => r.Path == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.Path, temporary), cancellationToken);
        }

        foreach (var (_, to) in renames)
        {
            var temporary = to + "\n(moving)";
            await db.ContentRevisions.Where(r => r.Path == temporary).ExecuteUpdateAsync(s => s.SetProperty(r => r.Path, to), cancellationToken);
        }

        foreach (var (from, to) in renames)
        {
            var row = rows[from];
            row.Path = to;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            db.ContentRevisions.Add(new ContentRevision { Path = to, Text = row.Text, Hash = row.Hash, Author = actor, CreatedAt = now, Action = "move" });
        }

        db.PublishingAudit.Add(new PublishingAuditEntry
        {
            At = now,
            Actor = actor,
            Action = "move",
            Target = Clip(string.Join(", ", renames.Select(r => r.To)), 300),
            Detail = Clip(string.Join("; ", renames.Select(r => $"{r.From} -> {r.To}")), 2000),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes every stored file and image under <paramref name="folder"/>, images byte for byte; stale course files
    /// and images there are removed so the folder equals the course. Returns how many files were written.
    /// </summary>
    public async Task<int> ExportAsync(string folder, CancellationToken cancellationToken = default)
    {
        var files = await ReadAllAsync(cancellationToken);
        var assets = await ReadAllAssetsAsync(cancellationToken);
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        var keep = files.Select(f => f.Path).Concat(assets.Select(a => a.Path)).ToHashSet(StringComparer.Ordinal);
        var stale = ContentDirectory.ReadFiles(root).Select(f => f.Path).Where(p => p == ContentRules.CourseFile || p == ContentRules.GlossaryFile || p.StartsWith("weeks/", StringComparison.Ordinal))
            .Concat(ContentDirectory.ReadAssets(root).Select(a => a.Path))
            .Where(p => !keep.Contains(p));
        foreach (var path in stale)
        {
            File.Delete(Path.Combine(root, path));
        }

        string Target(string path)
        {
            var target = Path.GetFullPath(Path.Combine(root, path));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Refusing to export {path} outside {root}.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            return target;
        }

        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Target(file.Path), file.Text, new System.Text.UTF8Encoding(false), cancellationToken);
        }

        foreach (var asset in assets)
        {
            await File.WriteAllBytesAsync(Target(asset.Path), asset.Bytes, cancellationToken);
        }

        return files.Count + assets.Count;
    }

    /// <summary>
    /// Checks an uploaded <c>.md</c> (into <paramref name="weekFolder"/>) or <c>.zip</c> of a week folder completely,
    /// then writes it; any problem refuses the whole upload and nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<string>> UploadAsync(string fileName, byte[] bytes, string? weekFolder, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var name = Path.GetFileName(fileName ?? "");
        UploadResult result;
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            result = ContentUpload.ReadZip(bytes, weekFolder);
        }
        else if (name.EndsWith(".md", StringComparison.Ordinal))
        {
            if (weekFolder is null)
            {
                return ["A Markdown file is uploaded into a week: open the week first, or upload a .zip of a week folder."];
            }

            result = ContentUpload.ReadMarkdown(name, bytes, weekFolder);
        }
        else
        {
            return [$"'{name}' is neither a .md file nor a .zip of a week folder."];
        }

        if (!result.Ok)
        {
            return result.Problems;
        }

        // Parse the course as it would be after the upload; problems in the uploaded files refuse it.
        var current = await ReadAllAsync(cancellationToken);
        var uploaded = result.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var candidate = current.Where(f => !uploaded.Contains(f.Path)).Concat(result.Files).ToList();
        var folders = result.Files.Select(f => f.Path[..f.Path.LastIndexOf('/')]).ToHashSet(StringComparer.Ordinal);
        var before = new CourseLoader().Load(current).Errors.ToHashSet();
        var problems = new CourseLoader().Load(candidate).Errors
            .Where(e => !before.Contains(e))
            .Where(e => uploaded.Contains(e.File) || folders.Any(folder => e.File.StartsWith(folder + "/", StringComparison.Ordinal)))
            .Select(e => e.ToString())
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        await ApplyAsync([.. result.Files.Select(f => new ContentChange(f.Path, f.Text))], actor, "upload", string.Join(", ", folders), $"uploaded {name}", cancellationToken);
        return [];
    }

    public static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    private async Task SeedStatesAsync(List<ContentFile> weekFiles, DateTime now, CancellationToken cancellationToken)
    {
        if (weekFiles.Count == 0)
        {
            return;
        }

        var headers = weekFiles
            .Select(f => CourseLoader.ParseWeek(f).Value)
            .OfType<Week>()
            .GroupBy(w => w.Number)
            .Select(g => g.First())
            .ToList();
        var numbers = headers.Select(w => w.Number).ToList();
        var known = await db.WeekPublications.Where(p => numbers.Contains(p.WeekNumber)).Select(p => p.WeekNumber).ToListAsync(cancellationToken);
        foreach (var week in headers.Where(w => !known.Contains(w.Number)))
        {
            var state = CourseStore.FromFrontMatter(week, "import", DateTimeOffset.MinValue);
            db.WeekPublications.Add(new WeekPublication
            {
                WeekNumber = week.Number,
                State = state.Status.ToString(),
                ReleaseAt = state.ReleaseAt?.UtcDateTime,
                ChangedBy = "front matter",
                ChangedAt = now,
            });
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
