using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

/// <summary>
/// Holds the current course snapshot. Reloading parses only the files that changed (the loader caches
/// the rest) and swaps the snapshot in one reference assignment, so readers never see a half-built course.
/// </summary>
public sealed class CourseStore(CourseLoader loader, ContentOptions options, ILogger<CourseStore> logger)
{
    private readonly Lock _reloadLock = new();
    private volatile CourseSnapshot? _current;

    /// <summary>Raised after a reload produced a new revision.</summary>
    public event Action<CourseSnapshot>? Changed;

    public CourseSnapshot Current => _current ?? throw new InvalidOperationException("The course has not been loaded yet.");

    public bool IsLoaded => _current is not null;

    public CourseSnapshot Reload()
    {
        lock (_reloadLock)
        {
            var files = ContentDirectory.ReadFiles(options.Path);
            var previous = _current;
            var next = loader.Load(files, previous);
            foreach (var error in next.Errors)
            {
                logger.LogWarning("Content problem: {Problem}", error.ToString());
            }

            if (previous?.Revision == next.Revision)
            {
                return previous;
            }

            _current = next;
            logger.LogInformation(
                "Course loaded: revision {Revision}, {Weeks} weeks, {Items} items, {Errors} problems",
                next.Revision, next.Course.Weeks.Count, next.Course.Weeks.Sum(w => w.Items.Count), next.Errors.Count);
            Changed?.Invoke(next);
            return next;
        }
    }
}
