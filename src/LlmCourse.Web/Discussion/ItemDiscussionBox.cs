namespace LlmCourse.Web.Discussion;

/// <summary>Which threads an item page shows: an item's, or one slide's of a lecture.</summary>
public sealed record ItemDiscussionBox(int Week, string ItemId, int? Slide = null);
