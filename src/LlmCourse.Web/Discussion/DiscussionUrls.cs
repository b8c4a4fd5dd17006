using LlmCourse.Web.Content;

namespace LlmCourse.Web.Discussion;

/// <summary>The discussion's addresses in one place, so pages, components, the API and tests agree.</summary>
public static class DiscussionUrls
{
    public static string Item(int week, string itemId, int? slide = null) =>
        CourseUrls.Item(week, itemId) + "/discussion" + (slide is { } s ? $"?slide={s}" : "");

    public static string Thread(long threadId) => $"/discussion/{threadId}";

    public static string Post(long threadId, long postId) => $"{Thread(threadId)}#post-{postId}";

    public static string Edit(long postId) => $"/discussion/posts/{postId}/edit";

    public const string Unanswered = "/discussion/unanswered";

    public const string Reports = "/discussion/reports";

    public const string Notifications = "/discussion/notifications";
}
