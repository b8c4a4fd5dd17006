using System.Collections.Concurrent;
using LlmCourse.Core.Content;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// Quizzes as they were at a given revision. The current revision is the catalog's own object; an older
/// one is re-parsed from the Markdown snapshot stored with the attempts (as the loader parses an item, so the
/// rules are exactly those the site uses) and kept, since a revision never changes.
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
        _parsed.GetOrAdd(revision, _ => CourseLoader.ParseItem(new ContentFile(sourceFile, markdown)).Value as Quiz);
}
