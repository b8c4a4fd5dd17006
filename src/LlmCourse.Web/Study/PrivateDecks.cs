using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LlmCourse.Web.Study;

/// <summary>One line of "My decks".</summary>
public sealed record PrivateDeckSummary(long Id, string Title, int Cards, DateTime UpdatedAt, string? CopiedFrom)
{
    public string Url => StudyDeck.PrivateUrl(Id);
}

/// <summary>What a change did: the deck it touched, or why nothing changed.</summary>
public sealed record DeckChange(long DeckId, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    /// <summary>How many cards it added (bulk paste and copy).</summary>
    public int Added { get; init; }
}

/// <summary>
/// Learners' private decks: made in the browser, filled card by card or by a bulk paste (the instructor import's
/// format, read by <see cref="DeckTsv.Parse"/>), or copied from a course deck. Every method takes the learner and finds
/// only their decks: anyone else's deck is "not found" (null), never a refusal that would tell it exists. The limits
/// and text rules are <see cref="PrivateDeckRules"/>; a change that breaks one changes nothing.
/// </summary>
public sealed class PrivateDecks(AppDbContext db, TimeProvider clock)
{
    // Where the deck Markdown built for studying pretends to live: the course loader's layout rules want a path.
    private const string ParsePath = "weeks/01-private/01-deck.md";

    /// <summary>
    /// Parsed cards by deck and content: Markdown is parsed once per version of a deck, not on every request. The key
    /// holds every card's id and text, so an edit (on any instance) reads as a new entry; old ones age out.
    /// </summary>
    private static readonly MemoryCache Parsed = new(new MemoryCacheOptions { SizeLimit = 4096 });

    public async Task<List<PrivateDeckSummary>> ListAsync(string userId, CancellationToken ct = default) =>
        await db.PrivateDecks.AsNoTracking()
            .Where(d => d.UserId == userId)
            .OrderBy(d => d.Title).ThenBy(d => d.Id)
            .Select(d => new PrivateDeckSummary(d.Id, d.Title, d.Cards.Count, d.UpdatedAt, d.CopiedFrom))
            .ToListAsync(ct);

    /// <summary>The learner's deck with its cards in order, or null (no such deck, someone else's, or no learner).</summary>
    public async Task<PrivateDeck?> FindAsync(string? userId, long deckId, CancellationToken ct = default)
    {
        if (userId is null)
        {
            return null;
        }

        var deck = await db.PrivateDecks.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deckId && d.UserId == userId, ct);
        if (deck is not null)
        {
            deck.Cards = await db.PrivateCards.AsNoTracking().Where(c => c.DeckId == deckId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);
        }

        return deck;
    }

    /// <summary>The learner's deck ready to study, or null.</summary>
    public async Task<StudyDeck?> StudyDeckAsync(string? userId, long deckId, CancellationToken ct = default) =>
        await FindAsync(userId, deckId, ct) is { } deck ? ToStudyDeck(deck) : null;

    /// <summary>
    /// The deck study records name by week and deck id: a visible course deck, or (under
    /// <see cref="StudyDeck.PrivateWeek"/>) one of the learner's own; null for anything else, anyone else's deck included.
    /// </summary>
    public async Task<StudyDeck?> ResolveAsync(CourseCatalog catalog, string? userId, int week, string? deckId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (deckId is null)
        {
            return null;
        }

        if (week != StudyDeck.PrivateWeek)
        {
            return StudyDeck.Find(catalog, week, deckId);
        }

        return StudyDeck.TryParsePrivateKey(deckId, out var id) ? await StudyDeckAsync(userId, id, ct) : null;
    }

    /// <summary>Every deck of the learner ready to study (for the spaced-repetition queue), by title.</summary>
    public async Task<IReadOnlyList<StudyDeck>> AllAsync(string userId, CancellationToken ct = default)
    {
        var decks = await db.PrivateDecks.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.Title).ThenBy(d => d.Id).ToListAsync(ct);
        if (decks.Count == 0)
        {
            return [];
        }

        var ids = decks.Select(d => d.Id).ToList();
        var cards = (await db.PrivateCards.AsNoTracking().Where(c => ids.Contains(c.DeckId)).ToListAsync(ct)).ToLookup(c => c.DeckId);
        foreach (var deck in decks)
        {
            deck.Cards = [.. cards[deck.Id].OrderBy(c => c.Position).ThenBy(c => c.Id)];
        }

        return [.. decks.Select(ToStudyDeck)];
    }

    /// <summary>The id a private card has in study records.</summary>
    public static string CardKey(long cardId) => "c" + cardId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The deck as the study modes see it: the cards go through the same import and deck parser as an instructor's
    /// pasted deck, so their text renders (and grades) exactly as a course card written the same way would.
    /// </summary>
    public static StudyDeck ToStudyDeck(PrivateDeck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        IReadOnlyList<Card> cards = [];
        if (deck.Cards.Count > 0)
        {
            cards = Parsed.GetOrCreate(ParseKey(deck), entry =>
            {
                entry.Size = 1;
                return ParseCards(deck);
            })!;
        }

        var item = new Deck
        {
            Id = StudyDeck.PrivateKey(deck.Id),
            Title = deck.Title,
            Kind = ItemKind.Deck,
            SourceFile = "",
            Markdown = "",
            Revision = deck.UpdatedAt.Ticks.ToString("x16", CultureInfo.InvariantCulture),
            Cards = cards,
        };
        return StudyDeck.ForPrivate(deck.Id, item);
    }

    private static string ParseKey(PrivateDeck deck)
    {
        var text = new StringBuilder().Append(deck.Title);
        foreach (var card in deck.Cards)
        {
            text.Append('\u001e').Append(card.Id.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(card.Front).Append('\u001f').Append(card.Back);
        }

        return deck.Id.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static IReadOnlyList<Card> ParseCards(PrivateDeck deck)
    {
        var tsv = new StringBuilder();
        foreach (var card in deck.Cards)
        {
            tsv.Append(card.Front).Append('\t').Append(card.Back).Append('\n');
        }

        var import = DeckTsv.Import(tsv.ToString(), deck.Title);
        var parsed = import.Succeeded ? CourseLoader.ParseItem(new ContentFile(ParsePath, import.Markdown!)).Value as Deck : null;
        if (parsed is null || parsed.Cards.Count != deck.Cards.Count)
        {
            // The rules checked on every change keep a stored deck importable; reaching this is a bug.
            throw new InvalidOperationException($"The private deck {deck.Id} could not be read: {string.Join("; ", import.Errors)}");
        }

        return [.. parsed.Cards.Select((c, i) => c with { Id = CardKey(deck.Cards[i].Id) })];
    }

    public async Task<DeckChange> CreateAsync(string userId, string? title, CancellationToken ct = default)
    {
        var clean = PrivateDeckRules.Normalize(title);
        if (PrivateDeckRules.TitleProblem(clean) is { } problem)
        {
            return new DeckChange(0, [problem]);
        }

        if (await db.PrivateDecks.CountAsync(d => d.UserId == userId, ct) >= PrivateDeckRules.MaxDecks)
        {
            return new DeckChange(0, [$"You can keep at most {PrivateDeckRules.MaxDecks} decks: delete one first."]);
        }

        var deck = New(userId, clean);
        db.PrivateDecks.Add(deck);
        await db.SaveChangesAsync(ct);
        return new DeckChange(deck.Id, []);
    }

    /// <summary>Renames the deck; null when the learner has no such deck.</summary>
    public async Task<DeckChange?> RenameAsync(string userId, long deckId, string? title, CancellationToken ct = default)
    {
        if (await OwnedAsync(userId, deckId, ct) is not { } deck)
        {
            return null;
        }

        var clean = PrivateDeckRules.Normalize(title);
        if (PrivateDeckRules.TitleProblem(clean) is { } problem)
        {
            return new DeckChange(deckId, [problem]);
        }

        deck.Title = clean;
        deck.UpdatedAt = Now();
        await db.SaveChangesAsync(ct);
        return new DeckChange(deckId, []);
    }

    /// <summary>Deletes the deck, its cards and every study record of them; false when the learner has no such deck.</summary>
    public async Task<bool> DeleteAsync(string userId, long deckId, CancellationToken ct = default)
    {
        if (await OwnedAsync(userId, deckId, ct) is not { } deck)
        {
            return false;
        }

        var key = StudyDeck.PrivateKey(deckId);
        await db.StudyCards.Where(c => c.UserId == userId && c.WeekNumber == StudyDeck.PrivateWeek && c.DeckId == key).ExecuteDeleteAsync(ct);
        await db.StudyReviews.Where(r => r.UserId == userId && r.WeekNumber == StudyDeck.PrivateWeek && r.DeckId == key).ExecuteDeleteAsync(ct);
        await db.StudySessions.Where(s => s.UserId == userId && s.WeekNumber == StudyDeck.PrivateWeek && s.DeckId == key).ExecuteDeleteAsync(ct);
        db.PrivateDecks.Remove(deck);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<DeckChange?> AddCardAsync(string userId, long deckId, string? front, string? back, CancellationToken ct = default)
    {
        if (await OwnedAsync(userId, deckId, ct) is not { } deck)
        {
            return null;
        }

        var cards = await CardsAsync(deckId, ct);
        var (f, b) = (PrivateDeckRules.Normalize(front), PrivateDeckRules.Normalize(back));
        var problems = PrivateDeckRules.CardProblems(f, b, cards.Select(c => c.Front)).ToList();
        if (PrivateDeckRules.CountProblem(cards.Count, 1) is { } full)
        {
            problems.Add(full);
        }

        if (problems.Count > 0)
        {
            return new DeckChange(deckId, problems);
        }

        db.PrivateCards.Add(new PrivateCard { DeckId = deckId, Position = NextPosition(cards), Front = f, Back = b });
        deck.UpdatedAt = Now();
        await db.SaveChangesAsync(ct);
        return new DeckChange(deckId, []) { Added = 1 };
    }

    /// <summary>Rewrites one card; its study records stay (it is the same card, reworded).</summary>
    public async Task<DeckChange?> EditCardAsync(string userId, long deckId, long cardId, string? front, string? back, CancellationToken ct = default)
    {
        if (await OwnedAsync(userId, deckId, ct) is not { } deck)
        {
            return null;
        }

        var cards = await CardsAsync(deckId, ct);
        if (cards.FirstOrDefault(c => c.Id == cardId) is not { } card)
        {
            return null;
        }

        var (f, b) = (PrivateDeckRules.Normalize(front), PrivateDeckRules.Normalize(back));
        var problems = PrivateDeckRules.CardProblems(f, b, cards.Where(c => c.Id != cardId).Select(c => c.Front));
        if (problems.Count > 0)
        {
            return new DeckChange(deckId, problems);
        }

        card.Front = f;
        card.Back = b;
        deck.UpdatedAt = Now();
        await db.SaveChangesAsync(ct);
        return new DeckChange(deckId, []);
    }

    /// <summary>Deletes one card and its study records; null when the learner has no such card.</summary>
    public async Task<DeckChange?> DeleteCardAsync(string userId, long deckId, long cardId, CancellationToken ct = default)
    {
        if (await OwnedAsync(userId, deckId, ct) is not { } deck
            || await db.PrivateCards.FirstOrDefaultAsync(c => c.Id == cardId && c.DeckId == deckId, ct) is not { } card)
        {
            return null;
        }

        var (key, cardKey) = (StudyDeck.PrivateKey(deckId), CardKey(cardId));
        await db.StudyCards.Where(c => c.UserId == userId && c.WeekNumber == StudyDeck.PrivateWeek && c.DeckId == key && c.CardId == cardKey).ExecuteDeleteAsync(ct);
        await db.StudyReviews.Where(r => r.UserId == userId && r.WeekNumber == StudyDeck.PrivateWeek && r.DeckId == key && r.CardId == cardKey).ExecuteDeleteAsync(ct);
        db.PrivateCards.Remove(card);
        deck.UpdatedAt = Now();
        await db.SaveChangesAsync(ct);
        return new DeckChange(deckId, []);
    }

    /// <summary>Adds every card of a bulk paste, or none when any line is wrong (each reported with its number).</summary>
    public async Task<DeckChange?> PasteAsync(string userId, long deckId, string? text, DeckTextFormat format, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (await OwnedAsync(userId, deckId, ct) is not { } deck)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new DeckChange(deckId, ["Paste some cards: a term, the separator, then the definition."]);
        }

        if (text.Length > PrivateDeckRules.MaxPasteLength)
        {
            return new DeckChange(deckId, [$"Paste at most {PrivateDeckRules.MaxPasteLength:N0} characters at once."]);
        }

        var paste = DeckTsv.Parse(text, format);
        if (!paste.Succeeded)
        {
            var unit = format.ByLine ? "Line" : "Card";
            return new DeckChange(deckId, [.. paste.Errors.Select(e => $"{unit} {e.Line}: {e.Message}")]);
        }

        var cards = await CardsAsync(deckId, ct);
        var fronts = cards.Select(c => c.Front).ToList();
        var problems = new List<string>();
        var adding = new List<PrivateCard>();
        var position = NextPosition(cards);
        foreach (var pasted in paste.Cards)
        {
            var (f, b) = (PrivateDeckRules.Normalize(pasted.Term), PrivateDeckRules.Normalize(pasted.Definition));
            var wrong = PrivateDeckRules.CardProblems(f, b, fronts);
            if (wrong.Count > 0)
            {
                problems.AddRange(wrong.Select(w => $"{(format.ByLine ? "Line" : "Card")} {pasted.Number}: {w}"));
                continue;
            }

            fronts.Add(f);
            adding.Add(new PrivateCard { DeckId = deckId, Position = position++, Front = f, Back = b });
        }

        if (PrivateDeckRules.CountProblem(cards.Count, paste.Cards.Count) is { } full)
        {
            problems.Add(full);
        }

        if (problems.Count > 0)
        {
            return new DeckChange(deckId, problems);
        }

        db.PrivateCards.AddRange(adding);
        deck.UpdatedAt = Now();
        await db.SaveChangesAsync(ct);
        return new DeckChange(deckId, []) { Added = adding.Count };
    }

    /// <summary>
    /// A new private deck holding the course deck's cards as the learner sees them (question, and the answer's plain
    /// text), independent of the course from then on. Over-long answers are shortened to
    /// <see cref="PrivateDeckRules.MaxBackLength"/> characters, and a question repeated in the deck is kept once.
    /// </summary>
    public async Task<DeckChange> CopyAsync(string userId, StudyDeck source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsPrivate)
        {
            return new DeckChange(0, ["Only a course deck can be copied."]);
        }

        if (await db.PrivateDecks.CountAsync(d => d.UserId == userId, ct) >= PrivateDeckRules.MaxDecks)
        {
            return new DeckChange(0, [$"You can keep at most {PrivateDeckRules.MaxDecks} decks: delete one first."]);
        }

        var title = Clip(PrivateDeckRules.Normalize(source.Deck.Title), PrivateDeckRules.MaxTitleLength);
        var deck = New(userId, title.Length == 0 ? "Copied deck" : title);
        deck.CopiedFrom = $"{source.WeekNumber.ToString(CultureInfo.InvariantCulture)}/{source.DeckId}";
        var fronts = new List<string>();
        foreach (var card in source.Deck.Cards.Take(PrivateDeckRules.MaxCards))
        {
            var front = Clip(PrivateDeckRules.Normalize(card.Question), PrivateDeckRules.MaxFrontLength);
            var back = Clip(PrivateDeckRules.Normalize(card.AnswerText), PrivateDeckRules.MaxBackLength);
            if (PrivateDeckRules.CardProblems(front, back, fronts).Count > 0)
            {
                continue;
            }

            fronts.Add(front);
            deck.Cards.Add(new PrivateCard { Position = deck.Cards.Count + 1, Front = front, Back = back });
        }

        db.PrivateDecks.Add(deck);
        await db.SaveChangesAsync(ct);
        return new DeckChange(deck.Id, []) { Added = deck.Cards.Count };
    }

    private PrivateDeck New(string userId, string title)
    {
        var now = Now();
        return new PrivateDeck { UserId = userId, Title = title, CreatedAt = now, UpdatedAt = now };
    }

    private Task<PrivateDeck?> OwnedAsync(string userId, long deckId, CancellationToken ct) =>
        db.PrivateDecks.FirstOrDefaultAsync(d => d.Id == deckId && d.UserId == userId, ct);

    private Task<List<PrivateCard>> CardsAsync(long deckId, CancellationToken ct) =>
        db.PrivateCards.Where(c => c.DeckId == deckId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);

    private static int NextPosition(List<PrivateCard> cards) => cards.Count == 0 ? 1 : cards.Max(c => c.Position) + 1;

    // Whole microseconds: PostgreSQL keeps no finer.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
