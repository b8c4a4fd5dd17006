using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Study;

/// <summary>One card as the learner stands with it; every figure comes from <see cref="LearningSignals"/> or <see cref="Mastery"/>.</summary>
/// <param name="RecallNow">Predicted chance of recall now (FSRS forgetting curve); null for a card never reviewed.</param>
/// <param name="IsDue">Reviewed before and due now.</param>
public sealed record CardStatus(Card Card, CardStudyStatus Kind, CardState State, bool Starred, double? RecallNow, bool IsDue)
{
    /// <summary>new, learning, review or mastered.</summary>
    public string Status => LearningSignals.Name(Kind);
}

/// <summary>How a mode has gone for the learner.</summary>
/// <param name="Accuracy">Right answers over answers, 0 to 1; null with no answers.</param>
/// <param name="BestTime">Match: the fastest finished game.</param>
public sealed record ModeStats(string Mode, string Label, int Sessions, int Correct, int Answered, double? Accuracy, TimeSpan? BestTime);

/// <param name="Passed">Reviews rated Hard, Good or Easy.</param>
public sealed record DayReviews(DateOnly Day, int Reviews, int Passed);

public sealed record DayDue(DateOnly Day, int Cards);

/// <summary>A learner's statistics for one deck.</summary>
public sealed record DeckStatistics(
    IReadOnlyList<CardStatus> Cards,
    DeckMastery Mastery,
    IReadOnlyList<ModeStats> Modes,
    IReadOnlyList<DayReviews> Retention,
    IReadOnlyList<DayDue> Forecast,
    bool Completed)
{
    /// <summary>Cards due now (<see cref="LearningSignals.IsDue"/>).</summary>
    public int DueNow => Cards.Count(c => c.IsDue);
}

/// <summary>Turns a learner's rows into <see cref="DeckStatistics"/>; pure apart from the rows passed in.</summary>
public static class DeckAnalytics
{
    public const int RetentionDays = 30;

    public const int ForecastDays = 14;

    public static DeckStatistics Build(
        StudyDeck deck,
        IReadOnlyDictionary<string, StudyCard> rows,
        IReadOnlyList<StudyReview> reviews,
        IReadOnlyList<StudySession> sessions,
        IReadOnlySet<string> lapsed,
        FsrsScheduler scheduler,
        bool completed,
        DateTimeOffset now)
    {
        var cards = deck.Deck.Cards.Select(card =>
        {
            var row = rows.GetValueOrDefault(card.Id);
            var state = StudyService.ToState(row, card.Id, now);
            var mastered = row is not null && Mastery.IsMastered(StudyService.Evidence(row, lapsed));
            return new CardStatus(card, LearningSignals.StatusOf(state, mastered), state, row?.Starred == true,
                LearningSignals.RecallNow(state, now, scheduler), LearningSignals.IsDue(state, now));
        }).ToList();
        var mastery = Mastery.ForDeck(deck.Deck.Cards.Select(c => c.Id), rows.Values.Select(r => StudyService.Evidence(r, lapsed)));

        var modes = StudyModes.All.Where(m => m.Mode != StudyModes.Flashcards).Select(m =>
        {
            var mine = sessions.Where(s => s.Mode == m.Mode).ToList();
            var correct = mine.Sum(s => s.Correct);
            var answered = mine.Sum(s => s.Answered);
            var best = mine.Where(s => s.FinishedAt is not null && s.TimeMs is not null).Select(s => s.TimeMs!.Value).DefaultIfEmpty(-1).Min();
            return new ModeStats(m.Mode, m.Label, mine.Count, correct, answered, LearningSignals.AccuracyOf(correct, answered),
                best < 0 ? null : TimeSpan.FromMilliseconds(best));
        }).ToList();
        var reviewDays = reviews.Select(r => DateOnly.FromDateTime(r.ReviewedAt)).Distinct().Count();
        var passed = reviews.Count(Recalled);
        modes.Add(new ModeStats("review", "Spaced repetition", reviewDays, passed, reviews.Count, LearningSignals.AccuracyOf(passed, reviews.Count), null));

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var retention = Enumerable.Range(0, RetentionDays).Select(i =>
        {
            var day = today.AddDays(i - RetentionDays + 1);
            var onDay = reviews.Where(r => DateOnly.FromDateTime(r.ReviewedAt) == day).ToList();
            return new DayReviews(day, onDay.Count, onDay.Count(Recalled));
        }).ToList();

        var scheduled = cards.Where(c => c.State.State != CardLearningState.New)
            .Select(c => DateOnly.FromDateTime(c.State.Due.UtcDateTime))
            .Select(d => d < today ? today : d)
            .ToList();
        var forecast = Enumerable.Range(0, ForecastDays).Select(i => today.AddDays(i)).Select(d => new DayDue(d, scheduled.Count(s => s == d))).ToList();
        return new DeckStatistics(cards, mastery, modes, retention, forecast, completed);
    }

    private static bool Recalled(StudyReview review) => LearningSignals.Recalled((Rating)review.Rating);
}
