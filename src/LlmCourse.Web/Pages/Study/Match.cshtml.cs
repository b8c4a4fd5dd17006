using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>What a pairing did, for the script: never says which tiles belong together beyond this pair.</summary>
public sealed record MatchPairResult(string Outcome, string Term, string Answer, int Mistakes, bool Finished, double ElapsedSeconds, string Handle);

/// <summary>
/// Match: pair questions with answers against the clock. The server starts the clock when it deals the board and
/// stops it at the last pair (TimeProvider), adding a second per wrong pair; the page's ticking clock is only a
/// display. Without JavaScript the board is a form of two radio groups and a Pair button.
/// </summary>
public sealed class MatchModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyStateStore store, StudyService study, TimeProvider clock) : DeckStudyPageModel(catalog, privateDecks)
{
    public override string Mode => StudyModes.Match;

    public MatchGameState Game { get; private set; } = null!;

    public string Handle { get; private set; } = "";

    public MatchAttemptOutcome? LastOutcome { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public TimeSpan? BestTime { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        var game = MatchGame.Start(Deck.Deck.Cards, Random.Shared.Next(), clock.GetUtcNow());
        return await ShowAsync(game, null);
    }

    public async Task<IActionResult> OnPostPairAsync(string handle, string? term, string? answer)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (await store.LoadAsync<MatchGameState>(UserId, Deck, Mode, handle, HttpContext.RequestAborted) is not { } game)
        {
            return Redirect(Deck.ModeUrl(Mode));
        }

        var attempt = new MatchAttempt(game, MatchAttemptOutcome.Ignored);
        if (term is not null && answer is not null
            && game.Terms.Any(t => t.Id == term) && game.Answers.Any(a => a.Id == answer))
        {
            attempt = MatchGame.Pair(game, term, answer, clock.GetUtcNow());
        }

        LastOutcome = attempt.Outcome;
        var result = await ShowAsync(attempt.State, handle);
        if (Request.Headers["X-Requested-With"] == "fetch")
        {
            return new JsonResult(new MatchPairResult(
                attempt.Outcome.ToString().ToLowerInvariant(), term ?? "", answer ?? "", attempt.State.Mistakes, attempt.State.IsFinished,
                Elapsed.TotalSeconds, Handle));
        }

        return result;
    }

    /// <summary>Shows the board (or the result) for a game in progress, e.g. after the script saw the last pair.</summary>
    public async Task<IActionResult> OnPostShowAsync(string handle)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        return await store.LoadAsync<MatchGameState>(UserId, Deck, Mode, handle, HttpContext.RequestAborted) is { } game
            ? await ShowAsync(game, handle)
            : Redirect(Deck.ModeUrl(Mode));
    }

    private async Task<IActionResult> ShowAsync(MatchGameState game, string? handle)
    {
        var matched = game.Terms.Count(t => t.Matched);
        var time = game.FinalTime;
        var tally = new SessionTally(matched, matched + game.Mistakes, game.IsFinished, time is { } t ? (long)t.TotalMilliseconds : null);
        Handle = await store.SaveAsync(UserId, Deck, Mode, handle, game, tally, HttpContext.RequestAborted);
        Game = game;
        Elapsed = game.TimeAt(clock.GetUtcNow());
        if (UserId is { } userId)
        {
            var best = (await study.SessionsAsync(userId, Deck, HttpContext.RequestAborted))
                .Where(s => s.Mode == Mode && s.FinishedAt is not null && s.TimeMs is not null)
                .Select(s => s.TimeMs!.Value)
                .DefaultIfEmpty(-1)
                .Min();
            BestTime = best < 0 ? null : TimeSpan.FromMilliseconds(best);
        }

        return Page();
    }
}
