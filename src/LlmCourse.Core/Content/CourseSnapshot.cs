namespace LlmCourse.Core.Content;

/// <summary>
/// The course as the site serves it at one moment: built once per content change, never mutated,
/// swapped atomically. Requests read it; nothing on the request path parses Markdown.
/// </summary>
/// <param name="Course">The parsed course.</param>
/// <param name="Revision">Hash over every item's revision: changes whenever any content changes.</param>
/// <param name="Errors">Problems found while loading; the items they affect keep their last good version.</param>
public sealed record CourseSnapshot(Course Course, string Revision, IReadOnlyList<ContentError> Errors)
{
    /// <summary>The course's glossary (<c>glossary.md</c>); <see cref="Glossary.Empty"/> when there is none.</summary>
    public Glossary Glossary { get; init; } = Glossary.Empty;

    /// <summary>A course with no weeks: what the site serves before the first successful load.</summary>
    public static CourseSnapshot Empty { get; } = new(new Course("Course", "", "", []), ContentRules.CombineHashes([]), []);

    /// <summary>The images that passed their checks, by content path (<c>weeks/NN-slug/images/name</c>).</summary>
    public IReadOnlyDictionary<string, CourseAsset> Assets { get; init; } = new Dictionary<string, CourseAsset>();

    public Week? FindWeek(int number) => Course.Weeks.FirstOrDefault(w => w.Number == number);

    /// <summary>The images served at <c>/assets/{hash}/{name}</c>: one, or several when weeks hold identical files under one name.</summary>
    public IEnumerable<CourseAsset> FindAssets(string hash, string name) =>
        Assets.Values.Where(a => string.Equals(a.Hash, hash, StringComparison.Ordinal) && string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>The week whose folder holds <paramref name="asset"/>, or null when the folder has no week.</summary>
    public Week? WeekOf(CourseAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var weekFile = $"weeks/{asset.Folder}/week.md";
        return Course.Weeks.FirstOrDefault(w => string.Equals(w.SourceFile, weekFile, StringComparison.Ordinal));
    }

    /// <summary>Weeks learners may see at <paramref name="now"/>, in order.</summary>
    public IEnumerable<Week> VisibleWeeks(DateTimeOffset now) => Course.Weeks.Where(w => w.IsVisibleAt(now));
}
