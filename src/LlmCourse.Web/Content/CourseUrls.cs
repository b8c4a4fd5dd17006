using LlmCourse.Core.Content;

namespace LlmCourse.Web.Content;

/// <summary>The site's URL scheme in one place, so pages, API and tests agree.</summary>
public static class CourseUrls
{
    public static string Week(int number) => $"/weeks/{number}";

    public static string Item(int week, string itemId) => $"/weeks/{week}/{Uri.EscapeDataString(itemId)}";

    public static string Item(Week week, CourseItem item) => Item(week.Number, item.Id);

    public static string Slide(int week, string lectureId, int slide) => $"{Item(week, lectureId)}/slides/{slide}";

    public static string Transcript(int week, string lectureId) => $"{Item(week, lectureId)}/transcript";

    public static string Embed(int week, string lectureId, int slide) => $"/embed{Slide(week, lectureId, slide)}";

    public static string Download(int week, string itemId) => $"{Item(week, itemId)}/download";
}
