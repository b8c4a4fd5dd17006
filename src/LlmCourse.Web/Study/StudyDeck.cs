using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Study;

/// <summary>A deck together with the week it is in: what every study page and API call works on.</summary>
public sealed record StudyDeck(Week Week, Deck Deck)
{
    public int WeekNumber => Week.Number;

    public string DeckId => Deck.Id;

    public string Url => CourseUrls.Item(Week, Deck);

    public string ModeUrl(string mode) => $"{Url}/study/{mode}";

    public Card? FindCard(string? cardId) =>
        Deck.Cards.FirstOrDefault(c => string.Equals(c.Id, cardId, StringComparison.Ordinal));

    /// <summary>The visible deck at <paramref name="week"/>/<paramref name="deckId"/>, or null.</summary>
    public static StudyDeck? Find(CourseCatalog catalog, int week, string deckId) =>
        catalog.FindItem(week, deckId) is (var w, Deck deck) ? new StudyDeck(w, deck) : null;

    /// <summary>Every visible deck of the course, in course order.</summary>
    public static IReadOnlyList<StudyDeck> All(CourseCatalog catalog) =>
        [.. catalog.VisibleWeeks().SelectMany(w => w.Items.OfType<Deck>().Select(d => new StudyDeck(w, d)))];
}

/// <summary>The study modes and their URL segments.</summary>
public static class StudyModes
{
    public const string Flashcards = "flashcards";
    public const string Learn = "learn";
    public const string Test = "test";
    public const string Match = "match";
    public const string Sort = "sort";

    public static IReadOnlyList<(string Mode, string Label, string Description)> All { get; } =
    [
        (Flashcards, "Flashcards", "One card at a time; flip, star, shuffle."),
        (Learn, "Learn", "Multiple choice first, then written recall, until every card is learned."),
        (Test, "Practice test", "A test built from the deck, graded with a full review."),
        (Match, "Match", "Pair questions with answers against the clock."),
        (Sort, "Card sorting", "Sort into Know and Still learning, in rounds until none is left."),
    ];
}
