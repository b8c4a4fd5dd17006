using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study.Decks;

/// <summary>
/// One private deck, for its owner: rename or delete it, add, edit and delete cards, paste many at once, and study it.
/// Not behind [Authorize]: a visitor who is not the owner, signed in or not, is told the deck is not there (404).
/// </summary>
public sealed class PrivateDeckModel(PrivateDecks decks) : PageModel
{
    public PrivateDeck Deck { get; private set; } = null!;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Which form the problems belong to, so the page opens it with the learner's input kept.</summary>
    public string? FailedForm { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Front { get; private set; }

    public string? Back { get; private set; }

    public long? EditedCard { get; private set; }

    public string? PasteText { get; private set; }

    public string Between { get; private set; } = "tab";

    public string? CustomBetween { get; private set; }

    public string CardsSeparator { get; private set; } = "newline";

    public string? CustomCards { get; private set; }

    public string? NewTitle { get; private set; }

    private string? UserId => ProgressReader.UserId(User);

    public async Task<IActionResult> OnGetAsync(long deckId) => await ShowAsync(deckId) ?? Page();

    public Task<IActionResult> OnPostRenameAsync(long deckId, string? title) =>
        ChangeAsync(deckId, "rename", () => { NewTitle = title; }, userId => decks.RenameAsync(userId, deckId, title, HttpContext.RequestAborted), "Deck renamed.");

    public async Task<IActionResult> OnPostDeleteAsync(long deckId)
    {
        if (UserId is not { } userId || !await decks.DeleteAsync(userId, deckId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["Message"] = "Deck deleted, with its cards and your study records of them.";
        return Redirect("/study/decks");
    }

    public Task<IActionResult> OnPostAddCardAsync(long deckId, string? front, string? back) =>
        ChangeAsync(deckId, "add", () => (Front, Back) = (front, back),
            userId => decks.AddCardAsync(userId, deckId, front, back, HttpContext.RequestAborted), "Card added.", "#add-card");

    public Task<IActionResult> OnPostEditCardAsync(long deckId, long cardId, string? front, string? back) =>
        ChangeAsync(deckId, "edit", () => (Front, Back, EditedCard) = (front, back, cardId),
            userId => decks.EditCardAsync(userId, deckId, cardId, front, back, HttpContext.RequestAborted), "Card saved.", $"#card-{cardId}");

    public Task<IActionResult> OnPostDeleteCardAsync(long deckId, long cardId) =>
        ChangeAsync(deckId, "delete", () => { }, userId => decks.DeleteCardAsync(userId, deckId, cardId, HttpContext.RequestAborted), "Card deleted.", "#cards");

    public Task<IActionResult> OnPostPasteAsync(long deckId, string? text, string? between, string? customBetween, string? cards, string? customCards)
    {
        void Keep()
        {
            PasteText = text;
            Between = between ?? "tab";
            CustomBetween = customBetween;
            CardsSeparator = cards ?? "newline";
            CustomCards = customCards;
        }

        var format = DeckTextFormat.FromChoices(between, customBetween, cards, customCards);
        return ChangeAsync(deckId, "paste", Keep, async userId => format is null
                ? await decks.FindAsync(userId, deckId, HttpContext.RequestAborted) is null
                    ? null
                    : new DeckChange(deckId, ["Choose what separates a term from its definition, and one card from the next (a custom separator must not be empty)."])
                : await decks.PasteAsync(userId, deckId, text, format, HttpContext.RequestAborted),
            null, "#cards");
    }

    /// <summary>Applies a change: 404 when the deck (or card) is not the learner's; the page again with the problems; else back to the deck.</summary>
    private async Task<IActionResult> ChangeAsync(long deckId, string form, Action keepInput, Func<string, Task<DeckChange?>> change, string? done, string anchor = "")
    {
        if (UserId is not { } userId || await change(userId) is not { } result)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Problems = result.Problems;
            FailedForm = form;
            keepInput();
            return await ShowAsync(deckId) ?? Page();
        }

        TempData["Message"] = done ?? $"Added {result.Added} {(result.Added == 1 ? "card" : "cards")}.";
        return Redirect(StudyDeck.PrivateUrl(deckId) + anchor);
    }

    private async Task<IActionResult?> ShowAsync(long deckId)
    {
        if (await decks.FindAsync(UserId, deckId, HttpContext.RequestAborted) is not { } deck)
        {
            return NotFound();
        }

        Deck = deck;
        return null;
    }
}
