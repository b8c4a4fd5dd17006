using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Api;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>An anonymous visitor's spaced-repetition session, carried in a protected form field.</summary>
/// <param name="Missed">Cards rated Again in this session, in the order forgotten (null in a token from before it was kept).</param>
public sealed record AnonymousReview(Dictionary<string, CardState> States, int NewReviewed, List<string> ReviewIds, List<CardKey>? Missed = null);

/// <summary>
/// Spaced repetition across every deck (the course's, then the learner's private decks): the due queue, one card at a time, rated Again/Hard/Good/Easy (keys 1–4),
/// each button labelled with the interval FSRS would give. Signed-in reviews are stored (idempotent by review id);
/// an anonymous session lives in the form only.
/// </summary>
public sealed class ReviewModel(CourseCatalog catalog, StudyService study, StudyStateStore store, PrivateDecks privateDecks, TimeProvider clock) : PageModel
{
    private const string Scope = "review";

    public DueQueue Queue { get; private set; } = null!;

    public DueCard? Current => Queue.Cards.Count > 0 ? Queue.Cards[0] : null;

    public IntervalPreview? Preview { get; private set; }

    /// <summary>A fresh id for the next submission: the same form posted twice reviews once.</summary>
    public string ReviewId { get; } = Guid.NewGuid().ToString("N");

    public string? Token { get; private set; }

    public StudySettings Settings { get; private set; } = new();

    [TempData]
    public string? Message { get; set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Studying ahead: cards not yet due, and new cards past today's allowance, follow the due ones.</summary>
    public bool Ahead { get; private set; }

    /// <summary>At the end of a session: the slides and sections behind the cards forgotten in it.</summary>
    public IReadOnlyList<RevisitPart> Revisit { get; private set; } = [];

    private CourseWeights _weights = CourseWeights.Defaults;

    public async Task OnGetAsync(bool ahead)
    {
        Ahead = ahead;
        _weights = await study.Scheduling.WeightsAsync(HttpContext.RequestAborted);
        if (ProgressReader.UserId(User) is { } userId)
        {
            Settings = await study.GetSettingsAsync(userId, HttpContext.RequestAborted);
            Queue = await study.DueQueueAsync(userId, HttpContext.RequestAborted, Ahead);
            if (Current is null)
            {
                ShowRevisit(await study.LastSessionMissesAsync(userId, ct: HttpContext.RequestAborted));
            }
        }
        else
        {
            Show(new AnonymousReview([], 0, []));
            return;
        }

        PreparePreview();
    }

    public async Task<IActionResult> OnPostAsync(int week, string deckId, string cardId, string? rating, string reviewId, string? token, bool ahead)
    {
        Ahead = ahead;
        if (await privateDecks.ResolveAsync(catalog, ProgressReader.UserId(User), week, deckId, HttpContext.RequestAborted) is not { } deck
            || deck.FindCard(cardId) is not { } card)
        {
            return NotFound();
        }

        if (StudyApi.ParseRating(rating) is not { } parsed || string.IsNullOrEmpty(reviewId) || reviewId.Length > 64)
        {
            return BadRequest();
        }

        _weights = await study.Scheduling.WeightsAsync(HttpContext.RequestAborted);
        if (ProgressReader.UserId(User) is { } userId)
        {
            try
            {
                var outcome = await study.ReviewAsync(userId, deck, card, parsed, reviewId, HttpContext.RequestAborted);
                Message = outcome.Replayed
                    ? "That review was already saved."
                    : $"“{card.Question}”: {parsed}, next in {IntervalPreview.Label(outcome.Log.Interval)}."
                      + (outcome.DeckCompleted ? $" Every card of “{deck.Deck.Title}” is mastered: deck complete!" : "");
            }
            catch (ReviewIdConflictException)
            {
                return StatusCode(StatusCodes.Status409Conflict);
            }

            return Ahead ? RedirectToPage(new { ahead = true }) : RedirectToPage();
        }

        var session = store.Unprotect<AnonymousReview>(Scope, token) ?? new AnonymousReview([], 0, []);
        if (!session.ReviewIds.Contains(reviewId, StringComparer.Ordinal))
        {
            var now = clock.GetUtcNow();
            var key = StudyService.Key(week, deckId, cardId);
            var before = session.States.GetValueOrDefault(key) ?? CardState.CreateNew(cardId, now);
            var result = study.Scheduling.Scheduler(Settings, _weights, week, deckId).Review(before, parsed, now);
            session.States[key] = result.Card;
            session = session with
            {
                NewReviewed = session.NewReviewed + (before.State == CardLearningState.New ? 1 : 0),
                ReviewIds = [.. session.ReviewIds.TakeLast(50), reviewId],
                Missed = parsed == Rating.Again ? [.. (session.Missed ?? []).Append(new CardKey(week, deckId, cardId)).Distinct().TakeLast(100)] : session.Missed,
            };
            Message = $"“{card.Question}”: {parsed}, next in {IntervalPreview.Label(result.Log.Interval)} (not kept: you are not signed in).";
        }

        Show(session);
        return Page();
    }

    private void Show(AnonymousReview session)
    {
        Now = clock.GetUtcNow();
        Queue = StudyService.BuildQueue(StudyDeck.All(catalog), session.States, Math.Max(0, Settings.DailyNewCards - session.NewReviewed), Now, Ahead);
        Token = store.Protect(Scope, session);
        PreparePreview();
        if (Current is null)
        {
            ShowRevisit(session.Missed ?? []);
        }
    }

    /// <summary>Only cards of weeks the visitor may see now: a week hidden since must not show through its slides.</summary>
    private void ShowRevisit(IReadOnlyList<CardKey> missed)
    {
        var visible = catalog.VisibleWeeks().Select(w => w.Number).ToHashSet();
        Revisit = RevisitSlides.ForCards(catalog.Course, missed.Where(m => visible.Contains(m.Week)));
    }

    private void PreparePreview()
    {
        Now = clock.GetUtcNow();
        if (Current is { } current)
        {
            Preview = study.Scheduling.Scheduler(Settings, _weights, current.Deck.WeekNumber, current.Deck.DeckId).Preview(current.State, Now);
        }
    }
}
