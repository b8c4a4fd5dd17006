using LlmCourse.Core.Discussion;

namespace LlmCourse.Web.Discussion;

/// <summary>Settings under <c>Discussion:*</c> (docs/operations.md, "Views and discussion").</summary>
public sealed class DiscussionOptions
{
    /// <summary>New threads and replies one learner may post in any 60 seconds (instructors are not limited).</summary>
    public int PostsPerMinute { get; set; } = DiscussionRules.DefaultPostsPerMinute;

    /// <summary>How long after posting its author may edit a post.</summary>
    public TimeSpan EditWindow { get; set; } = DiscussionRules.DefaultEditWindow;

    /// <summary>How often each instance re-reads the thread lists item pages show (its own writes refresh them at once).</summary>
    public TimeSpan ListRefresh { get; set; } = TimeSpan.FromSeconds(30);
}
