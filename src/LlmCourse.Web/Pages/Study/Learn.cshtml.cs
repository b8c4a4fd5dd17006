using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>
/// Learn: multiple choice until a card is answered right once, then written recall; two in a row learn it.
/// The session resumes for signed-in learners (kept server-side); anonymous visitors carry it in a protected field.
/// </summary>
public sealed class LearnModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyStateStore store, StudyService study) : DeckStudyPageModel(catalog, privateDecks)
{
    public override string Mode => StudyModes.Learn;

    public LearnState State { get; private set; } = null!;

    public LearnQuestion? Question { get; private set; }

    public string Handle { get; private set; } = "";

    /// <summary>Feedback on the answer just given.</summary>
    public LearnAnswerResult? Feedback { get; private set; }

    public string? GivenAnswer { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        var handle = await store.ResumeHandleAsync(UserId, Deck, Mode, HttpContext.RequestAborted);
        var state = await store.LoadAsync<LearnState>(UserId, Deck, Mode, handle, HttpContext.RequestAborted);
        if (state is null || !Fits(state))
        {
            handle = null;
            state = LearnMode.Start(Deck.Deck.Cards, Random.Shared.Next());
        }

        return await ShowAsync(state, handle);
    }

    public async Task<IActionResult> OnPostAnswerAsync(string handle, string? answer)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (await LoadAsync(handle) is not { } state)
        {
            return Redirect(Deck.ModeUrl(Mode));
        }

        if (state.IsRoundOver)
        {
            return await ShowAsync(state, handle);
        }

        // The card asked is the head of the queue before answering.
        var asked = state.Queue[0];
        Feedback = LearnMode.Answer(state, Deck.Deck.Cards, answer);
        GivenAnswer = answer;
        if (Feedback.CardLearned && UserId is { } userId)
        {
            await study.RecordEvidenceAsync(userId, Deck, [asked], learned: true, HttpContext.RequestAborted);
        }

        return await ShowAsync(Feedback.State, handle);
    }

    public async Task<IActionResult> OnPostNextRoundAsync(string handle)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (await LoadAsync(handle) is not { } state)
        {
            return Redirect(Deck.ModeUrl(Mode));
        }

        return await ShowAsync(state.IsRoundOver && !state.IsComplete ? LearnMode.NextRound(state) : state, handle);
    }

    public async Task<IActionResult> OnPostRestartAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        return await ShowAsync(LearnMode.Start(Deck.Deck.Cards, Random.Shared.Next()), null);
    }

    private async Task<LearnState?> LoadAsync(string? handle)
    {
        var state = await store.LoadAsync<LearnState>(UserId, Deck, Mode, handle, HttpContext.RequestAborted);
        return state is not null && Fits(state) ? state : null;
    }

    // A session started before the deck changed may name cards that are gone: start afresh then.
    private bool Fits(LearnState state) => state.Cards.All(c => Deck.FindCard(c.CardId) is not null) && state.Cards.Count == Deck.Deck.Cards.Count;

    private async Task<IActionResult> ShowAsync(LearnState state, string? handle)
    {
        var tally = new SessionTally(state.Cards.Sum(c => c.Correct), state.Cards.Sum(c => c.Correct + c.Wrong), state.IsComplete);
        Handle = await store.SaveAsync(UserId, Deck, Mode, handle, state, tally, HttpContext.RequestAborted);
        State = state;
        Question = LearnMode.CurrentQuestion(state, Deck.Deck.Cards);
        return Page();
    }
}
