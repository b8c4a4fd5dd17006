namespace LlmCourse.Web.Api;

public sealed record CourseOutline(string Title, string Tagline, IReadOnlyList<WeekOutline> Weeks);

public sealed record WeekOutline(int Number, string Title, string Summary, string Url, IReadOnlyList<ItemSummary> Items);

/// <param name="Kind">lecture, notes, deck or quiz.</param>
/// <param name="Size">Slides, cards or questions; reading minutes for notes.</param>
public sealed record ItemSummary(string Id, string Kind, string Title, string Summary, IReadOnlyList<string> Tags, string Url, int Size);

/// <param name="Revision">Content hash of the item's current text.</param>
public sealed record ItemDetails(
    int Week,
    string Id,
    string Kind,
    string Title,
    string Summary,
    IReadOnlyList<string> Tags,
    string Url,
    string Revision,
    int? Slides,
    int? Cards,
    int? Questions,
    int? ReadingMinutes,
    IReadOnlyList<string>? SlideTitles);

public sealed record ProgressSummary(int CoursePercent, ContinueAt? Continue, IReadOnlyList<WeekProgress> Weeks);

public sealed record ContinueAt(int Week, string ItemId, int Slide, string Url);

public sealed record WeekProgress(int Number, int Done, int Total, IReadOnlyList<ItemProgress> Items);

public sealed record ItemProgress(string Id, string Kind, bool Started, bool Completed, int LastSlide, int SlidesSeen, DateTime? LastAt, DateTime? CompletedAt);
