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
    public static CourseSnapshot Empty { get; } = new(new Course("Course", "", "", []), ContentHash.Combine([]), []);

    public Week? FindWeek(int number) => Course.Weeks.FirstOrDefault(w => w.Number == number);

    /// <summary>Weeks learners may see at <paramref name="now"/>, in order.</summary>
    public IEnumerable<Week> VisibleWeeks(DateTimeOffset now) => Course.Weeks.Where(w => w.IsVisibleAt(now));
}
