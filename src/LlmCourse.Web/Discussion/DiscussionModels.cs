using System.Security.Claims;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Discussion;

/// <summary>Who is asking: the signed-in account (if any) and whether it is an instructor's.</summary>
public sealed record Viewer(string? UserId, bool IsInstructor)
{
    public static readonly Viewer Anonymous = new(null, false);

    public bool SignedIn => UserId is not null;

    public static Viewer From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new Viewer(id, user.IsInRole(Roles.Instructor))
            : Anonymous;
}

/// <summary>One line of a thread list.</summary>
/// <param name="Replies">Replies the caller may see that are not deleted.</param>
/// <param name="Hidden">The opening post is hidden (only instructors ever get such a line).</param>
public sealed record ThreadSummary(
    long Id, int Week, string ItemId, int? Slide, string Title, string AuthorName, DateTime CreatedAt, DateTime LastActivityAt,
    int Replies, bool IsQuestion, bool Answered, bool Pinned, bool Hidden);

/// <summary>What the caller may do with a post.</summary>
public sealed record PostActions(bool Edit, bool Delete, bool Hide, bool Unhide, bool MarkAnswer, bool Report, bool Reported)
{
    public static readonly PostActions None = new(false, false, false, false, false, false, false);

    public bool Any => Edit || Delete || Hide || Unhide || MarkAnswer || Report || Reported;
}

/// <summary>
/// A post as the caller may see it. A deleted post has no body (the thread shows a placeholder); a hidden post
/// only ever reaches instructors, marked as hidden.
/// </summary>
public sealed record ShownPost(
    long Id, long ThreadId, bool IsOpening, string AuthorName, bool AuthorIsInstructor, bool IsMine, DateTime CreatedAt, DateTime? EditedAt,
    bool Deleted, bool Hidden, string? BodyHtml, bool IsAnswer, PostActions Can);

/// <summary>A thread with the posts the caller may see, in order.</summary>
public sealed record ShownThread(
    ThreadSummary Summary, string ItemTitle, bool ItemIsLecture, IReadOnlyList<ShownPost> Posts, long? AnswerPostId, bool CanReply, bool CanModerate);

/// <summary>A post with open reports, for instructors.</summary>
public sealed record ReportedPost(long PostId, long ThreadId, string ThreadTitle, string AuthorName, string Excerpt, bool Hidden, bool Deleted, int Reports, IReadOnlyList<string> Reasons, DateTime LastReportedAt);

/// <summary>A notice in the learner's list.</summary>
public sealed record NotificationLine(long Id, long ThreadId, long PostId, string ThreadTitle, string ReplierName, DateTime CreatedAt, bool Unread);

/// <summary>What a discussion write came to; pages and the API turn it into their own answers.</summary>
public enum OutcomeKind
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    TooFast,
    Conflict,
}

public sealed record Outcome(OutcomeKind Kind, string? Message = null, long ThreadId = 0, long PostId = 0, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Kind == OutcomeKind.Done;

    public static Outcome Done(long threadId, long postId = 0) => new(OutcomeKind.Done, null, threadId, postId);

    public static readonly Outcome NotFound = new(OutcomeKind.NotFound, "No such post or thread, or you may not see it.");

    public static Outcome Forbidden(string message) => new(OutcomeKind.Forbidden, message);

    public static Outcome Invalid(string message) => new(OutcomeKind.Invalid, message);

    public static Outcome Conflict(string message) => new(OutcomeKind.Conflict, message);

    public static Outcome TooFast(TimeSpan wait, int perMinute)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        return new(OutcomeKind.TooFast, $"You are posting too fast: at most {perMinute} posts a minute. Wait {seconds} seconds and send again; your text is kept.", RetryAfter: TimeSpan.FromSeconds(seconds));
    }
}
