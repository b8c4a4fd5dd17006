using System.Text;

namespace LlmCourse.Core.Content;

/// <summary>Reads a content folder from disk into the file list <see cref="CourseLoader"/> takes.</summary>
public static class ContentDirectory
{
    /// <summary>
    /// Every <c>*.md</c> under <paramref name="root"/> (UTF-8), with paths relative to it using forward
    /// slashes, in ordinal order. Hidden folders (names starting with '.') are skipped; a missing root gives no files.
    /// </summary>
    public static IReadOnlyList<ContentFile> ReadFiles(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var full = Path.GetFullPath(root);
        return Directory.EnumerateFiles(full, "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(full, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.Split('/').Any(part => part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .Select(relative => new ContentFile(relative, File.ReadAllText(Path.Combine(full, relative), Encoding.UTF8)))
            .ToList();
    }

    /// <summary>
    /// Every file in a week's <c>images/</c> folder (<c>weeks/*/images/*</c>), byte for byte, with paths relative to
    /// <paramref name="root"/>, in ordinal order; hidden files are skipped. Whether each is an acceptable image is the
    /// loader's to decide. A file larger than <see cref="CourseAssets.MaxBytes"/> is read only up to one byte past the
    /// limit: enough to be refused as too big without holding all of it in memory (<see cref="IsTruncated"/>).
    /// </summary>
    public static IReadOnlyList<ContentAsset> ReadAssets(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var weeks = Path.Combine(Path.GetFullPath(root), "weeks");
        if (!Directory.Exists(weeks))
        {
            return [];
        }

        var full = Path.GetFullPath(root);
        return Directory.EnumerateDirectories(weeks)
            .Where(week => !Path.GetFileName(week).StartsWith('.'))
            .Select(week => Path.Combine(week, CourseAssets.ImagesFolder))
            .Where(Directory.Exists)
            .SelectMany(images => Directory.EnumerateFiles(images))
            .Where(path => !Path.GetFileName(path).StartsWith('.'))
            .Select(path => Path.GetRelativePath(full, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative => new ContentAsset(relative, ReadCapped(Path.Combine(full, relative))))
            .ToList();
    }

    /// <summary>Whether an asset read by <see cref="ReadAssets"/> was cut short because the file is over the size limit.</summary>
    public static bool IsTruncated(ContentAsset asset) => asset?.Bytes.Length > CourseAssets.MaxBytes;

    private static byte[] ReadCapped(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(stream.Length, CourseAssets.MaxBytes + 1L)];
        stream.ReadExactly(buffer);
        return buffer;
    }
}
