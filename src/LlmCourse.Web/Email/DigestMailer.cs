using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Study;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Email;

/// <summary>
/// Queues the daily digests that have come due: for each learner who opted in (with a confirmed address) whose
/// chosen hour has come in their time zone, the count of due cards per deck, by Core's definition of due
/// (<see cref="LearningSignals.IsDue"/>). The day is claimed by a conditional update of
/// <see cref="EmailPreferences.LastDigestDate"/> in the same transaction as the outbox row, so each learner gets
/// at most one digest per local day however many instances run this. A day with nothing due sends nothing.
/// </summary>
public sealed class DigestMailer(AppDbContext db, Outbox outbox, MailComposer composer, UnsubscribeLinks unsubscribe, CourseStore store, MailSetup setup, TimeProvider clock, ILogger<DigestMailer> logger)
{
    /// <summary>One pass; returns how many digests were queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!setup.CanSend || !store.IsLoaded)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var candidates = await db.EmailPreferences.AsNoTracking()
            .Where(p => p.Digest)
            .Join(db.Users.Where(u => u.EmailConfirmed && u.Email != null), p => p.UserId, u => u.Id, (p, u) => new { p.UserId, p.DigestHour, p.TimeZone, p.LastDigestDate, u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var person in candidates)
        {
            if (MailPreferences.FindZone(person.TimeZone) is not { } zone)
            {
                logger.LogWarning("Digest for {UserId} skipped: unknown time zone {Zone}", person.UserId, person.TimeZone);
                continue;
            }

            if (!DigestSchedule.IsDue(now, person.DigestHour, zone, person.LastDigestDate, out var day))
            {
                continue;
            }

            var decks = await DueDecksAsync(person.UserId, now, cancellationToken);
            MailContent? content = decks.Count == 0 ? null
                : await composer.DigestAsync(person.DisplayName, day, decks, unsubscribe.PageUrl(person.UserId, MailList.Digest));

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.EmailPreferences
                .Where(p => p.UserId == person.UserId && p.Digest && (p.LastDigestDate == null || p.LastDigestDate < day))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastDigestDate, day), cancellationToken);
            if (claimed == 0)
            {
                // Another instance made this day's digest a moment ago.
                continue;
            }

            if (content is not null)
            {
                outbox.Add(MailKinds.Digest, person.UserId, person.Email!, person.DisplayName, content, unsubscribe.OneClickUrl(person.UserId, MailList.Digest));
                await db.SaveChangesAsync(cancellationToken);
                queued++;
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        if (queued > 0)
        {
            outbox.Wake();
        }

        return queued;
    }

    /// <summary>Due cards per visible deck, in course order; decks with none are left out.</summary>
    public async Task<IReadOnlyList<DigestDeck>> DueDecksAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.StudyCards.AsNoTracking()
            .Where(c => c.UserId == userId && c.State != (int)CardLearningState.New)
            .ToListAsync(cancellationToken);
        var due = rows
            .Where(r => LearningSignals.IsDue(StudyService.ToState(r, r.CardId, now), now))
            .Select(r => StudyService.Key(r.WeekNumber, r.DeckId, r.CardId))
            .ToHashSet(StringComparer.Ordinal);
        var decks = new List<DigestDeck>();
        foreach (var week in store.Current.VisibleWeeks(now))
        {
            foreach (var deck in week.Items.OfType<Deck>())
            {
                var count = deck.Cards.Count(c => due.Contains(StudyService.Key(week.Number, deck.Id, c.Id)));
                if (count > 0)
                {
                    decks.Add(new DigestDeck(week.Number, deck.Title, count, setup.Link(CourseUrls.Item(week, deck) + "/study/flashcards")));
                }
            }
        }

        return decks;
    }
}

/// <summary>Every <c>Email:Digest:CheckSeconds</c>, queues the digests whose hour has come.</summary>
public sealed class DigestScheduler(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<EmailOptions> options, ILogger<DigestScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, options.Value.Digest.CheckSeconds));
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var queued = await scope.ServiceProvider.GetRequiredService<DigestMailer>().RunOnceAsync(stoppingToken);
                if (queued > 0)
                {
                    logger.LogInformation("Queued {Count} daily digests", queued);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Digest pass failed; trying again at the next check");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
