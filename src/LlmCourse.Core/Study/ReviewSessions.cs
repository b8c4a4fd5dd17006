using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>One spaced-repetition review as the session summary needs it: which card, how it went, when.</summary>
public sealed record SessionReview(CardKey Card, Rating Rating, DateTimeOffset At);

/// <summary>Groups a learner's reviews into sittings, so a summary can speak of "this session".</summary>
public static class ReviewSessions
{
    /// <summary>Reviews further apart than this belong to different sessions (a learner who pauses longer has stopped).</summary>
    public static readonly TimeSpan Break = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The cards rated "Again" in the learner's latest session: the run of reviews back from the latest one with no
    /// gap over <see cref="Break"/>. Each card once, in the order first forgotten; a card forgotten and then recalled
    /// later in the session still counts, since it was missed.
    /// </summary>
    public static IReadOnlyList<CardKey> LastSessionMisses(IEnumerable<SessionReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var ordered = reviews.OrderByDescending(r => r.At).ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var session = new List<SessionReview> { ordered[0] };
        for (var i = 1; i < ordered.Count && ordered[i - 1].At - ordered[i].At <= Break; i++)
        {
            session.Add(ordered[i]);
        }

        return [.. session.AsEnumerable().Reverse().Where(r => r.Rating == Rating.Again).Select(r => r.Card).Distinct()];
    }
}
