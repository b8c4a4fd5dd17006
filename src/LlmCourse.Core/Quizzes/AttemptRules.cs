using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>Why a learner may not start an attempt now.</summary>
public enum StartRefusal
{
    NotOpenYet,
    Closed,
    NoAttemptsLeft,

    /// <summary>An unfinished attempt exists: the learner continues it instead.</summary>
    AttemptInProgress,
}

/// <summary>Whether an attempt may start; when not, the reason and a sentence for the learner.</summary>
public sealed record StartDecision(bool Allowed, StartRefusal? Refusal, string Message)
{
    public static StartDecision Allow { get; } = new(true, null, "");
}

/// <summary>Where an unfinished attempt stands in time.</summary>
public enum AttemptPhase
{
    /// <summary>Before the deadline (or untimed): saves and submits are accepted.</summary>
    Open,

    /// <summary>Past the deadline but within <see cref="AttemptRules.GracePeriod"/>: a submit in flight is still accepted.</summary>
    Grace,

    /// <summary>Past deadline and grace: saves and submits are refused and the attempt is closed with what was saved.</summary>
    Overdue,
}

/// <summary>A finished attempt as far as the final grade is concerned.</summary>
/// <param name="Number">1-based order in which the learner started it.</param>
public sealed record FinishedAttempt(int Number, double Score);

/// <summary>An attempt closed automatically because it ran out of time.</summary>
/// <param name="SubmittedAt">The deadline: the attempt counts as handed in when time ran out.</param>
public sealed record AutoClosedAttempt(DateTimeOffset SubmittedAt, AttemptResult Result);

/// <summary>Rules about starting, timing and grading attempts. Pure: the current time is passed in.</summary>
public static class AttemptRules
{
    /// <summary>
    /// After the deadline, saves and submits are still accepted for this long, so that a submit sent as
    /// the timer hits zero (network delay, a slow page) is not lost.
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    // Scores are sums of fractions; compare them with a little slack.
    private const double Epsilon = 1e-9;

    /// <summary>
    /// The settings as they hold for one learner: the override's close date and time limit replace the quiz's
    /// own. Every timing rule below then applies unchanged (start, deadline, grace, closing).
    /// </summary>
    public static QuizSettings Apply(QuizSettings settings, QuizOverride? userOverride)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return userOverride is null
            ? settings
            : settings with { Closes = userOverride.Closes ?? settings.Closes, TimeLimit = userOverride.TimeLimit ?? settings.TimeLimit };
    }

    /// <param name="attemptsUsed">Attempts the learner has started so far, finished or not.</param>
    /// <param name="hasAttemptInProgress">Whether one of those is still unfinished.</param>
    public static StartDecision CanStart(QuizSettings settings, int attemptsUsed, bool hasAttemptInProgress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Opens is { } opens && now < opens)
        {
            return new StartDecision(false, StartRefusal.NotOpenYet, $"This quiz opens at {opens:u}.");
        }

        if (settings.Closes is { } closes && now >= closes)
        {
            return new StartDecision(false, StartRefusal.Closed, $"This quiz closed at {closes:u}.");
        }

        if (hasAttemptInProgress)
        {
            return new StartDecision(false, StartRefusal.AttemptInProgress, "You have an attempt in progress; continue it.");
        }

        if (settings.AttemptsAllowed is { } allowed && attemptsUsed >= allowed)
        {
            return new StartDecision(false, StartRefusal.NoAttemptsLeft, $"You have used all {allowed} attempt(s) allowed.");
        }

        return StartDecision.Allow;
    }

    /// <summary>When an attempt started at <paramref name="startedAt"/> must end: start + time limit, but no later than the close date; null when neither applies.</summary>
    public static DateTimeOffset? Deadline(QuizSettings settings, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DateTimeOffset? byLimit = settings.TimeLimit is { } limit ? startedAt + limit : null;
        return (byLimit, settings.Closes) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }

    /// <summary>Time left before the deadline, never negative; null for an attempt without a deadline.</summary>
    public static TimeSpan? TimeRemaining(QuizSettings settings, DateTimeOffset startedAt, DateTimeOffset now)
    {
        var deadline = Deadline(settings, startedAt);
        return deadline is { } d ? (d > now ? d - now : TimeSpan.Zero) : null;
    }

    public static AttemptPhase Phase(QuizSettings settings, DateTimeOffset startedAt, DateTimeOffset now)
    {
        if (Deadline(settings, startedAt) is not { } deadline || now <= deadline)
        {
            return AttemptPhase.Open;
        }

        return now <= deadline + GracePeriod ? AttemptPhase.Grace : AttemptPhase.Overdue;
    }

    /// <summary>Past the deadline and the grace period: saves and submits are refused.</summary>
    public static bool IsOverdue(QuizSettings settings, DateTimeOffset startedAt, DateTimeOffset now) =>
        Phase(settings, startedAt, now) == AttemptPhase.Overdue;

    /// <summary>Whether a save or submit arriving at <paramref name="now"/> is accepted.</summary>
    public static bool CanSave(QuizSettings settings, DateTimeOffset startedAt, DateTimeOffset now) =>
        !IsOverdue(settings, startedAt, now);

    /// <summary>
    /// Closes an overdue attempt, grading what was saved, as handed in at its deadline; null while the
    /// attempt may still be saved.
    /// </summary>
    public static AutoClosedAttempt? AutoClose(Quiz quiz, DateTimeOffset startedAt, IReadOnlyDictionary<string, QuestionResponse> saved, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        if (!IsOverdue(quiz.Settings, startedAt, now))
        {
            return null;
        }

        return new AutoClosedAttempt(Deadline(quiz.Settings, startedAt)!.Value, AttemptGrader.Grade(quiz, saved));
    }

    /// <summary>The score that counts across finished attempts under <paramref name="method"/>; null when there are none.</summary>
    public static double? FinalScore(GradingMethod method, IReadOnlyList<FinishedAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return null;
        }

        return method switch
        {
            GradingMethod.Highest => attempts.Max(a => a.Score),
            GradingMethod.Average => attempts.Average(a => a.Score),
            GradingMethod.First => attempts.MinBy(a => a.Number)!.Score,
            GradingMethod.Last => attempts.MaxBy(a => a.Number)!.Score,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }

    /// <summary>Passed when score / max ≥ pass mark (a fraction 0..1). A quiz worth nothing is passed.</summary>
    public static bool Passed(double score, double maxScore, double passMark) =>
        maxScore <= 0 || score / maxScore >= passMark - Epsilon;
}
