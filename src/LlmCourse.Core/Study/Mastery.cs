namespace LlmCourse.Core.Study;

/// <summary>What is known about one card for one learner, from the study modes.</summary>
/// <param name="Stability">FSRS stability in days, null if the card was never reviewed.</param>
/// <param name="LearnedInLearn">Learn mode marked the card learned.</param>
/// <param name="CorrectInPracticeTest">A practice test graded the card right.</param>
/// <param name="LapsedInReview">The latest spaced-repetition review of the card was rated Again.</param>
public sealed record CardMasteryEvidence(string CardId, double? Stability, bool LearnedInLearn, bool CorrectInPracticeTest, bool LapsedInReview = false);

/// <summary>A deck's mastery for one learner.</summary>
/// <param name="Percent">Mastered over total, 0 to 100 (0 for an empty deck).</param>
public sealed record DeckMastery(int Mastered, int Total, double Percent, IReadOnlyList<string> MasteredCardIds);

/// <summary>
/// Mastery, the one definition every page, the API and deck completion use: a card is mastered when its FSRS
/// stability is at least <see cref="StabilityDays"/> days (the learner would still recall it with 90 % odds three
/// weeks on), or when it was both learned in Learn and answered right in a practice test; but never while the latest
/// spaced-repetition review of it was Again. A lapse is the freshest evidence there is: the learner has just shown
/// they forgot the card, so it stays unmastered until a review rated Hard or better.
/// </summary>
public static class Mastery
{
    /// <summary>Stability, in days, from which spaced review alone counts as mastery.</summary>
    public const double StabilityDays = 21;

    public static bool IsMastered(CardMasteryEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return !evidence.LapsedInReview
            && (evidence.Stability >= StabilityDays || (evidence.LearnedInLearn && evidence.CorrectInPracticeTest));
    }

    /// <summary>
    /// Mastery of a deck whose cards are <paramref name="cardIds"/>. Several evidence records for one card are
    /// combined (highest stability, either flag, a lapse in any); evidence for cards no longer in the deck is
    /// ignored, and a card without evidence is not mastered.
    /// </summary>
    public static DeckMastery ForDeck(IEnumerable<string> cardIds, IEnumerable<CardMasteryEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(cardIds);
        ArgumentNullException.ThrowIfNull(evidence);
        var ids = cardIds.Distinct(StringComparer.Ordinal).ToList();
        var mastered = evidence
            .GroupBy(e => e.CardId, StringComparer.Ordinal)
            .Select(g => new CardMasteryEvidence(
                g.Key,
                g.Max(e => e.Stability),
                g.Any(e => e.LearnedInLearn),
                g.Any(e => e.CorrectInPracticeTest),
                g.Any(e => e.LapsedInReview)))
            .Where(IsMastered)
            .Select(e => e.CardId)
            .ToHashSet(StringComparer.Ordinal);
        var masteredIds = ids.Where(mastered.Contains).ToList();
        var percent = ids.Count == 0 ? 0 : 100.0 * masteredIds.Count / ids.Count;
        return new DeckMastery(masteredIds.Count, ids.Count, percent, masteredIds);
    }
}
