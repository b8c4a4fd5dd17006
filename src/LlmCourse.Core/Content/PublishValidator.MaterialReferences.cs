namespace LlmCourse.Core.Content;

public static partial class PublishValidator
{
    /// <summary>
    /// The <c>tests=</c> references of a quiz's questions or a deck's cards that name no slide or notes section
    /// of <paramref name="week"/>: an unknown item, an item that is neither lecture nor notes, a slide past the
    /// lecture's last, or a section id the notes do not have.
    /// </summary>
    public static IEnumerable<ContentError> CheckMaterialReferences(CourseItem item, Week week)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(week);
        IEnumerable<(int Line, string What, IReadOnlyList<MaterialReference> Tests)> taggers = item switch
        {
            Quiz quiz => quiz.Questions.Select(q => (q.Line, $"The question '{q.Title}'", q.Tests)),
            Deck deck => deck.Cards.Select(c => (c.Line, $"The card '{c.Question}'", c.Tests)),
            _ => [],
        };
        foreach (var (line, what, tests) in taggers)
        {
            foreach (var reference in tests)
            {
                if (Unresolved(reference, week) is { } why)
                {
                    yield return new ContentError(item.SourceFile, Math.Max(1, line), $"{what} tests {reference}, but {why}.");
                }
            }
        }
    }

    private static string? Unresolved(MaterialReference reference, Week week) => week.FindItem(reference.ItemId) switch
    {
        null => $"week {week.Number} has no item '{reference.ItemId}'",
        Lecture lecture when reference.Slide is not { } slide => $"'{lecture.Id}' is a lecture: name a slide by its number, like {lecture.Id}/1",
        Lecture lecture when reference.Slide > lecture.Slides.Count => $"the lecture '{lecture.Id}' has {lecture.Slides.Count} slides",
        Lecture => null,
        Notes notes when reference.Section is not { } => $"'{notes.Id}' is notes: name a section by its heading's id, like {notes.Id}#{notes.Toc.FirstOrDefault()?.Id ?? "section"}",
        Notes notes when !notes.Toc.Any(t => t.Id == reference.Section) =>
            $"the notes '{notes.Id}' have no heading with the id '{reference.Section}' (they have: {string.Join(", ", notes.Toc.Select(t => t.Id))})",
        Notes => null,
        var other => $"'{other.Id}' is a {other.Kind.ToString().ToLowerInvariant()}, not a lecture or notes",
    };
}
