using LlmCourse.Core.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Announcements;

/// <summary>Posting and listing announcements.</summary>
public sealed class AnnouncementService(AppDbContext db, Outbox outbox, MailComposer composer, UnsubscribeLinks unsubscribe, MailSetup setup, AnnouncementBoard board, TimeProvider clock)
{
    public const int MaxTitle = 200;
    public const int MaxBody = 20_000;

    public async Task<IReadOnlyList<AnnouncementView>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Announcements.AsNoTracking()
            .OrderByDescending(a => a.PostedAt).ThenByDescending(a => a.Id)
            .Take(100)
            .Select(a => new AnnouncementView(a.Id, a.Title, a.BodyHtml, a.AuthorName, a.PostedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Posts an announcement and, in the same SaveChanges, one outbox message for every account that opted in to
    /// announcements and has a confirmed address. The Markdown is rendered once, here, by the course's pipeline.
    /// </summary>
    public async Task<(Announcement? Posted, IReadOnlyList<string> Problems)> PostAsync(string title, string body, string authorName, CancellationToken cancellationToken)
    {
        title = MailText.HeaderText(title);
        body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var problems = new List<string>();
        if (title.Length == 0)
        {
            problems.Add("Give the announcement a title.");
        }
        else if (title.Length > MaxTitle)
        {
            problems.Add($"The title may have at most {MaxTitle} characters.");
        }

        if (body.Length == 0)
        {
            problems.Add("Write the announcement.");
        }
        else if (body.Length > MaxBody)
        {
            problems.Add($"The announcement may have at most {MaxBody} characters.");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var announcement = new Announcement
        {
            Title = title,
            Body = body,
            BodyHtml = CourseMarkdown.RenderHtml(body),
            AuthorName = MailText.HeaderText(authorName),
            PostedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Announcements.Add(announcement);

        if (setup.CanSend)
        {
            var recipients = await db.EmailPreferences.AsNoTracking()
                .Where(p => p.Announcements)
                .Join(db.Users.Where(u => u.EmailConfirmed && u.Email != null), p => p.UserId, u => u.Id, (p, u) => new { u.Id, u.Email, u.DisplayName })
                .ToListAsync(cancellationToken);
            foreach (var person in recipients.Where(r => MailText.IsSingleAddress(r.Email)))
            {
                var content = await composer.AnnouncementAsync(announcement.Title, announcement.AuthorName, body, announcement.BodyHtml, unsubscribe.PageUrl(person.Id, MailList.Announcements));
                outbox.Add(MailKinds.Announcement, person.Id, person.Email!, person.DisplayName, content, unsubscribe.OneClickUrl(person.Id, MailList.Announcements));
                announcement.Recipients++;
            }
        }

        await outbox.SaveAsync(cancellationToken);
        await board.RefreshAsync(cancellationToken);
        return (announcement, []);
    }
}
