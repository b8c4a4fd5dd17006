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

/// <summary>The per-slide (or per-section) insight of one lecture or notes item; percentages 0–100, shares 0–1, null when not measurable.</summary>
public sealed record MaterialInsightResponse(int Week, string ItemId, string Kind, int Learners, IReadOnlyList<MaterialPartResponse> Parts, IReadOnlyList<string> ReworkFirst)
{
    public static MaterialInsightResponse From(int week, LlmCourse.Core.Reports.MaterialInsight insight)
    {
        ArgumentNullException.ThrowIfNull(insight);
        return new(
            week,
            insight.Item.Id,
            insight.Item.Kind.ToString().ToLowerInvariant(),
            insight.Learners,
            [.. insight.Parts.Select(p => new MaterialPartResponse(
                p.Key, p.Title, p.Facility, p.Discrimination, p.Difficulty, p.LapseRate, p.Retention, p.Readers, p.MedianDwellSeconds, p.StoppedHere, p.ReworkScore,
                [.. p.Reasons.Select(r => r.Text)],
                [.. p.Questions.Select(q => new TiedQuestionResponse(q.QuizId, q.QuestionId, q.Attempts, q.Facility, q.Discrimination))],
                [.. p.Cards.Select(c => new TiedCardResponse(c.DeckId, c.CardId, c.Learners, c.Reviews, c.Difficulty, c.LapseRate, c.Retention))]))],
            [.. insight.Rework.Select(p => p.Key)]);
    }
}

/// <param name="Part">The slide number, or the notes section's id.</param>
public sealed record MaterialPartResponse(
    string Part, string Title, double? Facility, double? Discrimination, double? Difficulty, double? LapseRate, double? Retention,
    int Readers, double? MedianDwellSeconds, int StoppedHere, double ReworkScore, IReadOnlyList<string> Reasons,
    IReadOnlyList<TiedQuestionResponse> Questions, IReadOnlyList<TiedCardResponse> Cards);

public sealed record TiedQuestionResponse(string QuizId, string QuestionId, int Attempts, double? Facility, double? Discrimination);

public sealed record TiedCardResponse(string DeckId, string CardId, int Learners, int Reviews, double? Difficulty, double? LapseRate, double? Retention);
