using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Study;

/// <summary>
/// A deck as every study page and API call works on it: a course deck (with the week it is in) or a learner's private
/// deck. Study records are keyed by <see cref="WeekNumber"/> and <see cref="DeckId"/>; a private deck's are under
/// <see cref="PrivateWeek"/>, which no course week can have, and <see cref="PrivateKey"/>.
/// </summary>
public sealed record StudyDeck
{
    /// <summary>The week number a private deck's study records carry (course weeks are numbered from 0 up).</summary>
    public const int PrivateWeek = -1;

    private StudyDeck(int weekNumber, string deckId, Deck deck, string url, Week? week, long? privateId)
    {
        WeekNumber = weekNumber;
        DeckId = deckId;
        Deck = deck;
        Url = url;
        Week = week;
        PrivateId = privateId;
    }

    public int WeekNumber { get; }

    public string DeckId { get; }

    public Deck Deck { get; }

    /// <summary>The deck's page: the course item, or the private deck's editor.</summary>
    public string Url { get; }

    /// <summary>The course week, null for a private deck.</summary>
    public Week? Week { get; }

    /// <summary>The private deck's id, null for a course deck.</summary>
    public long? PrivateId { get; }

    public bool IsPrivate => PrivateId is not null;

    public string ModeUrl(string mode) => IsPrivate ? $"{Url}/{mode}" : $"{Url}/study/{mode}";

    public Card? FindCard(string? cardId) =>
        Deck.Cards.FirstOrDefault(c => string.Equals(c.Id, cardId, StringComparison.Ordinal));

    /// <summary>The key a private deck's study records carry as their deck id.</summary>
    public static string PrivateKey(long privateId) => $"my-{privateId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads a <see cref="PrivateKey"/> back (only as it writes them).</summary>
    public static bool TryParsePrivateKey(string deckId, out long privateId)
    {
        ArgumentNullException.ThrowIfNull(deckId);
        if (deckId.StartsWith("my-", StringComparison.Ordinal)
            && long.TryParse(deckId.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out privateId)
            && PrivateKey(privateId) == deckId)
        {
            return true;
        }

        privateId = 0;
        return false;
    }

    /// <summary>The URL of a private deck's page.</summary>
    public static string PrivateUrl(long privateId) => $"/study/decks/{privateId.ToString(CultureInfo.InvariantCulture)}";

    public static StudyDeck ForCourse(Week week, Deck deck) => new(week.Number, deck.Id, deck, CourseUrls.Item(week, deck), week, null);

    public static StudyDeck ForPrivate(long privateId, Deck deck) => new(PrivateWeek, PrivateKey(privateId), deck, PrivateUrl(privateId), null, privateId);

    /// <summary>The visible deck at <paramref name="week"/>/<paramref name="deckId"/>, or null.</summary>
    public static StudyDeck? Find(CourseCatalog catalog, int week, string deckId) =>
        catalog.FindItem(week, deckId) is (var w, Deck deck) ? ForCourse(w, deck) : null;

    /// <summary>Every visible deck of the course, in course order.</summary>
    public static IReadOnlyList<StudyDeck> All(CourseCatalog catalog) =>
        [.. catalog.VisibleWeeks().SelectMany(w => w.Items.OfType<Deck>().Select(d => ForCourse(w, d)))];
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
