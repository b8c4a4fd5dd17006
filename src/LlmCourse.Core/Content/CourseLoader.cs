namespace LlmCourse.Core.Content;

/// <summary>One file parsed on its own: what it gives when it is sound, and its problems.</summary>
/// <param name="Value">The parsed course header, week header or item; null when the file has errors.</param>
public sealed record ParsedFile<T>(T? Value, IReadOnlyList<ContentError> Errors)
    where T : class;

/// <summary>
/// Turns the course's Markdown files into a <see cref="CourseSnapshot"/>. Keeps a cache of parsed files
/// keyed by path and content hash, so a reload after one edit re-parses only that file. A file with
/// problems is reported in <see cref="CourseSnapshot.Errors"/> and, when the previous snapshot had a
/// good version of it, that version is kept. Calls are serialised; one loader serves one content root.
/// </summary>
public sealed class CourseLoader
{
    private readonly Lock _gate = new();
    private Dictionary<(string Path, string Hash), object> _cache = [];
    private int _filesParsed;

    /// <summary>How many files this loader has actually parsed (not served from its cache) so far.</summary>
    public int FilesParsed => Volatile.Read(ref _filesParsed);

    /// <summary>Builds a snapshot from every content file.</summary>
    /// <param name="files">Paths relative to the content root: <c>course.md</c>, <c>glossary.md</c>, <c>weeks/NN-slug/week.md</c>, <c>weeks/NN-slug/NN-item.md</c>.</param>
    /// <param name="previous">The snapshot being replaced, whose items stand in for files that now have errors.</param>
    public CourseSnapshot Load(IReadOnlyList<ContentFile> files, CourseSnapshot? previous = null) => Load(files, [], previous);

    /// <summary>Builds a snapshot from every content file and image.</summary>
    /// <param name="files">The Markdown files (see the other overload).</param>
    /// <param name="assets">The images, at <c>weeks/NN-slug/images/name</c>. Each is checked; a refused one is reported and, when the previous snapshot had a good version, that version is kept.</param>
    /// <param name="previous">The snapshot being replaced.</param>
    public CourseSnapshot Load(IReadOnlyList<ContentFile> files, IReadOnlyList<ContentAsset> assets, CourseSnapshot? previous = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(assets);
        lock (_gate)
        {
            return LoadLocked(files, assets, previous);
        }
    }

    private CourseSnapshot LoadLocked(IReadOnlyList<ContentFile> files, IReadOnlyList<ContentAsset> assetFiles, CourseSnapshot? previous)
    {
        var normalized = files
            .Select(Normalize)
            .Select(f => (File: f, Hash: ContentRules.Hash(f.Text)))
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
        var (assets, assetHashes) = LoadAssets(assetFiles, previous, errors, Parse);

        // A file's HTML holds its images' hashed URLs, so its cache entry is keyed by its week's images too.
        var folderImages = assets.Values
            .GroupBy(a => a.Folder, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Assets: (IReadOnlyDictionary<string, CourseAsset>)g.ToDictionary(a => a.Path, StringComparer.Ordinal), Key: ContentRules.CombineHashes(g.Select(a => $"{a.Path}:{a.Hash}"))), StringComparer.Ordinal);
        (IReadOnlyDictionary<string, CourseAsset>? Assets, string Key) ImagesOf(string folder) =>
            folderImages.TryGetValue(folder, out var found) ? found : (null, "");

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
            if (file.Path == ContentRules.CourseFile)
            {
                var (header, courseErrors) = Parse(file, hash, HeaderParsers.ParseCourse);
                errors.AddRange(courseErrors);
                courseHeader = header;
                continue;
            }

            if (file.Path == ContentRules.GlossaryFile)
            {
                continue;
            }

            if (string.Equals(Path.GetFileName(file.Path), "README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (LayoutProblem(file.Path) is { } problem)
            {
                errors.Add(problem);
                continue;
            }

            var folder = ContentRules.WeekFolderOf(file.Path)!;
            if (!folders.TryGetValue(folder, out var list))
            {
                folders[folder] = list = [];
            }

            list.Add((file, hash));
        }

        if (!normalized.Any(f => f.File.Path == ContentRules.CourseFile))
        {
            errors.Add(new ContentError(ContentRules.CourseFile, 1, "course.md is missing: the course needs a title."));
        }

        courseHeader ??= previous is null
            ? new CourseHeader(CourseSnapshot.Empty.Course.Title, "", "")
            : new CourseHeader(previous.Course.Title, previous.Course.Tagline, previous.Course.OverviewHtml);

        var weeks = new List<(Week Week, int NumberLine)>();
        foreach (var (folder, folderFiles) in folders)
        {
            var weekPath = ContentRules.WeekFilePath(folder);
            WeekHeader? weekHeader = null;
            var weekFile = folderFiles.FirstOrDefault(f => f.File.Path == weekPath);
            if (weekFile.File is null)
            {
                errors.Add(new ContentError(weekPath, 1, "week.md is missing, so the items of this folder are not shown."));
            }
            else
            {
                var images = ImagesOf(folder);
                var (header, weekErrors) = Parse(weekFile.File, weekFile.Hash + images.Key, f => HeaderParsers.ParseWeek(f, images.Assets));
                errors.AddRange(weekErrors);
                weekHeader = header;
            }

            if (weekHeader is null && previousWeeks.TryGetValue(weekPath, out var old))
            {
                weekHeader = new WeekHeader(old.Number, 1, old.Title, old.Summary, old.IntroHtml, old.Published, old.ReleaseAt) { Images = old.Images };
            }

            var folderImagesOf = ImagesOf(folder);
            var items = LoadItems(folderFiles.Where(f => f.File.Path != weekPath).Select(f => (f.File, f.Hash + folderImagesOf.Key + itemKey)), folderImagesOf.Assets, previousItems, errors, Parse, glossary);
            if (weekHeader is not null)
            {
                var week = ToWeek(weekHeader, items, weekPath);
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
        var revision = ContentRules.CombineHashes(normalized.Select(f => $"{f.File.Path}:{f.Hash}").Concat(assetHashes));
        var sortedErrors = errors
            .OrderBy(e => e.File, StringComparer.Ordinal)
            .ThenBy(e => e.Line)
            .ToList();
        return new CourseSnapshot(course, revision, sortedErrors) { Assets = assets, Glossary = glossary };
    }

    /// <summary>
    /// Checks every image (cached by path and bytes like the Markdown files). Returns the usable images by path
    /// and one revision entry per stored image, so any change to an image changes the snapshot's revision.
    /// </summary>
    private static (Dictionary<string, CourseAsset> Assets, List<string> Hashes) LoadAssets(
        IReadOnlyList<ContentAsset> files, CourseSnapshot? previous, List<ContentError> errors, CachedParse<AssetCheck> inspect)
    {
        var assets = new Dictionary<string, CourseAsset>(StringComparer.Ordinal);
        var hashes = new List<string>();
        foreach (var file in files)
        {
            var path = file.Path.Replace('\\', '/').TrimStart('/');
            var hash = ContentRules.Hash(file.Bytes);
            hashes.Add($"{path}:{hash}");
            var check = inspect(new ContentFile(path, ""), "asset:" + hash, _ => CourseAssets.Inspect(file with { Path = path }));
            errors.AddRange(check.Errors);
            var asset = check.Asset ?? previous?.Assets.GetValueOrDefault(path);
            if (asset is not null)
            {
                assets[path] = asset;
            }
        }

        return (assets, hashes);
    }

    /// <summary>The glossary of <c>glossary.md</c>; when it has problems, the previous snapshot's (or none).</summary>
    private static Glossary LoadGlossary(
        List<(ContentFile File, string Hash)> files, CourseSnapshot? previous, List<ContentError> errors, CachedParse<(Glossary?, IReadOnlyList<ContentError>)> parse)
    {
        var (file, hash) = files.FirstOrDefault(f => f.File.Path == ContentRules.GlossaryFile);
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
        IReadOnlyDictionary<string, CourseAsset>? assets,
        Dictionary<string, CourseItem> previousItems,
        List<ContentError> errors,
        CachedParse<ParsedItem> parse,
        Glossary glossary)
    {
        var ordered = files
            .Select(f => (f.File, f.Hash, Named: ContentRules.TryParseItemFileName(Path.GetFileName(f.File.Path), out var order, out var id), Order: order, Id: id))
            .OrderBy(f => f.Named ? 0 : 1)
            .ThenBy(f => f.Order)
            .ThenBy(f => f.File.Path, StringComparer.Ordinal);

        var items = new List<CourseItem>();
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, hash, named, _, fileId) in ordered)
        {
            CourseItem? item;
            var idLine = 1;
            var fresh = false;
            if (!named)
            {
                errors.Add(ItemFileNameProblem(file.Path));
                item = null;
            }
            else
            {
                var parsed = parse(file, hash, f => ItemParser.Parse(f, fileId, assets, glossary));
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

    /// <summary>
    /// One item file (<c>weeks/NN-slug/NN-id.md</c>) parsed exactly as the loader parses it in a course: the same
    /// layout and file-name rules, front matter and body. The item's <see cref="CourseItem.Revision"/> is the
    /// hash of its text. Nothing is cached. <paramref name="assets"/> are the week's images, so image references resolve
    /// as they would in the course; <paramref name="glossary"/> links terms as the course's glossary does.
    /// </summary>
    public static ParsedFile<CourseItem> ParseItem(ContentFile file, IReadOnlyDictionary<string, CourseAsset>? assets = null, Glossary? glossary = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        file = Normalize(file);
        if (LayoutProblem(file.Path) is { } problem)
        {
            return new ParsedFile<CourseItem>(null, [problem]);
        }

        if (ContentRules.IsWeekFile(file.Path) || !ContentRules.TryParseItemFileName(Path.GetFileName(file.Path), out _, out var fileId))
        {
            return new ParsedFile<CourseItem>(null, [ItemFileNameProblem(file.Path)]);
        }

        var parsed = ItemParser.Parse(file, fileId, assets, glossary);
        return new ParsedFile<CourseItem>(parsed.Item, parsed.Errors);
    }

    /// <summary>A <c>week.md</c> parsed on its own, as the loader parses it (with the week's images, when given); the week it gives has no items.</summary>
    public static ParsedFile<Week> ParseWeek(ContentFile file, IReadOnlyDictionary<string, CourseAsset>? assets = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        file = Normalize(file);
        var (header, errors) = HeaderParsers.ParseWeek(file, assets);
        return new ParsedFile<Week>(header is null ? null : ToWeek(header, [], file.Path), errors);
    }

    /// <summary><c>course.md</c> parsed on its own, as the loader parses it; the course it gives has no weeks.</summary>
    public static ParsedFile<Course> ParseCourse(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (header, errors) = HeaderParsers.ParseCourse(Normalize(file));
        return new ParsedFile<Course>(header is null ? null : new Course(header.Title, header.Tagline, header.OverviewHtml, []), errors);
    }

    /// <summary><c>glossary.md</c> parsed on its own, as the loader parses it.</summary>
    public static ParsedFile<Glossary> ParseGlossary(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (glossary, errors) = GlossaryParser.Parse(Normalize(file));
        return new ParsedFile<Glossary>(glossary, errors);
    }

    private static ContentFile Normalize(ContentFile file) => file with { Path = file.Path.Replace('\\', '/').TrimStart('/') };

    private static Week ToWeek(WeekHeader header, IReadOnlyList<CourseItem> items, string path) =>
        new(header.Number, header.Title, header.Summary, header.IntroHtml, header.Published, header.ReleaseAt, items, path) { Images = header.Images };

    /// <summary>Why a file other than <c>course.md</c> is outside the course layout, or null when it is inside.</summary>
    private static ContentError? LayoutProblem(string path)
    {
        if (ContentRules.WeekFolderOf(path) is not { } folder)
        {
            return new ContentError(path, 1, "This file is outside the course layout: expected course.md, glossary.md, weeks/NN-slug/week.md or weeks/NN-slug/NN-item.md.");
        }

        return ContentRules.IsWeekFolderName(folder)
            ? null
            : new ContentError(path, 1, $"The week folder '{folder}' is not named like 03-lora: the week's number, a hyphen, then {ContentRules.IdRuleText}.");
    }

    private static ContentError ItemFileNameProblem(string path) =>
        new(path, 1, "An item's file name starts with its position in the week, like 01-class-notes.md.");
}
