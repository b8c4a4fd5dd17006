namespace LlmCourse.Core.Content;

/// <summary>How items become complete, and which recorded completions count.</summary>
public static class CompletionRules
{
    /// <summary>The source of a completion the learner asked for ("mark as read", "mark complete").</summary>
    public const string ByHand = "manual";

    /// <summary>The source of a quiz's completion, recorded from its grade that counts.</summary>
    public const string ByGrade = "quiz";

    /// <summary>
    /// Whether a learner may mark <paramref name="item"/> complete themselves. A quiz may not: it is complete
    /// only through its grade (<see cref="Quizzes.RevealRules.Completes"/>), or the gradebook would count
    /// quizzes nobody passed.
    /// </summary>
    public static bool MayMarkByHand(CourseItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item is not Quiz;
    }

    /// <summary>Whether a stored completion from <paramref name="source"/> counts for <paramref name="item"/> (a quiz marked complete by hand before this rule existed does not).</summary>
    public static bool Counts(CourseItem item, string source)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item is not Quiz || string.Equals(source, ByGrade, StringComparison.Ordinal);
    }
}
