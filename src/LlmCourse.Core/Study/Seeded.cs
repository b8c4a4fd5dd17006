namespace LlmCourse.Core.Study;

/// <summary>Deterministic randomness for the study modes: the same seed always gives the same order.</summary>
internal static class Seeded
{
    /// <summary>A Fisher–Yates shuffle driven by <paramref name="random"/>; the source is left untouched.</summary>
    public static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>
    /// A generator for one decision derived from a session seed and a salt (e.g. how many answers came before),
    /// so re-rendering the same state gives the same choices without storing the generator.
    /// </summary>
    public static Random For(int seed, int salt)
    {
        // SplitMix-style mixing so nearby salts give unrelated sequences.
        var x = unchecked(((ulong)(uint)seed << 32) ^ (uint)salt) + 0x9E3779B97F4A7C15UL;
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new Random(unchecked((int)x));
    }

    /// <summary>Up to <paramref name="count"/> short answers of other cards that read differently from the card's own.</summary>
    public static List<string> Distractors(Content.Card card, IEnumerable<Content.Card> deck, int count, Random random)
    {
        var own = AnswerGrader.Normalize(card.ShortAnswer);
        var candidates = deck
            .Where(c => !string.Equals(c.Id, card.Id, StringComparison.Ordinal))
            .Select(c => c.ShortAnswer)
            .Where(a => !string.IsNullOrWhiteSpace(a) && !string.Equals(AnswerGrader.Normalize(a), own, StringComparison.Ordinal))
            .DistinctBy(AnswerGrader.Normalize, StringComparer.Ordinal);
        return [.. Shuffle(candidates, random).Take(count)];
    }

    /// <summary>The card's short answer among distractors, in a seeded order.</summary>
    public static List<string> Choices(Content.Card card, IEnumerable<Content.Card> deck, int distractors, Random random) =>
        Shuffle(Distractors(card, deck, distractors, random).Append(card.ShortAnswer), random);
}
