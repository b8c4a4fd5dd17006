using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>
/// The state of a card-sorting session: each card of the round is sorted into Know or Still learning; the next
/// round holds only the Still-learning pile; the session is done when a round leaves that pile empty.
/// </summary>
/// <param name="RoundCards">The cards of the current round, in showing order.</param>
/// <param name="Position">How many of them are sorted; the next card shown is <c>RoundCards[Position]</c>.</param>
/// <param name="Round">1-based round number.</param>
/// <param name="KnownThisRound">Cards sorted into Know in this round.</param>
/// <param name="StillLearning">Cards sorted into Still learning in this round: the next round.</param>
/// <param name="Known">Every card sorted into Know in any round.</param>
public sealed record SortingState(
    IReadOnlyList<string> RoundCards,
    int Position,
    int Round,
    IReadOnlyList<string> KnownThisRound,
    IReadOnlyList<string> StillLearning,
    IReadOnlyList<string> Known)
{
    /// <summary>The card to show, or null when the round is over.</summary>
    public string? CurrentCardId => Position < RoundCards.Count ? RoundCards[Position] : null;

    public bool IsRoundOver => Position >= RoundCards.Count;

    /// <summary>The round is over and nothing is left to learn.</summary>
    public bool IsDone => IsRoundOver && StillLearning.Count == 0;

    /// <summary>Rounds finished so far.</summary>
    public int RoundsCompleted => IsRoundOver ? Round : Round - 1;
}

/// <summary>Card sorting (Know / Still learning), as pure transitions over <see cref="SortingState"/>.</summary>
public static class CardSorting
{
    /// <summary>Starts with every card, in deck order, or in a seeded order when <paramref name="seed"/> is given.</summary>
    public static SortingState Start(IReadOnlyList<Card> cards, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var ids = cards.Select(c => c.Id);
        var order = seed is { } s ? Seeded.Shuffle(ids, Seeded.For(s, 0)) : ids.ToList();
        return new SortingState(order, 0, 1, [], [], []);
    }

    /// <summary>Sorts the current card into Know (<paramref name="know"/>) or Still learning.</summary>
    /// <exception cref="InvalidOperationException">The round is over.</exception>
    public static SortingState Sort(SortingState state, bool know)
    {
        ArgumentNullException.ThrowIfNull(state);
        var card = state.CurrentCardId ?? throw new InvalidOperationException("The round is over; start the next round first.");
        return know
            ? state with { Position = state.Position + 1, KnownThisRound = [.. state.KnownThisRound, card], Known = [.. state.Known, card] }
            : state with { Position = state.Position + 1, StillLearning = [.. state.StillLearning, card] };
    }

    /// <summary>Starts the next round with the Still-learning pile, in the order it was sorted.</summary>
    /// <exception cref="InvalidOperationException">The round is not over, or the session is done.</exception>
    public static SortingState NextRound(SortingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsRoundOver || state.IsDone)
        {
            throw new InvalidOperationException(state.IsDone ? "Every card is known." : "The current round is not over.");
        }

        return state with { RoundCards = state.StillLearning, Position = 0, Round = state.Round + 1, KnownThisRound = [], StillLearning = [] };
    }
}
