using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

/// <summary>Short labels for items in lists.</summary>
public static class ItemDisplay
{
    public static string KindLabel(ItemKind kind) => kind switch
    {
        ItemKind.Lecture => "Lecture",
        ItemKind.Notes => "Notes",
        ItemKind.Deck => "Flashcards",
        ItemKind.Quiz => "Quiz",
        _ => kind.ToString(),
    };

    public static string Meta(CourseItem item) => item switch
    {
        Lecture l => Plural(l.Slides.Count, "slide"),
        Notes n => $"{n.ReadingMinutes} min read",
        Deck d => Plural(d.Cards.Count, "card"),
        Quiz q => Plural(q.Questions.Count, "question"),
        _ => "",
    };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
