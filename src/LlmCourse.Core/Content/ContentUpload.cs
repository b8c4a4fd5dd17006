using System.IO.Compression;
using System.Text;

namespace LlmCourse.Core.Content;

/// <summary>What an upload would write: files with content-root paths, or the reasons it is refused.</summary>
public sealed record UploadResult(IReadOnlyList<ContentFile> Files, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    internal static UploadResult Refused(params string[] problems) => new([], problems);
}

/// <summary>
/// Reads an uploaded <c>.md</c> file or a <c>.zip</c> of a week folder without writing anything: limits on
/// size, strict UTF-8, no paths outside the week (zip slip), Markdown files only, at one level.
/// Whether the files parse is checked by the caller with the loader, against the whole course.
/// </summary>
public static partial class ContentUpload
{
    public const int MaxMarkdownBytes = 1024 * 1024;
    public const int MaxZipBytes = 5 * 1024 * 1024;
    public const long MaxUnzippedBytes = 10L * 1024 * 1024;
    public const int MaxZipEntries = 200;

    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One Markdown file uploaded into the week folder <paramref name="weekFolder"/> (like <c>03-lora</c>).</summary>
    public static UploadResult ReadMarkdown(string fileName, byte[] bytes, string weekFolder)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!ContentRules.IsWeekFolderName(weekFolder))
        {
            return UploadResult.Refused($"'{weekFolder}' is not a week folder name like 03-lora.");
        }

        if (bytes.Length > MaxMarkdownBytes)
        {
            return UploadResult.Refused($"The file is {bytes.Length:N0} bytes; the limit is {MaxMarkdownBytes:N0}.");
        }

        var name = fileName ?? "";
        if (NameProblem(name) is { } problem)
        {
            return UploadResult.Refused(problem);
        }

        var (text, decodeProblem) = Decode(name, bytes);
        return decodeProblem is not null
            ? UploadResult.Refused(decodeProblem)
            : new UploadResult([new ContentFile($"weeks/{weekFolder}/{name}", text!)], []);
    }

    /// <summary>
    /// A zip of one week folder: either the folder itself at the top (<c>03-lora/week.md</c>, …) or its files
    /// at the top, in which case <paramref name="weekFolder"/> names the folder.
    /// </summary>
    public static UploadResult ReadZip(byte[] bytes, string? weekFolder)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxZipBytes)
        {
            return UploadResult.Refused($"The zip is {bytes.Length:N0} bytes; the limit is {MaxZipBytes:N0}.");
        }

        List<(string Name, byte[] Bytes)> entries = [];
        var problems = new List<string>();
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxZipEntries)
            {
                return UploadResult.Refused($"The zip has {zip.Entries.Count} entries; the limit is {MaxZipEntries}.");
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (PathProblem(name) is { } pathProblem)
                {
                    problems.Add(pathProblem);
                    continue;
                }

                if (name.EndsWith('/'))
                {
                    continue;
                }

                // The declared length can lie; the copy below stops at the limit whatever it says.
                total += entry.Length;
                if (entry.Length > MaxMarkdownBytes || total > MaxUnzippedBytes)
                {
                    return UploadResult.Refused($"'{name}' unpacks to more than the size limit ({MaxMarkdownBytes:N0} bytes per file, {MaxUnzippedBytes:N0} in all).");
                }

                using var stream = entry.Open();
                using var copy = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    copy.Write(buffer, 0, read);
                    if (copy.Length > MaxMarkdownBytes)
                    {
                        return UploadResult.Refused($"'{name}' unpacks to more than {MaxMarkdownBytes:N0} bytes.");
                    }
                }

                entries.Add((name, copy.ToArray()));
            }
        }
        catch (InvalidDataException ex)
        {
            return UploadResult.Refused("The file is not a valid zip archive: " + ex.Message);
        }

        if (problems.Count > 0)
        {
            return new UploadResult([], problems);
        }

        if (entries.Count == 0)
        {
            return UploadResult.Refused("The zip holds no files.");
        }

        var tops = entries.Select(e => e.Name.Contains('/') ? e.Name[..e.Name.IndexOf('/')] : null).Distinct().ToList();
        string folder;
        if (tops is [{ } top])
        {
            folder = top;
            entries = [.. entries.Select(e => (e.Name[(top.Length + 1)..], e.Bytes))];
        }
        else if (tops is [null] && weekFolder is not null)
        {
            folder = weekFolder;
        }
        else
        {
            return UploadResult.Refused("The zip must hold one week folder (like 03-lora/week.md, 03-lora/01-notes.md) or the files of the week you upload into.");
        }

        if (!ContentRules.IsWeekFolderName(folder))
        {
            return UploadResult.Refused($"'{folder}' is not a week folder name like 03-lora.");
        }

        var files = new List<ContentFile>();
        foreach (var (name, data) in entries)
        {
            if (NameProblem(name) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            var (text, decodeProblem) = Decode(name, data);
            if (decodeProblem is not null)
            {
                problems.Add(decodeProblem);
                continue;
            }

            files.Add(new ContentFile($"weeks/{folder}/{name}", text!));
        }

        return problems.Count > 0 ? new UploadResult([], problems) : new UploadResult(files, []);
    }

    private static string? PathProblem(string name)
    {
        if (name.Contains('\\'))
        {
            return $"'{name}' contains a backslash; zip paths use '/'.";
        }

        if (name.StartsWith('/') || name.Contains(':'))
        {
            return $"'{name}' is an absolute path.";
        }

        var parts = name.TrimEnd('/').Split('/');
        if (parts.Any(p => p is ".." or "." or ""))
        {
            return $"'{name}' points outside the week folder.";
        }

        if (parts.Length > 2)
        {
            return $"'{name}' is nested too deep: a week folder holds files, not folders.";
        }

        return null;
    }

    private static string? NameProblem(string name)
    {
        if (name.Contains('/') || name.Contains('\\') || name.Contains(':') || name is "." or "..")
        {
            return $"'{name}' is not a plain file name.";
        }

        if (!name.EndsWith(".md", StringComparison.Ordinal))
        {
            return $"'{name}' is not a Markdown (.md) file.";
        }

        return ContentRules.IsWeekFolderFileName(name) ? null : $"'{name}' must be week.md or start with its position, like 01-notes.md.";
    }

    private static (string? Text, string? Problem) Decode(string name, byte[] bytes)
    {
        string text;
        try
        {
            text = _strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"'{name}' is not valid UTF-8 text.");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return text.Contains('\0') ? (null, $"'{name}' looks like a binary file (it contains NUL characters).") : (text, null);
    }
}
