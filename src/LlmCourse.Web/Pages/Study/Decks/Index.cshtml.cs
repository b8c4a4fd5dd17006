using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Study.Decks;

/// <summary>"My decks": the learner's private decks, a form to start one, and (posted from a course deck) its copy.</summary>
[Authorize]
public sealed class MyDecksModel(PrivateDecks decks, CourseCatalog catalog) : PageModel
{
    public IReadOnlyList<PrivateDeckSummary> Decks { get; private set; } = [];

    [BindProperty]
    public string? Title { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    private string UserId => ProgressReader.UserId(User)!;

    public async Task OnGetAsync() => Decks = await decks.ListAsync(UserId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var change = await decks.CreateAsync(UserId, Title, HttpContext.RequestAborted);
        if (!change.Succeeded)
        {
            Problems = change.Problems;
            await OnGetAsync();
            return Page();
        }

        Message = "Deck created: now add its cards, one by one or by pasting them all.";
        return Redirect(StudyDeck.PrivateUrl(change.DeckId));
    }

    /// <summary>Copies a visible course deck into a new private deck.</summary>
    public async Task<IActionResult> OnPostCopyAsync(int week, string? deckId)
    {
        if (deckId is null || StudyDeck.Find(catalog, week, deckId) is not { } source)
        {
            return NotFound();
        }

        var change = await decks.CopyAsync(UserId, source, HttpContext.RequestAborted);
        if (!change.Succeeded)
        {
            Problems = change.Problems;
            await OnGetAsync();
            return Page();
        }

        Message = $"Copied “{source.Deck.Title}” to your decks ({change.Added} cards). Your copy is yours to change: later edits to the course deck do not touch it.";
        return Redirect(StudyDeck.PrivateUrl(change.DeckId));
    }
}
