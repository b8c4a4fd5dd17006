using LlmCourse.Web.Data;

namespace LlmCourse.Web.Discussion;

/// <summary>A reply to someone's thread, as the people who must hear about it are told.</summary>
/// <param name="ThreadUrl">Site-relative address of the reply (thread page and anchor).</param>
public sealed record ReplyNotice(
    long ThreadId, long PostId, string RecipientId, string ThreadTitle, string ReplierName, int Week, string ItemId, string ThreadUrl, DateTime PostedAt);

/// <summary>
/// The hook for telling a thread's author about a reply. Every registered notifier is called inside the
/// transaction that saves the reply, with the request's <see cref="AppDbContext"/> in its scope: a notifier adds
/// its rows (the in-site notification, and later an email outbox message) to that context and they are saved
/// together with the reply, or not at all. A notifier must not send anything itself; a background sender
/// reads its rows after the commit. The in-site list is <see cref="SiteNotifier"/>; email adds another
/// implementation with <c>services.AddScoped&lt;IDiscussionNotifier, …&gt;()</c>.
/// </summary>
public interface IDiscussionNotifier
{
    Task ReplyPostedAsync(ReplyNotice notice, CancellationToken ct);
}

/// <summary>The in-site notifications list (<c>/discussion/notifications</c>, unread count on the account page).</summary>
public sealed class SiteNotifier(AppDbContext db) : IDiscussionNotifier
{
    public Task ReplyPostedAsync(ReplyNotice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        db.Add(new DiscussionNotification { RecipientId = notice.RecipientId, ThreadId = notice.ThreadId, PostId = notice.PostId, CreatedAt = notice.PostedAt });
        return Task.CompletedTask;
    }
}
