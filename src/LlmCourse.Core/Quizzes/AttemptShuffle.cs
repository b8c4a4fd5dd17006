using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// The order an attempt shows questions and options in, from the attempt's seed. The same seed always
/// gives the same order (reloads keep it), and each question's options are shuffled from the seed and the
/// question's id, so editing one question does not reshuffle the others. The generator is our own
/// (SplitMix64, FNV-1a) so orders do not change with the .NET version.
/// </summary>
public static class AttemptShuffle
{
    /// <summary>The questions in the order this attempt shows them (authored order unless shuffle-questions).</summary>
    public static IReadOnlyList<Question> Questions(Quiz quiz, int seed)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        return quiz.Settings.ShuffleQuestions ? Shuffle(quiz.Questions, seed, "questions") : quiz.Questions;
    }

    /// <summary>The choices in the order shown (authored order unless shuffle-choices).</summary>
    public static IReadOnlyList<Choice> Choices(Question question, bool shuffleChoices, int seed)
    {
        ArgumentNullException.ThrowIfNull(question);
        return shuffleChoices ? Shuffle(question.Choices, seed, "choices:" + question.Id) : question.Choices;
    }

    /// <summary>The distinct right-hand sides of a matching question and its distractors, always shuffled.</summary>
    public static IReadOnlyList<string> MatchOptions(Question question, int seed)
    {
        ArgumentNullException.ThrowIfNull(question);
        var rights = question.Pairs.Select(p => p.Right).Concat(question.MatchDistractors).Distinct(StringComparer.Ordinal).ToList();
        return Shuffle(rights, seed, "match:" + question.Id);
    }

    /// <summary>An ordering question's items, always shuffled and, when there are two or more, never in the right order.</summary>
    public static IReadOnlyList<string> OrderingItems(Question question, int seed)
    {
        ArgumentNullException.ThrowIfNull(question);
        var items = Shuffle(question.OrderedItems, seed, "order:" + question.Id);
        if (items.Count > 1 && items.SequenceEqual(question.OrderedItems, StringComparer.Ordinal))
        {
            // Showing the answer as the starting order would give it away; rotate by one instead.
            items = [.. items.Skip(1), items[0]];
        }

        return items;
    }

    private static List<T> Shuffle<T>(IReadOnlyList<T> items, int seed, string salt)
    {
        var list = items.ToList();
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Fnv1a(salt);

        // Fisher–Yates; the modulo bias is negligible for lists this short.
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }

    // Steele, Lea and Flood, "Fast splittable pseudorandom number generators" (OOPSLA 2014).
    private static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
