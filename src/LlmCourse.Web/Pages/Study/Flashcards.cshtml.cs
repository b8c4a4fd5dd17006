using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>
/// Flashcards: one card at a time. Everything is in the query string (card, flipped, shuffle seed, starred only,
/// and for anonymous visitors their stars), so plain links work without JavaScript; the script flips in place.
/// </summary>
public sealed class FlashcardsModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyService study) : DeckStudyPageModel(catalog, privateDecks)
{
    public override string Mode => StudyModes.Flashcards;

    [BindProperty(SupportsGet = true, Name = "card")]
    public int Position { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool Flipped { get; set; }

    /// <summary>Seed of the shuffled order; 0 keeps the deck's order.</summary>
    [BindProperty(SupportsGet = true)]
    public int Shuffle { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool StarredOnly { get; set; }

    /// <summary>Anonymous visitors' stars, as comma-separated card ids (not kept anywhere else).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Stars { get; set; }

    public IReadOnlySet<string> Starred { get; private set; } = new HashSet<string>();

    public IReadOnlyList<Card> Cards { get; private set; } = [];

    public Card? Current => Cards.Count == 0 ? null : Cards[Position - 1];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        await LoadStarsAsync();
        IEnumerable<Card> cards = Deck.Deck.Cards;
        if (Shuffle != 0)
        {
            cards = ShuffleCards(Deck.Deck.Cards, Shuffle);
        }

        if (StarredOnly)
        {
            cards = cards.Where(c => Starred.Contains(c.Id));
        }

        Cards = [.. cards];
        Position = Cards.Count == 0 ? 1 : Math.Clamp(Position, 1, Cards.Count);
        return Page();
    }

    /// <summary>Stars or unstars a card, then returns to the same card.</summary>
    public async Task<IActionResult> OnPostStarAsync(string cardId)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (Deck.FindCard(cardId) is null)
        {
            return NotFound();
        }

        if (UserId is { } userId)
        {
            await study.ToggleStarAsync(userId, Deck, cardId, HttpContext.RequestAborted);
        }
        else
        {
            var stars = ParseStars(Stars);
            if (!stars.Remove(cardId))
            {
                stars.Add(cardId);
            }

            Stars = string.Join(',', stars.Order(StringComparer.Ordinal));
        }

        return Redirect(Link(Position, Flipped, Shuffle, StarredOnly) + "#flashcard");
    }

    /// <summary>What the star form sends back so that its redirect returns to the same card, side and order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StarFields =>
    [
        new("card", Position.ToString(CultureInfo.InvariantCulture)),
        new("flipped", Flipped ? "true" : "false"),
        new("shuffle", Shuffle.ToString(CultureInfo.InvariantCulture)),
        new("starredOnly", StarredOnly ? "true" : "false"),
        new("stars", Stars ?? ""),
    ];

    public string Link(int position, bool flipped, int shuffle, bool starredOnly)
    {
        var query = new List<string> { $"card={position}" };
        if (flipped)
        {
            query.Add("flipped=true");
        }

        if (shuffle != 0)
        {
            query.Add($"shuffle={shuffle}");
        }

        if (starredOnly)
        {
            query.Add("starredOnly=true");
        }

        if (UserId is null && !string.IsNullOrEmpty(Stars))
        {
            query.Add("stars=" + Uri.EscapeDataString(Stars));
        }

        return Deck.ModeUrl(Mode) + "?" + string.Join('&', query);
    }

    public static int NewSeed() => Random.Shared.Next(1, int.MaxValue);

    private async Task LoadStarsAsync()
    {
        if (UserId is { } userId)
        {
            var rows = await study.CardsAsync(userId, Deck, HttpContext.RequestAborted);
            Starred = rows.Values.Where(r => r.Starred).Select(r => r.CardId).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            Starred = ParseStars(Stars);
        }
    }

    private HashSet<string> ParseStars(string? stars) =>
        (stars ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(id => Deck.FindCard(id) is not null)
            .ToHashSet(StringComparer.Ordinal);

    // Fisher–Yates with a seeded generator: the seed in the URL gives the same order on every request.
    private static List<Card> ShuffleCards(IReadOnlyList<Card> cards, int seed)
    {
        var list = cards.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
