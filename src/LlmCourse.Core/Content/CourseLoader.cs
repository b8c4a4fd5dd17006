using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>
/// Turns the course's Markdown files into a <see cref="CourseSnapshot"/>. Keeps a cache of parsed files
/// keyed by path and content hash, so a reload after one edit re-parses only that file. A file with
/// problems is reported in <see cref="CourseSnapshot.Errors"/> and, when the previous snapshot had a
/// good version of it, that version is kept. Calls are serialised; one loader serves one content root.
/// </summary>
public sealed partial class CourseLoader
{
    private const string CourseFile = "course.md";

    /// <summary>The glossary's file name, beside <c>course.md</c>.</summary>
    public const string GlossaryFile = "glossary.md";

    private readonly Lock _gate = new();
    private Dictionary<(string Path, string Hash), object> _cache = [];
    private int _filesParsed;

    /// <summary>How many files this loader has actually parsed (not served from its cache) so far.</summary>
    public int FilesParsed => Volatile.Read(ref _filesParsed);

    /// <summary>Builds a snapshot from every content file.</summary>
    /// <param name="files">Paths relative to the content root: <c>course.md</c>, <c>glossary.md</c>, <c>weeks/NN-slug/week.md</c>, <c>weeks/NN-slug/NN-item.md</c>.</param>
    /// <param name="previous">The snapshot being replaced, whose items stand in for files that now have errors.</param>
    public CourseSnapshot Load(IReadOnlyList<ContentFile> files, CourseSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        lock (_gate)
        {
            return LoadLocked(files, previous);
        }
    }

    private CourseSnapshot LoadLocked(IReadOnlyList<ContentFile> files, CourseSnapshot? previous)
    {
        var normalized = files
            .Select(f => f with { Path = f.Path.Replace('\\', '/').TrimStart('/') })
            .Select(f => (File: f, Hash: ContentHash.Of(f.Text)))
            .ToList();
        var nextCache = new Dictionary<(string Path, string Hash), object>();
        T Parse<T>(ContentFile file, string hash, Func<ContentFile, T> parse)
            where T : notnull
        {
            var key = (file.Path, hash);
            if (!_cache.TryGetValue(key, out var cached) || cached is not T result)
            {
                result = parse(file);
                Interlocked.Increment(ref _filesParsed);
            }

            nextCache[key] = result;
            return result;
        }

        var errors = new List<ContentError>();
        var previousItems = previous?.Course.Weeks.SelectMany(w => w.Items).GroupBy(i => i.SourceFile).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? new Dictionary<string, CourseItem>(StringComparer.Ordinal);
        var previousWeeks = previous?.Course.Weeks.GroupBy(w => w.SourceFile).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? new Dictionary<string, Week>(StringComparer.Ordinal);

        // The glossary first: items link their terms to it, so they are parsed again whenever it changes.
        var glossary = LoadGlossary(normalized, previous, errors, Parse);
        var itemKey = glossary.Revision.Length == 0 ? "" : ":" + glossary.Revision;

        CourseHeader? courseHeader = null;
        var folders = new SortedDictionary<string, List<(ContentFile File, string Hash)>>(StringComparer.Ordinal);
        foreach (var (file, hash) in normalized)
        {
            if (file.Path == CourseFile)
            {
                var (header, courseErrors) = Parse(file, hash, HeaderParsers.ParseCourse);
                errors.AddRange(courseErrors);
                courseHeader = header;
                continue;
            }

            if (file.Path == GlossaryFile)
            {
                continue;
            }

            if (string.Equals(Path.GetFileName(file.Path), "README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = WeekFilePath().Match(file.Path);
            if (!match.Success)
            {
                errors.Add(new ContentError(file.Path, 1, "This file is outside the course layout: expected course.md, glossary.md, weeks/NN-slug/week.md or weeks/NN-slug/NN-item.md."));
                continue;
            }

            var folder = match.Groups["folder"].Value;
            if (!folders.TryGetValue(folder, out var list))
            {
                folders[folder] = list = [];
            }

            list.Add((file, hash));
        }

        if (!normalized.Any(f => f.File.Path == CourseFile))
        {
            errors.Add(new ContentError(CourseFile, 1, "course.md is missing: the course needs a title."));
        }

        courseHeader ??= previous is null
            ? new CourseHeader(CourseSnapshot.Empty.Course.Title, "", "")
            : new CourseHeader(previous.Course.Title, previous.Course.Tagline, previous.Course.OverviewHtml);

        var weeks = new List<(Week Week, int NumberLine)>();
        foreach (var (folder, folderFiles) in folders)
        {
            var weekPath = $"weeks/{folder}/week.md";
            WeekHeader? weekHeader = null;
            var weekFile = folderFiles.FirstOrDefault(f => f.File.Path == weekPath);
            if (weekFile.File is null)
            {
                errors.Add(new ContentError(weekPath, 1, "week.md is missing, so the items of this folder are not shown."));
            }
            else
            {
                var (header, weekErrors) = Parse(weekFile.File, weekFile.Hash, HeaderParsers.ParseWeek);
                errors.AddRange(weekErrors);
                weekHeader = header;
            }

            if (weekHeader is null && previousWeeks.TryGetValue(weekPath, out var old))
            {
                weekHeader = new WeekHeader(old.Number, 1, old.Title, old.Summary, old.IntroHtml, old.Published, old.ReleaseAt);
            }

            var items = LoadItems(folderFiles.Where(f => f.File.Path != weekPath).Select(f => (f.File, f.Hash + itemKey)), previousItems, errors, Parse, glossary);
            if (weekHeader is not null)
            {
                var week = new Week(weekHeader.Number, weekHeader.Title, weekHeader.Summary, weekHeader.IntroHtml, weekHeader.Published, weekHeader.ReleaseAt, items, weekPath);
                weeks.Add((week, weekHeader.NumberLine));
            }
        }

        var numbered = new Dictionary<int, Week>();
        foreach (var (week, numberLine) in weeks)
        {
            if (!numbered.TryAdd(week.Number, week))
            {
                errors.Add(new ContentError(week.SourceFile, numberLine, $"Week number {week.Number} is already used by {numbered[week.Number].SourceFile}."));
            }
        }

        _cache = nextCache;
        var course = new Course(courseHeader.Title, courseHeader.Tagline, courseHeader.OverviewHtml, numbered.Values.OrderBy(w => w.Number).ToList());
        var revision = ContentHash.Combine(normalized.Select(f => $"{f.File.Path}:{f.Hash}"));
        var sortedErrors = errors
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ToList();
        return new CourseSnapshot(course, revision, sortedErrors) { Glossary = glossary };
    }

    /// <summary>The glossary of <c>glossary.md</c>; when it has problems, the previous snapshot's (or none).</summary>
    private static Glossary LoadGlossary(
        List<(ContentFile File, string Hash)> files, CourseSnapshot? previous, List<ContentError> errors, CachedParse<(Glossary?, IReadOnlyList<ContentError>)> parse)
    {
        var (file, hash) = files.FirstOrDefault(f => f.File.Path == GlossaryFile);
        if (file is null)
        {
            return Glossary.Empty;
        }

        var (glossary, glossaryErrors) = parse(file, hash, GlossaryParser.Parse);
        errors.AddRange(glossaryErrors);
        return glossary ?? previous?.Glossary ?? Glossary.Empty;
    }

    private delegate T CachedParse<T>(ContentFile file, string hash, Func<ContentFile, T> parse)
        where T : notnull;

    private static List<CourseItem> LoadItems(
        IEnumerable<(ContentFile File, string Hash)> files,
        Dictionary<string, CourseItem> previousItems,
        List<ContentError> errors,
        CachedParse<ParsedItem> parse,
        Glossary glossary)
    {
        var ordered = files
            .Select(f => (f.File, f.Hash, Name: ItemFileName().Match(Path.GetFileName(f.File.Path))))
            .OrderBy(f => f.Name.Success ? 0 : 1)
            .ThenBy(f => f.Name.Success ? long.Parse(f.Name.Groups["order"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0)
            .ThenBy(f => f.File.Path, StringComparer.Ordinal);

        var items = new List<CourseItem>();
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, hash, name) in ordered)
        {
            CourseItem? item;
            var idLine = 1;
            var fresh = false;
            if (!name.Success)
            {
                errors.Add(new ContentError(file.Path, 1, "An item's file name starts with its position in the week, like 01-class-notes.md."));
                item = null;
            }
            else
            {
                var parsed = parse(file, hash, f => ItemParser.Parse(f, name.Groups["id"].Value, glossary));
                errors.AddRange(parsed.Errors);
                item = parsed.Item;
                idLine = parsed.IdLine;
                fresh = item is not null;
            }

            item ??= previousItems.GetValueOrDefault(file.Path);
            if (item is null)
            {
                continue;
            }

            if (!byId.TryAdd(item.Id, file.Path))
            {
                errors.Add(new ContentError(file.Path, fresh ? idLine : 1, $"The item id '{item.Id}' is already used by {byId[item.Id]} in this week."));
                continue;
            }

            items.Add(item);
        }

        return items;
    }

    [GeneratedRegex(@"^weeks/(?<folder>[^/]+)/[^/]+\.md$")]
    private static partial Regex WeekFilePath();

    [GeneratedRegex(@"^(?<order>\d{1,9})-(?<id>.+)\.md$")]
    private static partial Regex ItemFileName();
}
