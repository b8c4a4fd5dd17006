using System.Globalization;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>
/// What every deck study page shares: the deck from the route, and who is studying. A course deck comes from
/// <c>/weeks/{number}/{itemId}/study/…</c>; a private deck from <c>/study/decks/{deckId}/…</c> (routes added by
/// <see cref="Hosting.StudyExtensions"/>), for its owner only.
/// </summary>
public abstract class DeckStudyPageModel(CourseCatalog catalog, PrivateDecks privateDecks) : PageModel
{
    public StudyDeck Deck { get; private set; } = null!;

    /// <summary>The signed-in learner, or null for an anonymous visitor (whose state is not kept).</summary>
    public string? UserId => ProgressReader.UserId(User);

    public abstract string Mode { get; }

    /// <summary>
    /// Where a form posts to reach <paramref name="handler"/>. Spelled out rather than generated: a page with two routes
    /// (course and private deck) gets no address from link generation on the course route.
    /// </summary>
    public string HandlerUrl(string handler) => $"{Deck.ModeUrl(Mode)}?handler={handler}";

    /// <summary>The model of the shared header partial.</summary>
    public (StudyDeck Deck, string Mode, string Heading) Header(string heading) => (Deck, Mode, heading);

    /// <summary>
    /// Loads the route's deck; returns null when it can be studied, else the answer to give: 404 for a deck that is
    /// not there or not the visitor's, and back to the editor for a private deck with no cards yet.
    /// </summary>
    protected async Task<IActionResult?> LoadDeckAsync()
    {
        var route = RouteData.Values;
        StudyDeck? deck = null;
        if (route.TryGetValue("deckId", out var raw))
        {
            if (long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                deck = await privateDecks.StudyDeckAsync(UserId, id, HttpContext.RequestAborted);
            }
        }
        else if (int.TryParse(Convert.ToString(route.GetValueOrDefault("number"), CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            && route.GetValueOrDefault("itemId") is string itemId)
        {
            deck = StudyDeck.Find(catalog, number, itemId);
        }

        if (deck is null)
        {
            return NotFound();
        }

        Deck = deck;
        return deck.IsPrivate && deck.Deck.Cards.Count == 0 ? Redirect(deck.Url) : null;
    }
}
