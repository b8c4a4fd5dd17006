namespace LlmCourse.Core.Discussion;

/// <summary>
/// What the discussion allows, in one place: the sizes of titles and posts, who may edit or delete a post and
/// until when, who sees a hidden post, and how fast one person may post. Pure: the caller passes the clock's
/// "now" and the rows concerned.
/// </summary>
public static class DiscussionRules
{
    /// <summary>How long after posting its author may still edit a post.</summary>
    public static readonly TimeSpan DefaultEditWindow = TimeSpan.FromMinutes(15);

    public const int DefaultPostsPerMinute = 5;

    public const int MinTitleLength = 3;

    public const int MaxTitleLength = 150;

    public const int MaxBodyLength = 10_000;

    /// <summary>Why a thread title is refused, or null when it is fine.</summary>
    public static string? CheckTitle(string? title)
    {
        var length = (title ?? "").Trim().Length;
        return length < MinTitleLength
            ? $"Give the thread a title of at least {MinTitleLength} characters."
            : length > MaxTitleLength ? $"A title can be at most {MaxTitleLength} characters (this one has {length})." : null;
    }

    /// <summary>Why a post's text is refused, or null when it is fine.</summary>
    public static string? CheckBody(string? body)
    {
        var length = (body ?? "").Trim().Length;
        return length == 0
            ? "Write something first: the post is empty."
            : length > MaxBodyLength ? $"A post can be at most {MaxBodyLength:N0} characters (this one has {length:N0})." : null;
    }

    /// <summary>Whether <paramref name="userId"/> may edit the post now: only its author, only within the window, never once deleted.</summary>
    public static bool MayEdit(string? authorId, string userId, DateTime postedAt, bool deleted, DateTime now, TimeSpan window) =>
        !deleted && authorId is not null && authorId == userId && now >= postedAt && now - postedAt <= window;

    /// <summary>Whether <paramref name="userId"/> may delete the post: only its author, at any time.</summary>
    public static bool MayDelete(string? authorId, string userId, bool deleted) =>
        !deleted && authorId is not null && authorId == userId;

    /// <summary>A hidden post is shown to instructors only (with a marker); everyone else never receives it.</summary>
    public static bool IsShown(bool hidden, bool viewerIsInstructor) => !hidden || viewerIsInstructor;

    /// <summary>
    /// How long the author must wait before posting again, or null when a post is allowed now: at most
    /// <paramref name="perMinute"/> posts in any 60 seconds.
    /// </summary>
    /// <param name="recent">When the author's recent posts were made (any order; older ones are ignored).</param>
    public static TimeSpan? WaitBeforePosting(IEnumerable<DateTime> recent, DateTime now, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var windowStart = now - TimeSpan.FromMinutes(1);
        var inWindow = recent.Where(t => t > windowStart && t <= now).Order().ToList();
        if (inWindow.Count < Math.Max(1, perMinute))
        {
            return null;
        }

        // The post that must leave the window for one more to fit.
        var blocking = inWindow[inWindow.Count - Math.Max(1, perMinute)];
        var wait = blocking + TimeSpan.FromMinutes(1) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
