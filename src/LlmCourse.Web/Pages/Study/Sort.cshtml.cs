using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>A sorting session with the number of sorts made, for the mode's accuracy (Know sorts over all sorts).</summary>
public sealed record SortSession(SortingState State, int Sorted);

/// <summary>Card sorting: Know or Still learning, in rounds over the Still-learning pile until it is empty.</summary>
public sealed class SortModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyStateStore store) : DeckStudyPageModel(catalog, privateDecks)
{
    private int _sorted;

    public override string Mode => StudyModes.Sort;

    public SortingState State { get; private set; } = null!;

    public string Handle { get; private set; } = "";

    public LlmCourse.Core.Content.Card? Current => Deck.FindCard(State.CurrentCardId);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        var handle = await store.ResumeHandleAsync(UserId, Deck, Mode, HttpContext.RequestAborted);
        var state = await LoadAsync(handle);
        return await ShowAsync(state ?? CardSorting.Start(Deck.Deck.Cards, Random.Shared.Next()), state is null ? null : handle);
    }

    public async Task<IActionResult> OnPostSortAsync(string handle, bool know)
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

        _sorted++;
        return await ShowAsync(CardSorting.Sort(state, know), handle);
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

        return await ShowAsync(state.IsRoundOver && !state.IsDone ? CardSorting.NextRound(state) : state, handle);
    }

    public async Task<IActionResult> OnPostRestartAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        return await ShowAsync(CardSorting.Start(Deck.Deck.Cards, Random.Shared.Next()), null);
    }

    private async Task<SortingState?> LoadAsync(string? handle)
    {
        var session = await store.LoadAsync<SortSession>(UserId, Deck, Mode, handle, HttpContext.RequestAborted);
        _sorted = session?.Sorted ?? 0;
        return session is not null && session.State.RoundCards.All(id => Deck.FindCard(id) is not null) ? session.State : null;
    }

    private async Task<IActionResult> ShowAsync(SortingState state, string? handle)
    {
        if (handle is null)
        {
            _sorted = 0;
        }

        var tally = new SessionTally(state.Known.Count, _sorted, state.IsDone);
        Handle = await store.SaveAsync(UserId, Deck, Mode, handle, new SortSession(state, _sorted), tally, HttpContext.RequestAborted);
        State = state;
        return Page();
    }
}
