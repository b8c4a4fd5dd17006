using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

/// <summary>The site's URL scheme in one place, so pages, API and tests agree.</summary>
public static class CourseUrls
{
    public static string Week(int number) => $"/weeks/{number}";

    public static string Item(int week, string itemId) => $"/weeks/{week}/{Uri.EscapeDataString(itemId)}";

    public static string Item(Week week, CourseItem item) => Item(week.Number, item.Id);

    public static string Slide(int week, string lectureId, int slide) => $"{Item(week, lectureId)}/slides/{slide}";

    /// <summary>A section of notes: the notes page at the heading's anchor.</summary>
    public static string Section(int week, string notesId, string section) => $"{Item(week, notesId)}#{Uri.EscapeDataString(section)}";

    /// <summary>Where a slide or notes section to revisit is read.</summary>
    public static string Part(RevisitPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.Slide is { } n ? Slide(part.Week, part.Item.Id, n) : Section(part.Week, part.Item.Id, part.Section ?? "");
    }

    public static string Transcript(int week, string lectureId) => $"{Item(week, lectureId)}/transcript";

    public static string Embed(int week, string lectureId, int slide) => $"/embed{Slide(week, lectureId, slide)}";

    public static string Download(int week, string itemId) => $"{Item(week, itemId)}/download";
}
