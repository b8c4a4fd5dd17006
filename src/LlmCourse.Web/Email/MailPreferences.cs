using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Email;

/// <summary>A person's course-mail choices, read and saved; the rules for hours and time zones are checked here.</summary>
public sealed class MailPreferences(AppDbContext db, TimeProvider clock)
{
    /// <summary>Every IANA time zone this machine knows, for the preferences form.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append(EmailPreferences.DefaultTimeZone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The zone for an IANA id, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public async Task<EmailPreferences> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.EmailPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken)
        ?? new EmailPreferences { UserId = userId };

    /// <summary>Saves the choices; returns the problems (and saves nothing) when the hour or zone is not right.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string userId, bool announcements, bool digest, int hour, string? timeZone, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (hour is < 0 or > 23)
        {
            problems.Add("Choose an hour from 0 to 23.");
        }

        var zone = FindZone(timeZone);
        if (zone is null)
        {
            problems.Add("Choose a time zone from the list.");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var row = await db.EmailPreferences.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new EmailPreferences { UserId = userId };
            db.EmailPreferences.Add(row);
        }

        row.Announcements = announcements;
        row.Digest = digest;
        row.DigestHour = hour;
        row.TimeZone = zone!.Id;

        // The first digest comes at the next chosen hour, not at once; and moving the hour or the zone never
        // brings a second digest on a day that already had one.
        var now = clock.GetUtcNow();
        var today = DigestSchedule.LocalDay(now, zone);
        var done = now >= DigestSchedule.SendTime(today, hour, zone) ? today : today.AddDays(-1);
        if (row.LastDigestDate is { } last)
        {
            var kept = last < today ? last : today;
            done = kept > done ? kept : done;
        }

        row.LastDigestDate = done;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Takes the account off one list; true when it was on it.</summary>
    public async Task<bool> UnsubscribeAsync(string userId, MailList list, CancellationToken cancellationToken = default) =>
        list == MailList.Announcements
            ? await db.EmailPreferences.Where(p => p.UserId == userId && p.Announcements).ExecuteUpdateAsync(s => s.SetProperty(p => p.Announcements, false), cancellationToken) > 0
            : await db.EmailPreferences.Where(p => p.UserId == userId && p.Digest).ExecuteUpdateAsync(s => s.SetProperty(p => p.Digest, false), cancellationToken) > 0;

    public static string Describe(MailList list) => list == MailList.Announcements ? "announcements" : "the daily digest of due flashcards";
}
