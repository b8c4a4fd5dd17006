namespace LlmCourse.Web.Data;

/// <summary>
/// A deck a learner made (or copied from the course) for themselves: seen and studied by its owner only. Study records
/// of its cards live with the course decks' (<see cref="StudyCard"/>, <see cref="StudyReview"/>,
/// <see cref="StudySession"/>) under <see cref="Study.StudyDeck.PrivateWeek"/> and <see cref="Study.StudyDeck.PrivateKey"/>.
/// </summary>
public sealed class PrivateDeck
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The course deck it was copied from, as "week/deck", or null for a deck made from scratch.</summary>
    public string? CopiedFrom { get; set; }

    public List<PrivateCard> Cards { get; set; } = [];
}

/// <summary>One card of a <see cref="PrivateDeck"/>: plain text, one line each side.</summary>
public sealed class PrivateCard
{
    public long Id { get; set; }

    public long DeckId { get; set; }

    /// <summary>Order in the deck: cards are shown by position, then id.</summary>
    public int Position { get; set; }

    public string Front { get; set; } = "";

    public string Back { get; set; } = "";
}
