using LlmCourse.Core.Content;
using LlmCourse.Core.Discussion;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Discussion;

/// <summary>
/// The discussion's reads and writes, each checking who asks: a thread exists for a caller only when its item
/// is visible to them (<see cref="CourseCatalog"/>, the course's one visibility rule) and its opening post is
/// not hidden from them; the rules on editing, deleting, hiding and posting speed are Core's
/// <see cref="DiscussionRules"/>. Pages and the API only translate the <see cref="Outcome"/>.
/// </summary>
public sealed class DiscussionService(
    AppDbContext db, CourseCatalog catalog, TimeProvider clock, IOptions<DiscussionOptions> options, IEnumerable<IDiscussionNotifier> notifiers, ThreadDigest digest)
{
    public const string FormerLearner = "Former learner";

    private DbSet<DiscussionThread> Threads => db.Set<DiscussionThread>();

    private DbSet<DiscussionPost> Posts => db.Set<DiscussionPost>();

    private DbSet<DiscussionReport> Reports => db.Set<DiscussionReport>();

    private DbSet<DiscussionNotification> Notifications => db.Set<DiscussionNotification>();

    private DiscussionOptions Options => options.Value;

    /// <summary>The threads of an item the caller can see (the caller checked the item is visible), pinned first, then the most recently active.</summary>
    public async Task<IReadOnlyList<ThreadSummary>> ListAsync(int week, string itemId, int? slide, Viewer viewer, CancellationToken ct = default)
    {
        var query = Threads.Where(t => t.WeekNumber == week && t.ItemId == itemId);
        if (slide is { } s)
        {
            query = query.Where(t => t.Slide == s);
        }

        return await SummariesAsync(db, query, viewer.IsInstructor, ct);
    }

    /// <summary>A thread and the posts the caller may see, or null when it does not exist for them.</summary>
    public async Task<ShownThread?> GetThreadAsync(long threadId, Viewer viewer, CancellationToken ct = default)
    {
        var thread = await Threads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null || catalog.FindItem(thread.WeekNumber, thread.ItemId) is not var (_, item))
        {
            return null;
        }

        var posts = await Posts.AsNoTracking().Where(p => p.ThreadId == threadId).OrderBy(p => p.Id).ToListAsync(ct);
        var opening = posts.FirstOrDefault(p => p.IsOpening);
        if (opening is null || !DiscussionRules.IsShown(opening.HiddenAt is not null, viewer.IsInstructor))
        {
            return null;
        }

        var shown = posts.Where(p => DiscussionRules.IsShown(p.HiddenAt is not null, viewer.IsInstructor)).ToList();
        var authors = await AuthorsAsync(shown.Select(p => p.AuthorId).Append(thread.AuthorId), ct);
        var reported = viewer.UserId is { } me
            ? (await Reports.Where(r => r.ReporterId == me && Posts.Any(p => p.Id == r.PostId && p.ThreadId == threadId)).Select(r => r.PostId).ToListAsync(ct)).ToHashSet()
            : [];
        var now = clock.GetUtcNow().UtcDateTime;
        var list = shown.Select(p => Show(p, thread, viewer, authors, reported.Contains(p.Id), now)).ToList();
        var replies = shown.Count(p => !p.IsOpening && p.DeletedAt is null);
        var summary = new ThreadSummary(
            thread.Id, thread.WeekNumber, thread.ItemId, thread.Slide, thread.Title, AuthorName(authors, thread.AuthorId), thread.CreatedAt, thread.LastActivityAt,
            replies, thread.IsQuestion, thread.AnswerPostId is not null, thread.PinnedAt is not null, opening.HiddenAt is not null);
        return new ShownThread(summary, item.Title, item is Lecture, list, thread.AnswerPostId, viewer.SignedIn, viewer.IsInstructor);
    }

    /// <summary>The caller's own post, for its edit form; null when it is not theirs to see.</summary>
    public async Task<(DiscussionPost Post, DiscussionThread Thread)?> GetOwnPostAsync(long postId, Viewer viewer, CancellationToken ct = default)
    {
        var found = await FindVisiblePostAsync(postId, viewer, tracking: false, ct);
        return found is { Post.AuthorId: { } author } && author == viewer.UserId ? found : null;
    }

    /// <summary>Whether the caller may still edit the post now (its author, within the edit window, not deleted).</summary>
    public bool MayEditNow(DiscussionPost post, Viewer viewer) =>
        viewer.UserId is { } me && DiscussionRules.MayEdit(post.AuthorId, me, post.CreatedAt, post.DeletedAt is not null, clock.GetUtcNow().UtcDateTime, Options.EditWindow);

    public TimeSpan EditWindow => Options.EditWindow;

    public async Task<Outcome> StartThreadAsync(int week, string itemId, int? slide, string? title, string? body, bool isQuestion, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me)
        {
            return Outcome.Forbidden("Sign in to post.");
        }

        if (catalog.FindItem(week, itemId) is not var (_, item))
        {
            return Outcome.NotFound;
        }

        if (slide is { } s && (item is not Lecture lecture || s < 1 || s > lecture.Slides.Count))
        {
            return Outcome.Invalid(item is Lecture l ? $"The lecture has slides 1 to {l.Slides.Count}." : "Only a lecture's threads can be about a slide.");
        }

        if ((DiscussionRules.CheckTitle(title) ?? DiscussionRules.CheckBody(body)) is { } problem)
        {
            return Outcome.Invalid(problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await TooFastAsync(viewer, now, ct) is { } tooFast)
        {
            return tooFast;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var thread = new DiscussionThread
        {
            WeekNumber = week, ItemId = itemId, Slide = slide, Title = title!.Trim(), AuthorId = me, IsQuestion = isQuestion,
            CreatedAt = now, LastActivityAt = now, Revision = 1,
        };
        Threads.Add(thread);
        await db.SaveChangesAsync(ct);
        var post = NewPost(thread.Id, me, body!, now, opening: true);
        Posts.Add(post);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id, post.Id);
    }

    public async Task<Outcome> ReplyAsync(long threadId, string? body, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me)
        {
            return Outcome.Forbidden("Sign in to reply.");
        }

        var thread = await FindVisibleThreadAsync(threadId, viewer, ct);
        if (thread is null)
        {
            return Outcome.NotFound;
        }

        if (DiscussionRules.CheckBody(body) is { } problem)
        {
            return Outcome.Invalid(problem);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await TooFastAsync(viewer, now, ct) is { } tooFast)
        {
            return tooFast;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var post = NewPost(thread.Id, me, body!, now, opening: false);
        Posts.Add(post);
        thread.LastActivityAt = now;
        thread.Revision++;
        await db.SaveChangesAsync(ct);
        if (thread.AuthorId is { } author && author != me)
        {
            var replier = await db.Users.Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "Someone";
            var notice = new ReplyNotice(thread.Id, post.Id, author, thread.Title, replier, thread.WeekNumber, thread.ItemId, DiscussionUrls.Post(thread.Id, post.Id), now);
            foreach (var notifier in notifiers)
            {
                await notifier.ReplyPostedAsync(notice, ct);
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id, post.Id);
    }

    public async Task<Outcome> EditAsync(long postId, string? body, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me)
        {
            return Outcome.Forbidden("Sign in to edit your posts.");
        }

        if (await FindVisiblePostAsync(postId, viewer, tracking: true, ct) is not var (post, thread))
        {
            return Outcome.NotFound;
        }

        if (post.AuthorId != me || post.DeletedAt is not null)
        {
            return Outcome.Forbidden(post.DeletedAt is null ? "You can only edit your own posts." : "A deleted post cannot be edited.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!DiscussionRules.MayEdit(post.AuthorId, me, post.CreatedAt, deleted: false, now, Options.EditWindow))
        {
            return Outcome.Conflict($"A post can be edited for {Options.EditWindow.TotalMinutes:0} minutes after posting; that time is over. You can still delete it.");
        }

        if (DiscussionRules.CheckBody(body) is { } problem)
        {
            return Outcome.Invalid(problem);
        }

        post.BodyMarkdown = body!.Trim();
        post.BodyHtml = PostMarkdown.RenderHtml(post.BodyMarkdown);
        post.EditedAt = now;
        thread.Revision++;
        await db.SaveChangesAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id, post.Id);
    }

    /// <summary>The author deletes their post: the text is erased, the row stays as a placeholder. Deleting twice changes nothing.</summary>
    public async Task<Outcome> DeleteAsync(long postId, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me)
        {
            return Outcome.Forbidden("Sign in to delete your posts.");
        }

        if (await FindVisiblePostAsync(postId, viewer, tracking: true, ct) is not var (post, thread))
        {
            return Outcome.NotFound;
        }

        if (post.AuthorId != me)
        {
            return Outcome.Forbidden("You can only delete your own posts.");
        }

        if (post.DeletedAt is null)
        {
            Erase(post, clock.GetUtcNow().UtcDateTime);
            if (thread.AnswerPostId == post.Id)
            {
                thread.AnswerPostId = null;
                thread.AnsweredAt = null;
            }

            thread.Revision++;
            await db.SaveChangesAsync(ct);
            await digest.RefreshAfterWriteAsync(ct);
        }

        return Outcome.Done(thread.Id, post.Id);
    }

    /// <summary>An instructor hides (or shows again) a post. Hiding resolves its reports and, if it was the answer, unmarks it.</summary>
    public async Task<Outcome> SetHiddenAsync(long postId, bool hidden, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return Outcome.Forbidden("Only instructors can hide posts.");
        }

        if (await FindVisiblePostAsync(postId, viewer, tracking: true, ct) is not var (post, thread))
        {
            return Outcome.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (hidden && post.HiddenAt is null)
        {
            post.HiddenAt = now;
            post.HiddenById = viewer.UserId;
            if (thread.AnswerPostId == post.Id)
            {
                thread.AnswerPostId = null;
                thread.AnsweredAt = null;
            }

            await Reports.Where(r => r.PostId == post.Id && r.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now), ct);
        }
        else if (!hidden && post.HiddenAt is not null)
        {
            post.HiddenAt = null;
            post.HiddenById = null;
        }

        thread.Revision++;
        await db.SaveChangesAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id, post.Id);
    }

    public async Task<Outcome> SetPinnedAsync(long threadId, bool pinned, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return Outcome.Forbidden("Only instructors can pin threads.");
        }

        var thread = await FindVisibleThreadAsync(threadId, viewer, ct);
        if (thread is null)
        {
            return Outcome.NotFound;
        }

        thread.PinnedAt = pinned ? thread.PinnedAt ?? clock.GetUtcNow().UtcDateTime : null;
        thread.Revision++;
        await db.SaveChangesAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id);
    }

    /// <summary>An instructor marks which reply answers a question (or, with no post, unmarks it).</summary>
    public async Task<Outcome> MarkAnswerAsync(long threadId, long? postId, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return Outcome.Forbidden("Only instructors can mark answers.");
        }

        var thread = await FindVisibleThreadAsync(threadId, viewer, ct);
        if (thread is null)
        {
            return Outcome.NotFound;
        }

        if (postId is { } id)
        {
            if (!thread.IsQuestion)
            {
                return Outcome.Invalid("This thread is a comment, not a question: it has no answer to mark.");
            }

            var post = await Posts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ThreadId == thread.Id, ct);
            if (post is null)
            {
                return Outcome.NotFound;
            }

            if (post.IsOpening || post.HiddenAt is not null || post.DeletedAt is not null)
            {
                return Outcome.Invalid("Only a reply that learners can read can be the answer.");
            }

            thread.AnswerPostId = id;
            thread.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        }
        else
        {
            thread.AnswerPostId = null;
            thread.AnsweredAt = null;
        }

        thread.Revision++;
        await db.SaveChangesAsync(ct);
        await digest.RefreshAfterWriteAsync(ct);
        return Outcome.Done(thread.Id, postId ?? 0);
    }

    /// <summary>Someone signed in flags a post for instructors; once per person per post, never their own.</summary>
    public async Task<Outcome> ReportAsync(long postId, string? reason, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.UserId is not { } me)
        {
            return Outcome.Forbidden("Sign in to report a post.");
        }

        if (await FindVisiblePostAsync(postId, viewer, tracking: false, ct) is not var (post, thread))
        {
            return Outcome.NotFound;
        }

        reason = (reason ?? "").Trim();
        if (post.AuthorId == me || post.DeletedAt is not null)
        {
            return Outcome.Invalid(post.DeletedAt is null ? "You cannot report your own post; you can edit or delete it." : "This post was deleted.");
        }

        if (reason.Length > 500)
        {
            return Outcome.Invalid($"Say why in at most 500 characters (this has {reason.Length}).");
        }

        if (await Reports.AnyAsync(r => r.PostId == postId && r.ReporterId == me, ct))
        {
            return Outcome.Conflict("You have already reported this post; instructors will look at it.");
        }

        Reports.Add(new DiscussionReport { PostId = postId, ReporterId = me, Reason = reason, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second click, on another instance, won the race: one report stands.
            return Outcome.Conflict("You have already reported this post; instructors will look at it.");
        }

        return Outcome.Done(thread.Id, postId);
    }

    public async Task<Outcome> DismissReportsAsync(long postId, Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return Outcome.Forbidden("Only instructors can dismiss reports.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await Reports.Where(r => r.PostId == postId && r.ResolvedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.ResolvedAt, now), ct);
        return changed == 0 ? Outcome.NotFound : Outcome.Done(0, postId);
    }

    /// <summary>Every question still waiting for an answer on an item the instructor can open now, oldest first, with the item's title (instructors only).</summary>
    public async Task<IReadOnlyList<(ThreadSummary Thread, string ItemTitle)>> UnansweredAsync(Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return [];
        }

        var open = Threads.Where(t => t.IsQuestion && t.AnswerPostId == null
                                      && !Posts.Any(p => p.ThreadId == t.Id && p.IsOpening && p.DeletedAt != null));
        var summaries = await SummariesAsync(db, open, includeHidden: false, ct);
        return [.. summaries
            .Select(s => (s, Title: catalog.FindItem(s.Week, s.ItemId)?.Item.Title))
            .Where(x => x.Title is not null)
            .OrderBy(x => x.s.CreatedAt)
            .Select(x => (x.s, x.Title!))];
    }

    /// <summary>Posts with open reports, most recently reported first (instructors only).</summary>
    public async Task<IReadOnlyList<ReportedPost>> OpenReportsAsync(Viewer viewer, CancellationToken ct = default)
    {
        if (!viewer.IsInstructor)
        {
            return [];
        }

        var reports = await Reports.AsNoTracking().Where(r => r.ResolvedAt == null).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        var postIds = reports.Select(r => r.PostId).Distinct().ToList();
        var posts = await Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var threadIds = posts.Values.Select(p => p.ThreadId).Distinct().ToList();
        var threads = await Threads.AsNoTracking().Where(t => threadIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var authors = await AuthorsAsync(posts.Values.Select(p => p.AuthorId), ct);
        return [.. reports.GroupBy(r => r.PostId).Where(g => posts.ContainsKey(g.Key)).Select(g =>
        {
            var post = posts[g.Key];
            var text = CourseMarkdown.ToPlainText(post.BodyMarkdown).Replace('\n', ' ');
            return new ReportedPost(
                post.Id, post.ThreadId, threads[post.ThreadId].Title, AuthorName(authors, post.AuthorId), text.Length > 200 ? text[..200] + "…" : text,
                post.HiddenAt is not null, post.DeletedAt is not null, g.Count(), [.. g.Select(r => r.Reason).Where(r => r.Length > 0)], g.Max(r => r.CreatedAt));
        })];
    }

    public Task<int> UnreadCountAsync(string userId, CancellationToken ct = default) =>
        VisibleNotifications(userId).CountAsync(n => n.ReadAt == null, ct);

    /// <summary>The learner's latest notices (replies later hidden or deleted are left out).</summary>
    public async Task<IReadOnlyList<NotificationLine>> NotificationsAsync(string userId, CancellationToken ct = default)
    {
        var rows = await VisibleNotifications(userId)
            .OrderByDescending(n => n.Id)
            .Take(100)
            .Select(n => new
            {
                n.Id, n.ThreadId, n.PostId, n.CreatedAt, n.ReadAt,
                Title = Threads.Where(t => t.Id == n.ThreadId).Select(t => t.Title).First(),
                Replier = Posts.Where(p => p.Id == n.PostId).Select(p => db.Users.Where(u => u.Id == p.AuthorId).Select(u => u.DisplayName).FirstOrDefault()).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new NotificationLine(r.Id, r.ThreadId, r.PostId, r.Title, r.Replier ?? FormerLearner, r.CreatedAt, r.ReadAt is null))];
    }

    /// <summary>Marks one notice (or, with no id, all) as read; returns the thread address of the one notice, if any.</summary>
    public async Task<string?> MarkReadAsync(string userId, long? notificationId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null);
        if (notificationId is not { } id)
        {
            await mine.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
            return null;
        }

        var notice = await Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == userId, ct);
        if (notice is null)
        {
            return null;
        }

        await mine.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return DiscussionUrls.Post(notice.ThreadId, notice.PostId);
    }

    /// <summary>
    /// Erases what an account wrote before the account is deleted: post texts become deleted placeholders and
    /// thread titles a neutral one, so others' replies keep their thread (the author columns then become null).
    /// </summary>
    public static async Task ForgetAuthorAsync(AppDbContext db, string userId, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var posts = db.Set<DiscussionPost>();
        await db.Set<DiscussionThread>()
            .Where(t => t.AuthorId == userId || posts.Any(p => p.ThreadId == t.Id && p.AuthorId == userId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Revision, t => t.Revision + 1), ct);
        await db.Set<DiscussionThread>().Where(t => t.AuthorId == userId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "Deleted thread"), ct);
        await posts.Where(p => p.AuthorId == userId).ExecuteUpdateAsync(
            s => s.SetProperty(p => p.BodyMarkdown, "").SetProperty(p => p.BodyHtml, "").SetProperty(p => p.DeletedAt, p => p.DeletedAt ?? now),
            ct);
    }

    /// <summary>Thread lines for a query of threads: reply counts, author names and the opening post's hidden state, in one query.</summary>
    internal static async Task<List<ThreadSummary>> SummariesAsync(AppDbContext db, IQueryable<DiscussionThread> threads, bool includeHidden, CancellationToken ct)
    {
        var posts = db.Set<DiscussionPost>();
        var rows = await threads.AsNoTracking().Select(t => new
        {
            Thread = t,
            Hidden = posts.Any(p => p.ThreadId == t.Id && p.IsOpening && p.HiddenAt != null),
            Replies = posts.Count(p => p.ThreadId == t.Id && !p.IsOpening && p.DeletedAt == null && (includeHidden || p.HiddenAt == null)),
            Author = db.Users.Where(u => u.Id == t.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
        }).ToListAsync(ct);
        return [.. rows
            .Where(r => includeHidden || !r.Hidden)
            .Select(r => new ThreadSummary(
                r.Thread.Id, r.Thread.WeekNumber, r.Thread.ItemId, r.Thread.Slide, r.Thread.Title, r.Author ?? FormerLearner, r.Thread.CreatedAt,
                r.Thread.LastActivityAt, r.Replies, r.Thread.IsQuestion, r.Thread.AnswerPostId is not null, r.Thread.PinnedAt is not null, r.Hidden))
            .OrderByDescending(s => s.Pinned)
            .ThenByDescending(s => s.LastActivityAt)
            .ThenByDescending(s => s.Id)];
    }

    private IQueryable<DiscussionNotification> VisibleNotifications(string userId) =>
        Notifications.Where(n => n.RecipientId == userId && Posts.Any(p => p.Id == n.PostId && p.HiddenAt == null && p.DeletedAt == null));

    private static DiscussionPost NewPost(long threadId, string authorId, string body, DateTime now, bool opening)
    {
        var markdown = body.Trim();
        return new DiscussionPost
        {
            ThreadId = threadId, IsOpening = opening, AuthorId = authorId, BodyMarkdown = markdown, BodyHtml = PostMarkdown.RenderHtml(markdown), CreatedAt = now,
        };
    }

    private static void Erase(DiscussionPost post, DateTime now)
    {
        post.DeletedAt = now;
        post.BodyMarkdown = "";
        post.BodyHtml = "";
    }

    private async Task<Outcome?> TooFastAsync(Viewer viewer, DateTime now, CancellationToken ct)
    {
        if (viewer.IsInstructor)
        {
            return null;
        }

        var since = now.AddMinutes(-1);
        var recent = await Posts.Where(p => p.AuthorId == viewer.UserId && p.CreatedAt > since).Select(p => p.CreatedAt).ToListAsync(ct);
        return DiscussionRules.WaitBeforePosting(recent, now, Options.PostsPerMinute) is { } wait ? Outcome.TooFast(wait, Options.PostsPerMinute) : null;
    }

    /// <summary>A thread (tracked, for writing) whose item the caller may see and whose opening post is not hidden from them.</summary>
    private async Task<DiscussionThread?> FindVisibleThreadAsync(long threadId, Viewer viewer, CancellationToken ct)
    {
        var thread = await Threads.FirstOrDefaultAsync(t => t.Id == threadId, ct);
        if (thread is null || catalog.FindItem(thread.WeekNumber, thread.ItemId) is null)
        {
            return null;
        }

        var openingHidden = await Posts.AnyAsync(p => p.ThreadId == threadId && p.IsOpening && p.HiddenAt != null, ct);
        return DiscussionRules.IsShown(openingHidden, viewer.IsInstructor) ? thread : null;
    }

    /// <summary>A post and its thread, both visible to the caller (a hidden post exists for instructors only).</summary>
    private async Task<(DiscussionPost Post, DiscussionThread Thread)?> FindVisiblePostAsync(long postId, Viewer viewer, bool tracking, CancellationToken ct)
    {
        var query = tracking ? Posts : Posts.AsNoTracking();
        var post = await query.FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null || !DiscussionRules.IsShown(post.HiddenAt is not null, viewer.IsInstructor))
        {
            return null;
        }

        var thread = await FindVisibleThreadAsync(post.ThreadId, viewer, ct);
        return thread is null ? null : (post, thread);
    }

    private async Task<Dictionary<string, (string Name, bool Instructor)>> AuthorsAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var instructors = (await (from link in db.UserRoles
                                  join role in db.Roles on link.RoleId equals role.Id
                                  where role.Name == Roles.Instructor && wanted.Contains(link.UserId)
                                  select link.UserId).ToListAsync(ct)).ToHashSet();
        return names.ToDictionary(n => n.Id, n => (n.DisplayName, instructors.Contains(n.Id)));
    }

    private static string AuthorName(Dictionary<string, (string Name, bool Instructor)> authors, string? id) =>
        id is not null && authors.TryGetValue(id, out var a) ? a.Name : FormerLearner;

    private ShownPost Show(DiscussionPost p, DiscussionThread thread, Viewer viewer, Dictionary<string, (string Name, bool Instructor)> authors, bool reported, DateTime now)
    {
        var deleted = p.DeletedAt is not null;
        var hidden = p.HiddenAt is not null;
        var me = viewer.UserId;
        var mine = me is not null && p.AuthorId == me;
        var author = p.AuthorId is not null && authors.TryGetValue(p.AuthorId, out var a) ? a : (FormerLearner, false);
        var can = me is null
            ? PostActions.None
            : new PostActions(
                Edit: DiscussionRules.MayEdit(p.AuthorId, me, p.CreatedAt, deleted, now, Options.EditWindow),
                Delete: DiscussionRules.MayDelete(p.AuthorId, me, deleted),
                Hide: viewer.IsInstructor && !hidden && !deleted,
                Unhide: viewer.IsInstructor && hidden,
                MarkAnswer: viewer.IsInstructor && thread.IsQuestion && !p.IsOpening && !hidden && !deleted && thread.AnswerPostId != p.Id,
                Report: !mine && !deleted && !hidden && !reported,
                Reported: reported);
        return new ShownPost(
            p.Id, p.ThreadId, p.IsOpening, deleted ? "" : author.Item1, !deleted && author.Item2, mine, p.CreatedAt, p.EditedAt, deleted, hidden,
            deleted ? null : p.BodyHtml, thread.AnswerPostId == p.Id, can);
    }
}
