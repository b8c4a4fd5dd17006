using LlmCourse.Web.Content;

namespace LlmCourse.Web.Components.Navigation;

/// <summary>One linked step of a breadcrumb trail: the text shown and where it leads.</summary>
public sealed record Crumb(string Text, string Href)
{
    // The steps most trails start with, so every page spells them (and their URLs) the same way.
    public static Crumb Weeks { get; } = new("Weeks", "/");

    public static Crumb Instructor { get; } = new("Instructor", "/instructor");

    public static Crumb Lab { get; } = new("Lab", "/lab");

    /// <summary>The learner's private decks.</summary>
    public static Crumb MyDecks { get; } = new("My decks", "/study/decks");

    public static Crumb Week(int number) => new($"Week {number}", CourseUrls.Week(number));

    /// <summary>A week's page in the instructor area.</summary>
    public static Crumb InstructorWeek(int number) => new($"Week {number}", $"/instructor/weeks/{number}");
}
