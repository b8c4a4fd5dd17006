namespace LlmCourse.Core.Study;

/// <summary>
/// What a learner's private deck may hold. Text is plain and kept on one line (runs of spaces, tabs and line breaks
/// become one space), as a card of the TSV / Quizlet-style paste is; fronts are unique in a deck, ignoring case,
/// because the import that builds the study deck refuses a repeated term.
/// </summary>
public static class PrivateDeckRules
{
    /// <summary>Most characters in a deck's title.</summary>
    public const int MaxTitleLength = 100;

    /// <summary>Most characters on a card's front.</summary>
    public const int MaxFrontLength = 300;

    /// <summary>Most characters on a card's back.</summary>
    public const int MaxBackLength = 2000;

    /// <summary>Most cards in one deck.</summary>
    public const int MaxCards = 500;

    /// <summary>Most private decks one learner may keep.</summary>
    public const int MaxDecks = 50;

    /// <summary>Most characters in one bulk paste (about <see cref="MaxCards"/> full cards).</summary>
    public const int MaxPasteLength = 200_000;

    /// <summary>The text as stored: trimmed, with every run of white space (line breaks included) made one space.</summary>
    public static string Normalize(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What is wrong with a (normalized) title, or null.</summary>
    public static string? TitleProblem(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        return title.Length switch
        {
            0 => "Give the deck a title.",
            > MaxTitleLength => $"A title has at most {MaxTitleLength} characters ({title.Length} given).",
            _ => null,
        };
    }

    /// <summary>What is wrong with a (normalized) card, or the empty list.</summary>
    /// <param name="otherFronts">The fronts of the deck's other cards (the card being edited left out).</param>
    public static IReadOnlyList<string> CardProblems(string front, string back, IEnumerable<string> otherFronts)
    {
        ArgumentNullException.ThrowIfNull(front);
        ArgumentNullException.ThrowIfNull(back);
        ArgumentNullException.ThrowIfNull(otherFronts);
        var problems = new List<string>();
        if (front.Length == 0)
        {
            problems.Add("The front is empty: write the question or term.");
        }
        else if (front.Length > MaxFrontLength)
        {
            problems.Add($"The front has at most {MaxFrontLength} characters ({front.Length} given).");
        }

        if (back.Length == 0)
        {
            problems.Add("The back is empty: write the answer or definition.");
        }
        else if (back.Length > MaxBackLength)
        {
            problems.Add($"The back has at most {MaxBackLength} characters ({back.Length} given).");
        }

        if (front.Length > 0 && otherFronts.Contains(front, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"The deck already has a card '{front}': each front appears once.");
        }

        return problems;
    }

    /// <summary>The problem with adding <paramref name="adding"/> cards to a deck holding <paramref name="existing"/>, or null.</summary>
    public static string? CountProblem(int existing, int adding) =>
        existing + adding > MaxCards
            ? $"A deck holds at most {MaxCards} cards: it has {existing}, and {adding} more would make {existing + adding}."
            : null;
}
