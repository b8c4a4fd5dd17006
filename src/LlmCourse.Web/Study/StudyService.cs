using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Study;

/// <summary>A review as applied (or found applied before, when <see cref="Replayed"/>).</summary>
public sealed record ReviewOutcome(CardState Card, ReviewLog Log, bool Replayed, bool DeckCompleted);

/// <summary>One card waiting in the spaced-repetition queue.</summary>
public sealed record DueCard(StudyDeck Deck, Card Card, CardState State, bool IsNew)
{
    public string Key => StudyService.Key(Deck.WeekNumber, Deck.DeckId, Card.Id);
}

/// <summary>The spaced-repetition queue at one instant.</summary>
/// <param name="Cards">Due cards (oldest due first), then new cards in course order up to today's allowance.</param>
/// <param name="NewLeftToday">New cards the learner may still start today.</param>
/// <param name="NextDue">When the next card not yet due becomes due.</param>
/// <param name="AheadCount">
/// Cards the learner could study ahead (Anki's custom study): started cards not yet due, and new cards past today's
/// allowance. In an ahead queue they follow the due and allowed new cards, soonest due first.
/// </param>
/// <param name="Ahead">Whether <see cref="Cards"/> includes the cards studied ahead.</param>
public sealed record DueQueue(IReadOnlyList<DueCard> Cards, int DueCount, int NewCount, int NewLeftToday, DateTimeOffset? NextDue, int AheadCount = 0, bool Ahead = false);

/// <summary>A review id was already used for a different card.</summary>
public sealed class ReviewIdConflictException(string reviewId)
    : InvalidOperationException($"The review id '{reviewId}' was already used for another card.");

/// <summary>
/// A learner's study records: FSRS card states and review logs, stars, mastery evidence and settings. Reviews are
/// idempotent by a client-supplied id; the unique index (user, review id) settles concurrent replays.
/// </summary>
public sealed class StudyService(AppDbContext db, TimeProvider clock, ProgressService progress, CourseCatalog catalog, CourseScheduling scheduling, PrivateDecks privateDecks)
{
    public const string CompletionSource = "deck";

    public static string Key(int week, string deckId, string cardId) => $"{week}/{deckId}/{cardId}";

    public async Task<StudySettings> GetSettingsAsync(string userId, CancellationToken ct = default) =>
        await db.StudySettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct) ?? new StudySettings { UserId = userId };

    public async Task SaveSettingsAsync(string userId, int dailyNewCards, double desiredRetention, CancellationToken ct = default)
    {
        var row = await db.StudySettings.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (row is null)
        {
            row = new StudySettings { UserId = userId };
            db.StudySettings.Add(row);
        }

        row.DailyNewCards = dailyNewCards;
        row.DesiredRetention = desiredRetention;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The course's weights and day boundary, from which each deck's scheduler is built.</summary>
    public CourseScheduling Scheduling => scheduling;

    /// <summary>The learner's rows for one deck, by card id.</summary>
    public async Task<Dictionary<string, StudyCard>> CardsAsync(string userId, StudyDeck deck, CancellationToken ct = default) =>
        await db.StudyCards.AsNoTracking()
            .Where(c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.DeckId == deck.DeckId)
            .ToDictionaryAsync(c => c.CardId, StringComparer.Ordinal, ct);

    public static CardState ToState(StudyCard? row, string cardId, DateTimeOffset now) =>
        row is null || row.State == (int)CardLearningState.New
            ? CardState.CreateNew(cardId, now)
            : new CardState(
                cardId,
                (CardLearningState)row.State,
                row.Step,
                row.Stability,
                row.Difficulty,
                Utc(row.Due),
                row.LastReview is { } last ? Utc(last) : null);

    /// <summary>Applies a review unless <paramref name="reviewId"/> was seen before, in which case the first result is returned.</summary>
    /// <exception cref="ReviewIdConflictException">The id was used for another card.</exception>
    public async Task<ReviewOutcome> ReviewAsync(string userId, StudyDeck deck, Card card, Rating rating, string reviewId, CancellationToken ct = default)
    {
        if (await FindReplayAsync(userId, deck, card, reviewId, ct) is { } replay)
        {
            return replay;
        }

        // Whole microseconds: PostgreSQL keeps no finer, so a replay reports exactly what the first call did.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var settings = await GetSettingsAsync(userId, ct);
        var row = await db.StudyCards.FirstOrDefaultAsync(
            c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.DeckId == deck.DeckId && c.CardId == card.Id, ct);
        if (row is null)
        {
            row = new StudyCard { UserId = userId, WeekNumber = deck.WeekNumber, DeckId = deck.DeckId, CardId = card.Id };
            db.StudyCards.Add(row);
        }

        var scheduler = await scheduling.SchedulerAsync(settings, deck.WeekNumber, deck.DeckId, ct);
        var result = scheduler.Review(ToState(row, card.Id, now), rating, now);
        Apply(row, result.Card);
        db.StudyReviews.Add(ToRow(userId, reviewId, deck, result.Log));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent replay won the unique index: report what it applied.
            db.ChangeTracker.Clear();
            return await FindReplayAsync(userId, deck, card, reviewId, ct) ?? throw new InvalidOperationException("The review could not be saved.");
        }

        var completed = await CheckCompletionAsync(userId, deck, ct);
        return new ReviewOutcome(result.Card, result.Log, false, completed);
    }

    /// <summary>
    /// The due queue across every visible deck of the course, then the learner's private decks; with
    /// <paramref name="ahead"/>, the cards studied ahead too.
    /// </summary>
    public async Task<DueQueue> DueQueueAsync(string userId, CancellationToken ct = default, bool ahead = false)
    {
        var now = clock.GetUtcNow();
        var settings = await GetSettingsAsync(userId, ct);
        var rows = await db.StudyCards.AsNoTracking().Where(c => c.UserId == userId).ToListAsync(ct);
        var states = rows.ToDictionary(r => Key(r.WeekNumber, r.DeckId, r.CardId), r => ToState(r, r.CardId, now), StringComparer.Ordinal);
        var dayStart = new DateTime(now.UtcDateTime.Date.Ticks, DateTimeKind.Utc);
        var newToday = await db.StudyReviews.CountAsync(
            r => r.UserId == userId && r.ReviewedAt >= dayStart && r.StateBefore == (int)CardLearningState.New, ct);
        IReadOnlyList<StudyDeck> decks = [.. StudyDeck.All(catalog), .. await privateDecks.AllAsync(userId, ct)];
        return BuildQueue(decks, states, Math.Max(0, settings.DailyNewCards - newToday), now, ahead);
    }

    /// <summary>The queue from known states (missing means new): pure, shared by learners and anonymous sessions.</summary>
    /// <param name="ahead">
    /// Study ahead: after the due and allowed new cards come the started cards not yet due (soonest first; FSRS counts
    /// the days actually elapsed, so an early review grows the interval less) and then the new cards past the allowance.
    /// </param>
    public static DueQueue BuildQueue(IReadOnlyList<StudyDeck> decks, IReadOnlyDictionary<string, CardState> states, int newAllowance, DateTimeOffset now, bool ahead = false)
    {
        var due = new List<DueCard>();
        var fresh = new List<DueCard>();
        var later = new List<DueCard>();
        foreach (var deck in decks)
        {
            foreach (var card in deck.Deck.Cards)
            {
                if (!states.TryGetValue(Key(deck.WeekNumber, deck.DeckId, card.Id), out var state) || state.State == CardLearningState.New)
                {
                    fresh.Add(new DueCard(deck, card, CardState.CreateNew(card.Id, now), true));
                }
                else if (LearningSignals.IsDue(state, now))
                {
                    due.Add(new DueCard(deck, card, state, false));
                }
                else
                {
                    later.Add(new DueCard(deck, card, state, false));
                }
            }
        }

        var allowed = fresh.Take(newAllowance).ToList();
        var extraNew = fresh.Skip(allowed.Count).ToList();
        var soonest = later.OrderBy(d => d.State.Due).ToList();
        DateTimeOffset? next = soonest.Count > 0 ? soonest[0].State.Due : null;
        IReadOnlyList<DueCard> cards = ahead
            ? [.. due.OrderBy(d => d.State.Due), .. allowed, .. soonest, .. extraNew]
            : [.. due.OrderBy(d => d.State.Due), .. allowed];
        return new DueQueue(cards, due.Count, allowed.Count, newAllowance, next, soonest.Count + extraNew.Count, ahead);
    }

    /// <summary>Stars or unstars a card; returns whether it is now starred.</summary>
    public async Task<bool> ToggleStarAsync(string userId, StudyDeck deck, string cardId, CancellationToken ct = default)
    {
        var row = await RowAsync(userId, deck, cardId, ct);
        row.Starred = !row.Starred;
        await db.SaveChangesAsync(ct);
        return row.Starred;
    }

    /// <summary>Records Learn's "learned" (or a practice test's "right") for these cards, then checks the deck's completion.</summary>
    public async Task<bool> RecordEvidenceAsync(string userId, StudyDeck deck, IEnumerable<string> cardIds, bool learned, CancellationToken ct = default)
    {
        foreach (var cardId in cardIds.Distinct(StringComparer.Ordinal).Where(id => deck.FindCard(id) is not null))
        {
            var row = await RowAsync(userId, deck, cardId, ct);
            if (learned)
            {
                row.LearnedInLearn = true;
            }
            else
            {
                row.CorrectInTest = true;
            }
        }

        await db.SaveChangesAsync(ct);
        return await CheckCompletionAsync(userId, deck, ct);
    }

    /// <summary>Marks the deck complete when every card is mastered; true when this call completed it. A private deck is no course item: it is never marked.</summary>
    public async Task<bool> CheckCompletionAsync(string userId, StudyDeck deck, CancellationToken ct = default)
    {
        if (deck.IsPrivate)
        {
            return false;
        }

        var rows = await CardsAsync(userId, deck, ct);
        var lapsed = await LapsedCardsAsync(userId, deck, ct);
        var mastery = Mastery.ForDeck(deck.Deck.Cards.Select(c => c.Id), rows.Values.Select(r => Evidence(r, lapsed)));
        return mastery.Total > 0 && mastery.Mastered == mastery.Total
            && await progress.MarkCompleteAsync(userId, deck.WeekNumber, deck.DeckId, CompletionSource, ct);
    }

    public async Task<bool> IsCompletedAsync(string userId, StudyDeck deck, CancellationToken ct = default) =>
        !deck.IsPrivate && await db.ItemCompletions.AnyAsync(c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.ItemId == deck.DeckId, ct);

    /// <summary>What <see cref="Mastery"/> needs to know about one of the learner's cards.</summary>
    /// <param name="lapsed">Cards whose latest spaced-repetition review was Again (<see cref="LapsedCardsAsync"/>).</param>
    public static CardMasteryEvidence Evidence(StudyCard row, IReadOnlySet<string> lapsed) =>
        new(row.CardId, row.State == (int)CardLearningState.New ? null : row.Stability, row.LearnedInLearn, row.CorrectInTest, lapsed.Contains(row.CardId));

    /// <summary>The deck's cards whose latest review (by time, then by insertion) was rated Again.</summary>
    public async Task<HashSet<string>> LapsedCardsAsync(string userId, StudyDeck deck, CancellationToken ct = default)
    {
        var again = (int)Rating.Again;
        var mine = db.StudyReviews.Where(r => r.UserId == userId && r.WeekNumber == deck.WeekNumber && r.DeckId == deck.DeckId);
        var ids = await mine
            .Where(r => r.Rating == again)
            .Where(r => !mine.Any(o => o.CardId == r.CardId && (o.ReviewedAt > r.ReviewedAt || (o.ReviewedAt == r.ReviewedAt && o.Id > r.Id))))
            .Select(r => r.CardId)
            .ToListAsync(ct);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The cards the learner rated Again in their latest spaced-repetition session (<see cref="ReviewSessions"/>),
    /// looking back over at most their last <paramref name="window"/> reviews.
    /// </summary>
    public async Task<IReadOnlyList<CardKey>> LastSessionMissesAsync(string userId, int window = 500, CancellationToken ct = default)
    {
        var latest = await db.StudyReviews.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ReviewedAt)
            .Take(window)
            .Select(r => new { r.WeekNumber, r.DeckId, r.CardId, r.Rating, r.ReviewedAt })
            .ToListAsync(ct);
        return ReviewSessions.LastSessionMisses(latest.Select(r => new SessionReview(new CardKey(r.WeekNumber, r.DeckId, r.CardId), (Rating)r.Rating, Utc(r.ReviewedAt))));
    }

    /// <summary>The learner's review logs for one deck since <paramref name="since"/>.</summary>
    public async Task<List<StudyReview>> ReviewsAsync(string userId, StudyDeck deck, DateTime since, CancellationToken ct = default) =>
        await db.StudyReviews.AsNoTracking()
            .Where(r => r.UserId == userId && r.WeekNumber == deck.WeekNumber && r.DeckId == deck.DeckId && r.ReviewedAt >= since)
            .ToListAsync(ct);

    public async Task<List<StudySession>> SessionsAsync(string userId, StudyDeck deck, CancellationToken ct = default) =>
        await db.StudySessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.WeekNumber == deck.WeekNumber && s.DeckId == deck.DeckId)
            .ToListAsync(ct);

    public static ReviewLog ToLog(StudyReview row) => new(
        row.CardId,
        (Rating)row.Rating,
        Utc(row.ReviewedAt),
        row.ElapsedDays,
        row.ScheduledDays,
        row.Interval,
        (CardLearningState)row.StateBefore,
        (CardLearningState)row.StateAfter,
        row.StabilityBefore,
        row.StabilityAfter,
        row.DifficultyBefore,
        row.DifficultyAfter);

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private async Task<ReviewOutcome?> FindReplayAsync(string userId, StudyDeck deck, Card card, string reviewId, CancellationToken ct)
    {
        var previous = await db.StudyReviews.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.ReviewId == reviewId, ct);
        if (previous is null)
        {
            return null;
        }

        if (previous.WeekNumber != deck.WeekNumber || previous.DeckId != deck.DeckId || previous.CardId != card.Id)
        {
            throw new ReviewIdConflictException(reviewId);
        }

        var row = await db.StudyCards.AsNoTracking().FirstOrDefaultAsync(
            c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.DeckId == deck.DeckId && c.CardId == card.Id, ct);
        return new ReviewOutcome(ToState(row, card.Id, clock.GetUtcNow()), ToLog(previous), true, false);
    }

    private async Task<StudyCard> RowAsync(string userId, StudyDeck deck, string cardId, CancellationToken ct)
    {
        var row = db.StudyCards.Local.FirstOrDefault(c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.DeckId == deck.DeckId && c.CardId == cardId)
            ?? await db.StudyCards.FirstOrDefaultAsync(
                c => c.UserId == userId && c.WeekNumber == deck.WeekNumber && c.DeckId == deck.DeckId && c.CardId == cardId, ct);
        if (row is null)
        {
            row = new StudyCard
            {
                UserId = userId,
                WeekNumber = deck.WeekNumber,
                DeckId = deck.DeckId,
                CardId = cardId,
                State = (int)CardLearningState.New,
                Due = clock.GetUtcNow().UtcDateTime,
            };
            db.StudyCards.Add(row);
        }

        return row;
    }

    private static void Apply(StudyCard row, CardState state)
    {
        row.State = (int)state.State;
        row.Step = state.Step;
        row.Stability = state.Stability;
        row.Difficulty = state.Difficulty;
        row.Due = state.Due.UtcDateTime;
        row.LastReview = state.LastReview?.UtcDateTime;
    }

    private static StudyReview ToRow(string userId, string reviewId, StudyDeck deck, ReviewLog log) => new()
    {
        UserId = userId,
        ReviewId = reviewId,
        WeekNumber = deck.WeekNumber,
        DeckId = deck.DeckId,
        CardId = log.CardId,
        Rating = (int)log.Rating,
        ReviewedAt = log.ReviewedAt.UtcDateTime,
        ElapsedDays = log.ElapsedDays,
        ScheduledDays = log.ScheduledDays,
        Interval = log.Interval,
        StateBefore = (int)log.StateBefore,
        StateAfter = (int)log.StateAfter,
        StabilityBefore = log.StabilityBefore,
        StabilityAfter = log.StabilityAfter,
        DifficultyBefore = log.DifficultyBefore,
        DifficultyAfter = log.DifficultyAfter,
    };
}
