using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;

namespace LlmCourse.Web.Pages.Instructor;

/// <summary>One stored image of a week as the instructor pages list it.</summary>
/// <param name="Asset">The image as served, or null when it was refused (see <paramref name="Problems"/>).</param>
/// <param name="UsedBy">Where the week shows it ("01-lecture.md line 37").</param>
public sealed record WeekImage(string Name, string Path, long Bytes, CourseAsset? Asset, IReadOnlyList<ContentError> Problems, IReadOnlyList<string> UsedBy)
{
    /// <summary>What to write in a Markdown file of the week to show it.</summary>
    public string Snippet => $"![Describe what it shows]({CourseAssets.ImagesFolder}/{Name})";
}

/// <summary>What the <c>_WeekImages</c> partial lists; with <paramref name="DeleteWeek"/>, each image gets a Delete button.</summary>
public sealed record WeekImageList(IReadOnlyList<WeekImage> Images, int? DeleteWeek);

/// <summary>The images of one week folder, and reading an uploaded image from a form; shared by the editor and the images page.</summary>
public static class WeekImages
{
    public const string Accept = ".svg,.png,.webp,image/svg+xml,image/png,image/webp";

    /// <summary>Form posts carrying an image: generous enough that an image over the limit still arrives and is refused with a clear message.</summary>
    public const int RequestLimit = (8 * CourseAssets.MaxBytes) + (2 * ContentUpload.MaxMarkdownBytes);

    public static IReadOnlyList<WeekImage> For(CourseStore store, ContentRepository repository, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(repository);
        var snapshot = store.Current;
        return [.. store.AssetFiles.Values
            .Select(a => (File: a, Place: CourseAssets.SplitPath(a.Path)))
            .Where(a => a.Place is { } place && place.Folder == folder)
            .OrderBy(a => a.File.Path, StringComparer.Ordinal)
            .Select(a => new WeekImage(
                a.Place!.Value.Name,
                a.File.Path,
                a.File.Bytes.Length,
                snapshot.Assets.GetValueOrDefault(a.File.Path) is { } asset && !snapshot.Errors.Any(e => e.File == a.File.Path) ? asset : null,
                [.. snapshot.Errors.Where(e => e.File == a.File.Path)],
                repository.ImageUsers(a.File.Path)))];
    }

    /// <summary>
    /// Stores an uploaded image in <paramref name="folder"/>; returns the problems that refused it (nothing is
    /// written then). A file over the limit is refused before it is read.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UploadAsync(ContentRepository repository, IFormFile? upload, string folder, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (upload is null || upload.Length == 0)
        {
            return ["Choose an image file: SVG, PNG or WebP."];
        }

        if (upload.Length > CourseAssets.MaxBytes)
        {
            return [$"{upload.FileName}: the image is {upload.Length:N0} bytes; the limit is {CourseAssets.MaxBytes:N0} (1 MiB). Export it smaller, or as SVG."];
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, cancellationToken);
        return await repository.UploadImageAsync(upload.FileName, buffer.ToArray(), folder, actor, cancellationToken);
    }
}
