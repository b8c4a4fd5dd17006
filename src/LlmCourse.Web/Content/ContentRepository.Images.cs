using LlmCourse.Core.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Content;

/// <summary>A change to one course image: new bytes, or null to delete it.</summary>
public sealed record AssetChange(string Path, byte[]? Bytes);

/// <summary>The course's images: stored in the database beside the Markdown, written with the same audit trail.</summary>
public sealed partial class ContentRepository
{
    /// <summary>Every stored image, byte for byte, ordered by path.</summary>
    public async Task<IReadOnlyList<ContentAsset>> ReadAllAssetsAsync(CancellationToken cancellationToken = default) =>
        (await db.ContentAssets.AsNoTracking().OrderBy(a => a.Path).Select(a => new { a.Path, a.Bytes }).ToListAsync(cancellationToken))
            .Select(a => new ContentAsset(a.Path, a.Bytes))
            .ToList();

    /// <summary>
    /// Checks an uploaded image completely (name, size, type by content, SVG safety) and stores it in week folder
    /// <paramref name="weekFolder"/>'s <c>images/</c>, replacing an image of the same name. Returns the problems that
    /// refused it; when there are any, nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<string>> UploadImageAsync(string? fileName, byte[] bytes, string weekFolder, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var result = ContentUpload.ReadImage(fileName, bytes, weekFolder);
        if (!result.Ok)
        {
            return result.Problems;
        }

        var asset = result.Asset!;
        await ApplyAsync([], [new AssetChange(asset.Path, bytes)], actor, "image-upload", asset.Path, $"uploaded {asset.Name}, {bytes.Length:N0} bytes", cancellationToken);
        return [];
    }

    /// <summary>
    /// Deletes image <paramref name="name"/> of week folder <paramref name="weekFolder"/>. Refused while a file of
    /// the week still shows it, so deleting can never leave learners a hole where a picture was.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteImageAsync(string weekFolder, string name, string actor, CancellationToken cancellationToken = default)
    {
        var path = CourseAssets.PathIn(weekFolder, name);
        if (CourseAssets.SplitPath(path) is null || !await db.ContentAssets.AnyAsync(a => a.Path == path, cancellationToken))
        {
            return [$"This week has no image called {name}."];
        }

        var users = ImageUsers(path);
        if (users.Count > 0)
        {
            return [$"{CourseAssets.ImagesFolder}/{name} is still shown by {string.Join(", ", users)}. Remove it there first."];
        }

        await ApplyAsync([], [new AssetChange(path, null)], actor, "image-delete", path, $"deleted {name}", cancellationToken);
        return [];
    }

    /// <summary>Where the course shows the image at <paramref name="path"/>: "01-lecture.md line 37", in file order.</summary>
    public IReadOnlyList<string> ImageUsers(string path)
    {
        var weeks = store.Current.Course.Weeks;
        return [.. weeks.SelectMany(w => w.Items.Select(i => (i.SourceFile, i.Images)).Prepend((w.SourceFile, w.Images)))
            .SelectMany(f => f.Images.Where(i => i.Path == path).Select(i => $"{Path.GetFileName(f.SourceFile)} line {i.Line}"))];
    }

    /// <summary>Stages image changes that differ from what is stored; returns how many do. Saved by the caller.</summary>
    private async Task<int> StageAssetsAsync(IReadOnlyList<AssetChange> changes, string actor, DateTime now, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        var paths = changes.Select(c => Normalize(c.Path)).Distinct().ToList();
        var rows = await db.ContentAssets.Where(a => paths.Contains(a.Path)).ToDictionaryAsync(a => a.Path, StringComparer.Ordinal, cancellationToken);
        var changed = 0;
        foreach (var change in changes)
        {
            var path = Normalize(change.Path);
            rows.TryGetValue(path, out var row);
            if (change.Bytes is null)
            {
                if (row is not null)
                {
                    db.ContentAssets.Remove(row);
                    rows.Remove(path);
                    changed++;
                }

                continue;
            }

            // Callers check sizes first and tell the author; this only guards the database.
            if (change.Bytes.Length > CourseAssets.MaxBytes)
            {
                throw new ArgumentException($"{path} is over the {CourseAssets.MaxBytes:N0}-byte limit for images.", nameof(changes));
            }

            var hash = ContentRules.Hash(change.Bytes);
            if (row is not null && row.Hash == hash)
            {
                continue;
            }

            if (row is null)
            {
                row = new ContentAssetRecord { Path = path };
                db.ContentAssets.Add(row);
                rows[path] = row;
            }

            row.Bytes = change.Bytes;
            row.Hash = hash;
            row.UpdatedAt = now;
            row.UpdatedBy = actor;
            changed++;
        }

        return changed;
    }

    /// <summary>The changes that make the stored images exactly <paramref name="assets"/>.</summary>
    private async Task<List<AssetChange>> WholeAssetSetAsync(IReadOnlyList<ContentAsset> assets, CancellationToken cancellationToken)
    {
        var incoming = assets.Select(a => new AssetChange(Normalize(a.Path), a.Bytes)).ToList();
        var paths = incoming.Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        var existing = await db.ContentAssets.Select(a => a.Path).ToListAsync(cancellationToken);
        return [.. incoming, .. existing.Where(p => !paths.Contains(p)).Select(p => new AssetChange(p, null))];
    }
}
