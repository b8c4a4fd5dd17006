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
        return builder;
    }

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
