using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study;

/// <summary>What every deck study page shares: the deck from the route, and who is studying.</summary>
public abstract class DeckStudyPageModel(CourseCatalog catalog) : PageModel
{
    public StudyDeck Deck { get; private set; } = null!;

    /// <summary>The signed-in learner, or null for an anonymous visitor (whose state is not kept).</summary>
    public string? UserId => ProgressReader.UserId(User);

    public abstract string Mode { get; }

    /// <summary>The model of the shared header partial.</summary>
    public (StudyDeck Deck, string Mode, string Heading) Header(string heading) => (Deck, Mode, heading);

    protected bool TryLoadDeck(int number, string itemId)
    {
        if (StudyDeck.Find(catalog, number, itemId) is not { } deck)
        {
            return false;
        }

        Deck = deck;
        return true;
    }
}
