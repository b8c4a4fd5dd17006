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
}
