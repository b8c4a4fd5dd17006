using System.Globalization;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="Study">The signed-in learner's state of the card; null for anonymous callers.</param>
public sealed record StudyCardDto(string Id, string Question, string AnswerHtml, string AnswerText, string ShortAnswer, CardStudyDto? Study);

/// <param name="State">new, learning, review or relearning (FSRS life cycle).</param>
/// <param name="Status">new, learning, review or mastered (the analytics' grouping; mastered as the analytics page defines it).</param>
/// <param name="IsDue">Reviewed before and due now; new cards are never due.</param>
/// <param name="RecallNow">Predicted chance of recall now, 0 to 1, from the FSRS forgetting curve; null for a card never reviewed.</param>
public sealed record CardStudyDto(string State, string Status, DateTimeOffset? Due, double? Stability, double? Difficulty, bool Starred, bool IsDue, double? RecallNow);

public sealed record DeckCardsDto(int Week, string DeckId, string Title, string Url, IReadOnlyList<StudyCardDto> Cards);

/// <param name="Intervals">The next interval of each rating, as button labels (again, hard, good, easy).</param>
public sealed record DueCardDto(int Week, string DeckId, string CardId, string Question, string State, bool IsNew, DateTimeOffset Due, IReadOnlyDictionary<string, string> Intervals);

public sealed record DueQueueDto(int DueCount, int NewCount, int NewLeftToday, DateTimeOffset? NextDue, IReadOnlyList<DueCardDto> Cards, int AheadCount, bool Ahead);

/// <param name="Rating">again, hard, good or easy (or 1–4).</param>
public sealed record ReviewRequest(int Week, string DeckId, string CardId, string Rating);

/// <param name="Replayed">True when this review id had been applied before: nothing changed this time.</param>
public sealed record ReviewResultDto(string ReviewId, bool Replayed, bool DeckCompleted, string State, DateTimeOffset Due, ReviewLogDto Log);

public sealed record ReviewLogDto(
    string CardId,
    string Rating,
    DateTimeOffset ReviewedAt,
    int ElapsedDays,
    int ScheduledDays,
    TimeSpan Interval,
    string StateBefore,
    string StateAfter,
    double? StabilityBefore,
    double StabilityAfter,
    double? DifficultyBefore,
    double DifficultyAfter);

public sealed record ModeStatsDto(string Mode, int Sessions, int Correct, int Answered, double? Accuracy, double? BestTimeSeconds);

/// <param name="DueNow">Cards of the deck due now (reviewed before, due time reached).</param>
public sealed record DeckStatsDto(
    int Week,
    string DeckId,
    int Mastered,
    int Total,
    double MasteryPercent,
    bool Completed,
    int DueNow,
    IReadOnlyDictionary<string, int> CardsByStatus,
    IReadOnlyList<ModeStatsDto> Modes,
    IReadOnlyList<DayReviews> Retention,
    IReadOnlyList<DayDue> Forecast);

/// <summary>Flashcard decks and the signed-in learner's spaced repetition.</summary>
public static class StudyApi
{
    public static RouteGroupBuilder MapStudyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/weeks/{week:int}/decks/{deckId}/cards", GetCards)
            .WithName("GetDeckCards")
            .WithSummary("A deck's cards with questions and answers; signed-in callers also get their study state of each card.")
            .WithTags("Study")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var me = api.MapGroup("/me/study").WithTags("Study").RequireAuthorization();
        me.MapGet("/due", GetDue)
            .WithName("GetDueCards")
            .WithSummary("The spaced-repetition queue across the course: due cards, then new cards up to today's limit; with ahead=true, then the cards not yet due (soonest first) and the new cards past the limit.");
        me.MapPut("/reviews/{reviewId}", PutReview)
            .WithName("SubmitReview")
            .WithSummary("Reviews a card (FSRS). Idempotent by the client's review id: a replay returns the first result and changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapGet("/weeks/{week:int}/decks/{deckId}/stats", GetStats)
            .WithName("GetDeckStudyStats")
            .WithSummary("The learner's statistics for a deck: mastery, cards by status, per-mode tallies, reviews per day and due forecast.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static string Name(CardLearningState state) => state.ToString().ToLowerInvariant();

    public static Rating? ParseRating(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "1" or "again" => Rating.Again,
        "2" or "hard" => Rating.Hard,
        "3" or "good" => Rating.Good,
        "4" or "easy" => Rating.Easy,
        _ => null,
    };

    private static async Task<Results<Ok<DeckCardsDto>, ProblemHttpResult>> GetCards(
        int week, string deckId, CourseCatalog catalog, StudyService study, PrivateDecks privateDecks, TimeProvider clock, HttpContext http)
    {
        if (await privateDecks.ResolveAsync(catalog, ProgressReader.UserId(http.User), week, deckId, http.RequestAborted) is not { } deck)
        {
            return ApiProblems.NotFound($"Week {week} has no published deck '{deckId}'.");
        }

        Dictionary<string, CardStatus>? statuses = null;
        if (ProgressReader.UserId(http.User) is { } userId)
        {
            var stats = await BuildStatsAsync(study, userId, deck, clock, http.RequestAborted);
            statuses = stats.Cards.ToDictionary(c => c.Card.Id, StringComparer.Ordinal);
        }

        var cards = deck.Deck.Cards.Select(c => new StudyCardDto(c.Id, c.Question, c.AnswerHtml, c.AnswerText, c.ShortAnswer,
            statuses?.GetValueOrDefault(c.Id) is { } s
                ? new CardStudyDto(Name(s.State.State), s.Status, s.State.State == CardLearningState.New ? null : s.State.Due, s.State.Stability, s.State.Difficulty,
                    s.Starred, s.IsDue, s.RecallNow)
                : null)).ToList();
        return TypedResults.Ok(new DeckCardsDto(deck.WeekNumber, deck.DeckId, deck.Deck.Title, deck.Url, cards));
    }

    private static async Task<Ok<DueQueueDto>> GetDue(StudyService study, TimeProvider clock, HttpContext http, bool ahead = false)
    {
        var userId = ProgressReader.UserId(http.User)!;
        var queue = await study.DueQueueAsync(userId, http.RequestAborted, ahead);
        var settings = await study.GetSettingsAsync(userId, http.RequestAborted);
        var weights = await study.Scheduling.WeightsAsync(http.RequestAborted);
        var now = clock.GetUtcNow();
        var cards = queue.Cards.Select(d =>
        {
            var preview = study.Scheduling.Scheduler(settings, weights, d.Deck.WeekNumber, d.Deck.DeckId).Preview(d.State, now);
            var intervals = Enum.GetValues<Rating>().ToDictionary(r => r.ToString().ToLowerInvariant(), r => IntervalPreview.Label(preview.For(r)));
            return new DueCardDto(d.Deck.WeekNumber, d.Deck.DeckId, d.Card.Id, d.Card.Question, Name(d.State.State), d.IsNew, d.State.Due, intervals);
        }).ToList();
        return TypedResults.Ok(new DueQueueDto(queue.DueCount, queue.NewCount, queue.NewLeftToday, queue.NextDue, cards, queue.AheadCount, queue.Ahead));
    }

    private static async Task<Results<Ok<ReviewResultDto>, ProblemHttpResult>> PutReview(
        string reviewId, ReviewRequest request, CourseCatalog catalog, StudyService study, PrivateDecks privateDecks, HttpContext http)
    {
        if (reviewId.Length is 0 or > 64)
        {
            return ApiProblems.BadRequest("The review id must be 1 to 64 characters (a UUID is a good choice).");
        }

        if (ParseRating(request.Rating) is not { } rating)
        {
            return ApiProblems.BadRequest("The rating must be again, hard, good or easy (or 1 to 4).");
        }

        if (await privateDecks.ResolveAsync(catalog, ProgressReader.UserId(http.User), request.Week, request.DeckId, http.RequestAborted) is not { } deck
            || deck.FindCard(request.CardId) is not { } card)
        {
            return ApiProblems.NotFound($"Week {request.Week} has no published deck '{request.DeckId}' with a card '{request.CardId}'.");
        }

        try
        {
            var outcome = await study.ReviewAsync(ProgressReader.UserId(http.User)!, deck, card, rating, reviewId, http.RequestAborted);
            var log = outcome.Log;
            return TypedResults.Ok(new ReviewResultDto(reviewId, outcome.Replayed, outcome.DeckCompleted, Name(outcome.Card.State), outcome.Card.Due,
                new ReviewLogDto(log.CardId, log.Rating.ToString().ToLowerInvariant(), log.ReviewedAt, log.ElapsedDays, log.ScheduledDays, log.Interval,
                    Name(log.StateBefore), Name(log.StateAfter), log.StabilityBefore, log.StabilityAfter, log.DifficultyBefore, log.DifficultyAfter)));
        }
        catch (ReviewIdConflictException e)
        {
            return TypedResults.Problem(detail: e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
    }

    private static async Task<Results<Ok<DeckStatsDto>, ProblemHttpResult>> GetStats(
        int week, string deckId, CourseCatalog catalog, StudyService study, PrivateDecks privateDecks, TimeProvider clock, HttpContext http)
    {
        if (await privateDecks.ResolveAsync(catalog, ProgressReader.UserId(http.User), week, deckId, http.RequestAborted) is not { } deck)
        {
            return ApiProblems.NotFound($"Week {week} has no published deck '{deckId}'.");
        }

        var stats = await BuildStatsAsync(study, ProgressReader.UserId(http.User)!, deck, clock, http.RequestAborted);
        var byStatus = Enum.GetValues<CardStudyStatus>()
            .ToDictionary(LearningSignals.Name, s => stats.Cards.Count(c => c.Kind == s), StringComparer.Ordinal);
        return TypedResults.Ok(new DeckStatsDto(
            deck.WeekNumber,
            deck.DeckId,
            stats.Mastery.Mastered,
            stats.Mastery.Total,
            Math.Round(stats.Mastery.Percent, 1),
            stats.Completed,
            stats.DueNow,
            byStatus,
            [.. stats.Modes.Select(m => new ModeStatsDto(m.Mode, m.Sessions, m.Correct, m.Answered, m.Accuracy, m.BestTime?.TotalSeconds))],
            stats.Retention,
            stats.Forecast));
    }

    /// <summary>Statistics for one learner and deck (shared by the API and the analytics page).</summary>
    public static async Task<DeckStatistics> BuildStatsAsync(StudyService study, string userId, StudyDeck deck, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await study.CardsAsync(userId, deck, ct);
        var reviews = await study.ReviewsAsync(userId, deck, now.UtcDateTime.Date.AddDays(-DeckAnalytics.RetentionDays), ct);
        var sessions = await study.SessionsAsync(userId, deck, ct);
        var settings = await study.GetSettingsAsync(userId, ct);
        var completed = await study.IsCompletedAsync(userId, deck, ct);
        var lapsed = await study.LapsedCardsAsync(userId, deck, ct);
        var scheduler = await study.Scheduling.SchedulerAsync(settings, deck.WeekNumber, deck.DeckId, ct);
        return DeckAnalytics.Build(deck, rows, reviews, sessions, lapsed, scheduler, completed, now);
    }

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
