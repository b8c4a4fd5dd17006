using System.Globalization;

namespace LlmCourse.Core.Study;

/// <summary>A figure shown to learners, with the plain-language meaning shown next to it.</summary>
/// <param name="Name">What the figure is called on the page.</param>
/// <param name="Meaning">One or two sentences a learner can read without knowing FSRS.</param>
public sealed record SignalDefinition(string Name, string Meaning);

/// <summary>How the analytics group a learner's cards.</summary>
public enum CardStudyStatus
{
    /// <summary>Never reviewed in spaced repetition (and not mastered another way).</summary>
    New,

    /// <summary>In spaced repetition's short learning or relearning steps.</summary>
    Learning,

    /// <summary>Scheduled in days by spaced repetition.</summary>
    Review,

    /// <summary>Mastered, by <see cref="Mastery.IsMastered"/>; takes precedence over the other three.</summary>
    Mastered,
}

/// <summary>
/// The sentence that explains each learning signal, written next to the rule in this folder that computes it, so the
/// explanation a page shows and the figure it explains come from the same place.
/// </summary>
public static class SignalHelp
{
    public static SignalDefinition Familiar { get; } = new(
        "Familiar",
        "Answered right in Learn, but not yet "
        + $"{LearnMode.StreakToLearn} times in a row. Typing it right when it comes back makes it learned.");

    public static SignalDefinition Learned { get; } = new(
        "Learned",
        $"Learn counts a card learned after {LearnMode.StreakToLearn} right answers in a row: first by choosing, then by typing. "
        + "A wrong answer starts its count again. The bar fills by right answers towards that, "
        + $"{LearnMode.StreakToLearn} per card, so a perfect first round fills half of it.");

    public static SignalDefinition Mastered { get; } = new(
        "Mastered",
        "A card is mastered when you are likely to keep it for the long term: spaced repetition has built a memory stability of "
        + $"{Mastery.StabilityDays.ToString(CultureInfo.InvariantCulture)} days or more, or you learned it in Learn and got it right in a practice test. "
        + "Rating it Again in spaced repetition takes mastery away until you next rate it Hard or better.");

    public static SignalDefinition RecallNow { get; } = new(
        "Recall now",
        "The chance you would recall the card at this moment, from the FSRS forgetting curve: it falls from the time of "
        + "your last review, faster for a card of low stability. Rounded down, and never shown as 100%: no memory is certain.");

    public static SignalDefinition Due { get; } = new(
        "Due",
        "A card you have reviewed in spaced repetition whose next review time has come: FSRS schedules it for when your "
        + "chance of recall is predicted to fall to your desired retention. Cards you have never reviewed count as new, not due.");

    public static SignalDefinition New { get; } = new(
        "New",
        "Cards you have never reviewed in spaced repetition. Each day you start at most your daily limit of them.");

    public static SignalDefinition Stability { get; } = new(
        "Stability",
        "How long FSRS expects the memory to last: the number of days after a review at which your chance of recall falls to 90%.");

    public static SignalDefinition Status { get; } = new(
        "Status",
        "New: never reviewed in spaced repetition. Learning: in its first short steps (minutes), or relearning after Again. "
        + "Review: scheduled in days. Mastered: as defined above; it takes precedence over the others.");

    public static SignalDefinition Accuracy { get; } = new(
        "Accuracy",
        "Right answers over all answers in that mode, over all your sessions. For spaced repetition, "
        + "the reviews rated Hard, Good or Easy over all reviews.");

    public static SignalDefinition Recalled { get; } = new(
        "Recalled",
        "A review counts as recalled when you rate it Hard, Good or Easy; Again means you forgot it.");

    public static SignalDefinition Know { get; } = new(
        "Know",
        "Card sorting only: the cards you said you know in this sorting session. It is your own call, "
        + "and it does not make a card learned or mastered.");
}

/// <summary>
/// The learning signals the site shows, each computed once: here, or in <see cref="Mastery"/> (mastered) and
/// <see cref="LearnMode"/> (learned, familiar). Pages and the API call these functions and show the matching
/// <see cref="SignalHelp"/> sentence beside the figure, so two places never disagree about what "learned",
/// "mastered", "recall now" or "due" means.
/// </summary>
public static class LearningSignals
{
    /// <summary>The highest whole percentage <see cref="RecallPercent"/> shows.</summary>
    public const int MaxRecallPercent = 99;

    // R(S, S) is 0.9 in exact arithmetic but may come out a hair below; it must still read 90 %, not 89 %.
    private const double FloorTolerance = 1e-9;

    /// <summary>
    /// The predicted chance of recalling <paramref name="card"/> at <paramref name="now"/>: the FSRS forgetting curve
    /// R(t, S) of <paramref name="scheduler"/>'s parameters, at the card's stability S and the exact time t since its
    /// last review (fractions of a day count, so the figure falls from the minute of the review). Null for a card never
    /// reviewed.
    /// </summary>
    public static double? RecallNow(CardState card, DateTimeOffset now, FsrsScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (card.State == CardLearningState.New || card.LastReview is not { } last || card.Stability is not { } stability)
        {
            return null;
        }

        return scheduler.ForgettingCurve(Math.Max(0, (now - last).TotalDays), stability);
    }

    /// <summary>
    /// A recall probability as the whole percentage shown: rounded down, and at most <see cref="MaxRecallPercent"/>,
    /// so a card is never shown as certain (R is exactly 1 only at the instant of a review).
    /// </summary>
    public static int RecallPercent(double recall) =>
        double.IsNaN(recall) ? 0 : (int)Math.Clamp(Math.Floor((recall * 100) + FloorTolerance), 0, MaxRecallPercent);

    /// <summary>Whether a card is due at <paramref name="now"/>: reviewed before and its due time has come. New cards never are.</summary>
    public static bool IsDue(CardState card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.State != CardLearningState.New && card.IsDueAt(now);
    }

    /// <summary>The analytics' grouping of a card: mastered first, else its FSRS life-cycle stage.</summary>
    public static CardStudyStatus StatusOf(CardState card, bool mastered)
    {
        ArgumentNullException.ThrowIfNull(card);
        return mastered ? CardStudyStatus.Mastered : card.State switch
        {
            CardLearningState.New => CardStudyStatus.New,
            CardLearningState.Review => CardStudyStatus.Review,
            _ => CardStudyStatus.Learning,
        };
    }

    /// <summary>The status as pages and the API spell it: new, learning, review or mastered.</summary>
    public static string Name(CardStudyStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Whether a spaced-repetition rating counts as recalled (Hard, Good or Easy).</summary>
    public static bool Recalled(Rating rating) => rating != Rating.Again;

    /// <summary>Right answers over answers, 0 to 1; null when nothing was answered.</summary>
    public static double? AccuracyOf(int correct, int answered) =>
        answered <= 0 ? null : Math.Clamp((double)correct / answered, 0, 1);
}
