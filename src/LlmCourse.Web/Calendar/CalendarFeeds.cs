using System.Security.Cryptography;
using System.Text;
using LlmCourse.Core.Calendar;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Calendar;

/// <summary>
/// The course calendar for one user, as a page and as an iCalendar feed, and the secret feed addresses that let
/// calendar apps (which send no cookie) read it. A learner sees only what they may see (<see cref="CourseCalendar.ForLearner"/>),
/// with their own overrides; an instructor sees every week's dates, scheduled and draft ones included.
/// </summary>
public sealed class CalendarFeeds(AppDbContext db, CourseStore store, QuizOverrides overrides, TimeProvider clock)
{
    public const string TokenPrefix = "cal_";

    /// <summary>The events the user may see now.</summary>
    public async Task<IReadOnlyList<CalendarEvent>> EventsAsync(string userId, bool instructor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var course = store.Current.Course;
        return instructor
            ? CourseCalendar.ForInstructor(course, now)
            : CourseCalendar.ForLearner(course, now, await overrides.ForLearnerAsync(userId, ct));
    }

    /// <summary>Whether the user is an instructor (their calendar then shows everything).</summary>
    public Task<bool> IsInstructorAsync(string userId, CancellationToken ct = default) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where ur.UserId == userId && r.Name == Roles.Instructor
         select ur).AnyAsync(ct);

    /// <summary>The iCalendar document of <paramref name="events"/>; UIDs and links are made absolute with <paramref name="origin"/> (<c>https://host</c>).</summary>
    public string Feed(IReadOnlyList<CalendarEvent> events, string origin)
    {
        ArgumentNullException.ThrowIfNull(events);
        var host = new Uri(origin).Host;
        var title = store.Current.Course.Title;
        return ICalendar.Write(
            title,
            events.Select(e => new FeedEvent(
                $"{e.Key}@{host}",
                e.At,
                e.Title,
                Description(e, title),
                e.Visible ? origin + (e.ItemId is { } item ? CourseUrls.Item(e.Week, item) : CourseUrls.Week(e.Week)) : null)),
            clock.GetUtcNow());
    }

    /// <summary>Whether the user has a feed address now.</summary>
    public Task<bool> HasFeedAsync(string userId, CancellationToken ct = default) =>
        db.CalendarFeeds.AnyAsync(f => f.UserId == userId, ct);

    /// <summary>
    /// A new secret feed token for the user, replacing any earlier one (which stops working at once). Returned in
    /// clear text once; only its hash is kept.
    /// </summary>
    public async Task<string> RotateAsync(string userId, CancellationToken ct = default)
    {
        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.UserId == userId, ct);
        if (row is null)
        {
            row = new CalendarFeed { UserId = userId };
            db.CalendarFeeds.Add(row);
        }

        row.TokenHash = Hash(token);
        row.CreatedAt = clock.GetUtcNow().UtcDateTime;
        row.LastReadAt = null;
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>Removes the user's feed address; calendar apps that use it get 404 from then on.</summary>
    public Task<int> RevokeAsync(string userId, CancellationToken ct = default) =>
        db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteDeleteAsync(ct);

    /// <summary>The user a feed token belongs to, or null for an unknown, revoked or malformed one.</summary>
    public async Task<string?> UserOfAsync(string? token, CancellationToken ct = default)
    {
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var userId = await db.CalendarFeeds.Where(f => f.TokenHash == hash).Select(f => f.UserId).FirstOrDefaultAsync(ct);
        if (userId is not null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.CalendarFeeds.Where(f => f.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(f => f.LastReadAt, now), ct);
        }

        return userId;
    }

    public static string Path(string token) => $"/calendar/feed/{Uri.EscapeDataString(token)}.ics";

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Description(CalendarEvent e, string course) => e.Kind switch
    {
        CalendarEventKind.WeekRelease => $"{course}: week {e.Week} becomes available.",
        CalendarEventKind.QuizOpens => $"{course}, week {e.Week}: the quiz opens for attempts.",
        _ when e.Personal => $"{course}, week {e.Week}: your own close date, set by an instructor. Attempts still open then are closed with what was saved.",
        _ => $"{course}, week {e.Week}: the quiz closes. Attempts still open then are closed with what was saved.",
    } + (e.Visible ? "" : " (Not visible to learners yet.)");
}
