using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Instructor;

/// <summary>
/// Where a file made in the browser (an imported quiz or deck) lands: a new item after the others of a draft week, so
/// learners see it only once the week is published. Shared by the GIFT and the deck import pages.
/// </summary>
public sealed partial class DraftImports(CourseStore store, ContentRepository repository)
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The weeks learners cannot see yet.</summary>
    public IReadOnlyList<Week> DraftWeeks() =>
        [.. store.Current.Course.Weeks.Where(w => store.StateOf(w).Status == PublicationStatus.Draft)];

    /// <summary>
    /// The chosen draft week, or null with a problem added: imports go only into draft weeks, so learners do not see
    /// the <paramref name="noun"/> ("quiz", "deck") before the week is published.
    /// </summary>
    public static Week? ChosenWeek(IReadOnlyList<Week> draftWeeks, int? number, string noun, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(draftWeeks);
        ArgumentNullException.ThrowIfNull(problems);
        var week = number is { } n ? draftWeeks.FirstOrDefault(w => w.Number == n) : null;
        if (week is null)
        {
            problems.Add(draftWeeks.Count == 0
                ? $"There is no draft week to import into: create one (or unpublish a week) first, so learners do not see the {noun} before it is ready."
                : $"Choose a draft week for the {noun}: learners see it when you publish the week.");
        }

        return week;
    }

    /// <summary>The title trimmed; a problem is added when it is empty or longer than 200 characters.</summary>
    public static string Title(string? title, string noun, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length is 0 or > 200)
        {
            problems.Add($"Give the {noun} a title (at most 200 characters).");
        }

        return trimmed;
    }

    /// <summary>What is wrong with putting an item <paramref name="id"/> into <paramref name="week"/> (if chosen), or null.</summary>
    public string? IdProblem(Week? week, string id, string noun)
    {
        if (!ItemIdPattern().IsMatch(id))
        {
            return $"The {noun} id is lower-case letters, digits and dashes, like week-3-{noun}.";
        }

        return week is null ? null : week.FindItem(id) is not null || FilesOf(week).Any(p => p.EndsWith($"-{id}.md", StringComparison.Ordinal))
            ? $"Week {week.Number} already has an item '{id}': choose another id."
            : null;
    }

    /// <summary>Writes the item as the week's last file; returns its path (weeks/…/NN-id.md) and any problems.</summary>
    public async Task<(string Path, IReadOnlyList<string> Problems)> AddAsync(Week week, string id, string markdown, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(week);
        var folder = week.SourceFile.Split('/')[1];
        var order = FilesOf(week).Select(OrderOf).DefaultIfEmpty(0).Max() + 1;
        var name = string.Create(CultureInfo.InvariantCulture, $"{order:00}-{id}.md");
        var problems = await repository.UploadAsync(name, _strictUtf8.GetBytes(markdown), folder, actor, ct);
        return ($"weeks/{folder}/{name}", problems);
    }

    /// <summary>
    /// The text to import: the uploaded file when one was chosen, else what was pasted; null with a problem added
    /// when neither is there or either is too large or not UTF-8. <paramref name="what"/> names the pasted text in
    /// the messages ("the questions", "the cards").
    /// </summary>
    public static async Task<string?> SourceAsync(IFormFile? upload, string? pasted, int maxBytes, string what, List<string> problems, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (upload is { Length: > 0 })
        {
            return await ReadTextAsync(upload, maxBytes, problems, ct);
        }

        if (string.IsNullOrWhiteSpace(pasted))
        {
            problems.Add($"Choose a file or paste {what}.");
            return null;
        }

        if (Encoding.UTF8.GetByteCount(pasted) > maxBytes)
        {
            problems.Add($"Paste at most {maxBytes:N0} bytes of {what}.");
            return null;
        }

        return pasted;
    }

    /// <summary>An uploaded text file as a string, or null with a problem added (too large, not UTF-8).</summary>
    public static async Task<string?> ReadTextAsync(IFormFile upload, int maxBytes, List<string> problems, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(problems);
        if (upload.Length > maxBytes)
        {
            problems.Add($"The file is {upload.Length:N0} bytes; the limit is {maxBytes:N0}.");
            return null;
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        try
        {
            return _strictUtf8.GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"'{Path.GetFileName(upload.FileName)}' is not UTF-8 text: save it as UTF-8 and upload it again.");
            return null;
        }
    }

    private IEnumerable<string> FilesOf(Week week)
    {
        var prefix = week.SourceFile[..(week.SourceFile.LastIndexOf('/') + 1)];
        return store.Files.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p != week.SourceFile);
    }

    private static long OrderOf(string path) =>
        ItemFile().Match(Path.GetFileName(path)) is { Success: true } m ? long.Parse(m.Groups["order"].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,60}$")]
    private static partial Regex ItemIdPattern();

    [GeneratedRegex(@"^(?<order>\d{1,9})-(?<rest>.+)$")]
    private static partial Regex ItemFile();
}
