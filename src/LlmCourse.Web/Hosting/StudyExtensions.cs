using System.Text;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;

namespace LlmCourse.Web.Hosting;

public static class StudyExtensions
{
    public static WebApplicationBuilder AddStudy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StudyService>();
        builder.Services.AddScoped<StudyStateStore>();
        builder.Services.AddScoped<PrivateDecks>();
        // A private deck is studied with the very pages of a course deck, under its own address.
        builder.Services.AddRazorPages(options =>
        {
            foreach (var (page, mode) in PrivateDeckModes)
            {
                options.Conventions.AddPageRoute(page, $"study/decks/{{deckId:long}}/{mode}");
            }
        });
        return builder;
    }

    /// <summary>The deck study pages and the mode segment of their address.</summary>
    public static IReadOnlyList<(string Page, string Mode)> PrivateDeckModes { get; } =
    [
        ("/Study/Flashcards", StudyModes.Flashcards),
        ("/Study/Learn", StudyModes.Learn),
        ("/Study/Test", StudyModes.Test),
        ("/Study/Match", StudyModes.Match),
        ("/Study/Sort", StudyModes.Sort),
        ("/Study/Analytics", "analytics"),
    ];

    /// <summary>GET /weeks/{n}/{deck}/export.tsv: the deck as term TAB definition lines, for anyone who can see it.</summary>
    public static WebApplication MapStudyExports(this WebApplication app)
    {
        app.MapGet("/weeks/{number:int}/{deckId}/export.tsv", (int number, string deckId, CourseCatalog catalog) =>
            StudyDeck.Find(catalog, number, deckId) is { } deck
                ? Results.File(Encoding.UTF8.GetBytes(DeckTsv.Export(deck.Deck)), "text/tab-separated-values; charset=utf-8", $"week-{number}-{deckId}.tsv")
                : Results.NotFound())
            .ExcludeFromDescription();
        return app;
    }
}
