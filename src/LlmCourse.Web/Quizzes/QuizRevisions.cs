using System.Collections.Concurrent;
using LlmCourse.Core.Content;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// Quizzes as they were at a given revision. The current revision is the catalog's own object; an older
/// one is re-parsed from the Markdown snapshot stored with the attempts (through the real loader, so the
/// rules are exactly those the site used then) and kept, since a revision never changes.
/// </summary>
public sealed class QuizRevisions
{
    private readonly ConcurrentDictionary<string, Quiz?> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this instance has already stored the snapshot of <paramref name="revision"/>. Snapshots are never
    /// deleted, so a start can skip the write (which SQLite would otherwise take one at a time) after the first.
    /// </summary>
    public bool IsStored(string revision) => _stored.ContainsKey(revision);

    public void MarkStored(string revision) => _stored.TryAdd(revision, true);

    /// <summary>The quiz a stored Markdown snapshot describes; null if it no longer parses.</summary>
    public Quiz? FromSnapshot(string revision, string sourceFile, string markdown) =>
        _parsed.GetOrAdd(revision, _ => Parse(sourceFile, markdown));

    /// <summary>Parses one quiz file on its own, as the only item of a one-week course.</summary>
    public static Quiz? Parse(string sourceFile, string markdown)
    {
        var name = Path.GetFileName(sourceFile.Replace('\\', '/'));
        ContentFile[] files =
        [
            new("course.md", "---\ntitle: Snapshot\n---\n"),
            new("weeks/01-snapshot/week.md", "---\nnumber: 1\ntitle: Snapshot\n---\n"),
            new("weeks/01-snapshot/" + (string.IsNullOrEmpty(name) ? "01-quiz.md" : name), markdown),
        ];
        var snapshot = new CourseLoader().Load(files);
        return snapshot.Course.Weeks.SelectMany(w => w.Items).OfType<Quiz>().FirstOrDefault();
    }
}
