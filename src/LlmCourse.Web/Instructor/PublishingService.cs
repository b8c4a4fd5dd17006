using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Instructor;

/// <summary>The result of a publishing action: done, or refused with the problems that block it.</summary>
public sealed record PublishOutcome(bool Done, IReadOnlyList<ContentError> Problems, string? Message = null)
{
    public static PublishOutcome Refused(string message) => new(false, [], message);
}

/// <summary>
/// Moves weeks between Draft, Scheduled and Published. Publishing and scheduling validate the whole week
/// first; every change is stored with who and when and written to the audit log.
/// </summary>
public sealed class PublishingService(AppDbContext db, CourseStore store, TimeProvider clock)
{
    /// <summary>What blocks week <paramref name="number"/> from appearing at <paramref name="releaseAt"/>.</summary>
    public IReadOnlyList<ContentError> Validate(int number, DateTimeOffset releaseAt)
    {
        var snapshot = store.Current;
        var week = snapshot.FindWeek(number);
        var weekText = week is null ? null : store.Files.GetValueOrDefault(week.SourceFile);
        return PublishValidator.ValidateWeek(snapshot, number, releaseAt, VisibleFrom, weekText);
    }

    /// <summary>When learners can see week <paramref name="number"/> as things stand (null: not at all).</summary>
    public DateTimeOffset? VisibleFrom(int number) =>
        store.Current.FindWeek(number) is { } week ? store.StateOf(week).VisibleFrom : null;

    public Task<PublishOutcome> PublishAsync(int number, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(number, PublicationStatus.Published, null, actor, cancellationToken);

    public Task<PublishOutcome> ScheduleAsync(int number, DateTimeOffset releaseAt, string actor, CancellationToken cancellationToken = default) =>
        releaseAt <= clock.GetUtcNow()
            ? Task.FromResult(PublishOutcome.Refused("The release time has passed: pick a later one, or publish now."))
            : ChangeAsync(number, PublicationStatus.Scheduled, releaseAt, actor, cancellationToken);

    public Task<PublishOutcome> UnpublishAsync(int number, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(number, PublicationStatus.Draft, null, actor, cancellationToken);

    private async Task<PublishOutcome> ChangeAsync(int number, PublicationStatus status, DateTimeOffset? releaseAt, string actor, CancellationToken cancellationToken)
    {
        if (store.Current.FindWeek(number) is null)
        {
            return PublishOutcome.Refused($"There is no week {number}.");
        }

        var now = clock.GetUtcNow();
        if (status != PublicationStatus.Draft)
        {
            var problems = Validate(number, releaseAt ?? now);
            if (problems.Count > 0)
            {
                return new PublishOutcome(false, problems, $"Week {number} was not {(status == PublicationStatus.Published ? "published" : "scheduled")}: fix these problems first.");
            }
        }

        var row = await db.WeekPublications.FirstOrDefaultAsync(p => p.WeekNumber == number, cancellationToken);
        if (row is null)
        {
            row = new WeekPublication { WeekNumber = number };
            db.WeekPublications.Add(row);
        }

        row.State = status.ToString();
        row.ReleaseAt = releaseAt?.UtcDateTime;
        row.ChangedBy = actor;
        row.ChangedAt = now.UtcDateTime;
        var action = status switch
        {
            PublicationStatus.Published => "publish",
            PublicationStatus.Scheduled => "schedule",
            _ => "unpublish",
        };
        db.PublishingAudit.Add(new PublishingAuditEntry
        {
            At = now.UtcDateTime,
            Actor = actor,
            Action = action,
            Target = $"week {number}",
            Detail = releaseAt is { } at ? $"release at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "",
        });
        await db.SaveChangesAsync(cancellationToken);
        await store.ReloadAsync(cancellationToken);
        return new PublishOutcome(true, [], status switch
        {
            PublicationStatus.Published => $"Week {number} is published.",
            PublicationStatus.Scheduled => $"Week {number} will appear at {releaseAt:yyyy-MM-dd HH:mm} UTC.",
            _ => $"Week {number} is a draft again: learners no longer see it.",
        });
    }
}
