using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>A tile on the Match board.</summary>
/// <param name="Id">Opaque id the page posts back ("t0", "a3"); it says nothing about the pairing.</param>
/// <param name="CardId">The card behind the tile: server-side only, never render it.</param>
/// <param name="Text">A card's question (term tiles) or short answer (answer tiles).</param>
/// <param name="Matched">Already paired and cleared from the board.</param>
public sealed record MatchTile(string Id, string CardId, string Text, bool Matched);

/// <summary>What a pairing attempt did.</summary>
public enum MatchAttemptOutcome
{
    /// <summary>The pair was right; both tiles are cleared.</summary>
    Matched,

    /// <summary>The pair was wrong; a penalty second is added.</summary>
    Mismatch,

    /// <summary>A tile was already cleared or the game is over: nothing changed.</summary>
    Ignored,
}

/// <summary>The state of a Match game: plain data the web layer can store between requests.</summary>
/// <param name="Terms">Card questions, in display order.</param>
/// <param name="Answers">Short answers, in a different display order.</param>
/// <param name="Mistakes">Wrong pairs so far.</param>
/// <param name="FinishedAt">When the last pair was made.</param>
public sealed record MatchGameState(
    IReadOnlyList<MatchTile> Terms,
    IReadOnlyList<MatchTile> Answers,
    int Mistakes,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool IsFinished => FinishedAt is not null;

    /// <summary>Time added for mistakes: <see cref="MatchGame.PenaltyPerMistake"/> each.</summary>
    public TimeSpan Penalty => MatchGame.PenaltyPerMistake * Mistakes;

    /// <summary>Clock time plus penalties at <paramref name="now"/> (frozen once finished).</summary>
    public TimeSpan TimeAt(DateTimeOffset now) => ((FinishedAt ?? now) - StartedAt) + Penalty;

    /// <summary>The final time once finished, else null.</summary>
    public TimeSpan? FinalTime => FinishedAt is { } end ? (end - StartedAt) + Penalty : null;
}

/// <summary>The result of one pairing attempt.</summary>
public sealed record MatchAttempt(MatchGameState State, MatchAttemptOutcome Outcome);

/// <summary>Match: pair every card's question with its short answer against the clock; wrong pairs cost a second.</summary>
public static class MatchGame
{
    /// <summary>Cards on a board by default.</summary>
    public const int DefaultPairs = 6;

    /// <summary>Time added for each wrong pair.</summary>
    public static readonly TimeSpan PenaltyPerMistake = TimeSpan.FromSeconds(1);

    /// <summary>Deals up to <paramref name="pairs"/> seeded cards of the deck; the clock starts at <paramref name="now"/>.</summary>
    public static MatchGameState Start(IReadOnlyList<Card> cards, int seed, DateTimeOffset now, int pairs = DefaultPairs)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        var random = Seeded.For(seed, 0);
        var dealt = Seeded.Shuffle(cards, random).Take(pairs).ToList();
        var terms = dealt.Select((c, i) => new MatchTile($"t{i}", c.Id, c.Question, false)).ToList();
        var answers = Seeded.Shuffle(dealt, random).Select((c, i) => new MatchTile($"a{i}", c.Id, c.ShortAnswer, false)).ToList();
        return new MatchGameState(terms, answers, 0, now, dealt.Count == 0 ? now : null);
    }

    /// <summary>Tries to pair a term tile with an answer tile at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">A tile id is not on the board.</exception>
    public static MatchAttempt Pair(MatchGameState state, string termId, string answerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var term = state.Terms.FirstOrDefault(t => string.Equals(t.Id, termId, StringComparison.Ordinal))
            ?? throw new ArgumentException($"No term tile '{termId}'.", nameof(termId));
        var answer = state.Answers.FirstOrDefault(a => string.Equals(a.Id, answerId, StringComparison.Ordinal))
            ?? throw new ArgumentException($"No answer tile '{answerId}'.", nameof(answerId));
        if (state.IsFinished || term.Matched || answer.Matched)
        {
            return new MatchAttempt(state, MatchAttemptOutcome.Ignored);
        }

        // Right when it is the card's own answer, or another card's answer that reads the same.
        var termAnswer = state.Answers.First(a => string.Equals(a.CardId, term.CardId, StringComparison.Ordinal));
        var right = string.Equals(answer.CardId, term.CardId, StringComparison.Ordinal)
            || string.Equals(AnswerGrader.Normalize(answer.Text), AnswerGrader.Normalize(termAnswer.Text), StringComparison.Ordinal);
        if (!right)
        {
            return new MatchAttempt(state with { Mistakes = state.Mistakes + 1 }, MatchAttemptOutcome.Mismatch);
        }

        var terms = state.Terms.Select(t => ReferenceEquals(t, term) ? t with { Matched = true } : t).ToList();
        var answers = state.Answers.Select(a => ReferenceEquals(a, answer) ? a with { Matched = true } : a).ToList();
        var finished = terms.All(t => t.Matched) ? now : (DateTimeOffset?)null;
        return new MatchAttempt(state with { Terms = terms, Answers = answers, FinishedAt = finished }, MatchAttemptOutcome.Matched);
    }
}
