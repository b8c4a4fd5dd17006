using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>What a learner may see when reviewing a submitted attempt.</summary>
/// <param name="Score">The attempt's total score and whether it passed.</param>
/// <param name="QuestionMarks">Each question's mark and right/partial/wrong state.</param>
/// <param name="RightAnswers">The correct answers.</param>
/// <param name="Explanations">The questions' explanations.</param>
/// <param name="ChoiceFeedback">Feedback attached to the choices the learner picked, and the grader's comment on an essay
/// (Moodle's <c>manualcomment</c> follows its specific-feedback review option).</param>
public sealed record ReviewOptions(bool Score, bool QuestionMarks, bool RightAnswers, bool Explanations, bool ChoiceFeedback)
{
    public static ReviewOptions Nothing { get; } = new(false, false, false, false, false);
}

/// <summary>
/// The quiz's <c>reveal</c> and <c>show-marks</c> settings: the one place that decides what of a submitted
/// attempt a learner sees, for pages and API alike. As in Moodle's review options (moodle/moodle,
/// mod/quiz/classes/question/display_options.php: <c>reviewmarks</c> is separate from
/// <c>reviewrightanswer</c>, and hidden marks leave only the maximum), answers and marks are held back
/// separately: with unlimited attempts a total score shown after each one tells the right answers one
/// question at a time even when the answers themselves are never shown. Per-question marks need both,
/// because on a choice question a mark says whether the pick was right.
/// </summary>
public static class RevealRules
{
    /// <summary>Whether right answers, explanations and feedback may be shown for a learner's attempt.</summary>
    /// <param name="attemptSubmitted">Whether the attempt being reviewed is finished.</param>
    /// <param name="attemptsUsed">Attempts the learner has started, this one included.</param>
    public static bool CanReveal(QuizSettings settings, bool attemptSubmitted, int attemptsUsed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!attemptSubmitted)
        {
            return false;
        }

        var closed = IsClosed(settings, now);
        return settings.Reveal switch
        {
            RevealPolicy.AfterEachAttempt => true,

            // Closing also ends the attempts; with unlimited attempts and no close date it never comes.
            RevealPolicy.AfterLastAttempt => closed || (settings.AttemptsAllowed is { } allowed && attemptsUsed >= allowed),
            RevealPolicy.AfterClose => closed,
            RevealPolicy.Never => false,
            _ => false,
        };
    }

    /// <summary>
    /// Whether a learner may see marks now: the score and pass/fail of their submitted attempts, the grade
    /// that counts, and (with <see cref="CanReveal"/>) each question's mark.
    /// </summary>
    public static bool MarksVisible(QuizSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ShowMarks switch
        {
            MarksPolicy.Immediately => true,
            MarksPolicy.AfterClose => IsClosed(settings, now),
            _ => false,
        };
    }

    /// <summary>What the review page of an attempt may show.</summary>
    public static ReviewOptions Review(QuizSettings settings, bool attemptSubmitted, int attemptsUsed, DateTimeOffset now)
    {
        if (!attemptSubmitted)
        {
            return ReviewOptions.Nothing;
        }

        var reveal = CanReveal(settings, attemptSubmitted, attemptsUsed, now);
        var marks = MarksVisible(settings, now);
        return new ReviewOptions(marks, reveal && marks, reveal, reveal, reveal);
    }

    /// <summary>
    /// Whether a learner's finished attempts complete the quiz. Normally that takes a passing grade that
    /// counts; when the quiz holds marks back, handing an attempt in is enough, since a completion that
    /// waited for the pass mark would tell the learner whether they passed.
    /// </summary>
    /// <param name="countingFraction">The grade that counts (0..1), null before any attempt is finished.</param>
    public static bool Completes(QuizSettings settings, double? countingFraction)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return countingFraction is { } fraction
            && (settings.ShowMarks != MarksPolicy.Immediately || AttemptRules.Passed(fraction, 1, settings.PassMark));
    }

    private static bool IsClosed(QuizSettings settings, DateTimeOffset now) => settings.Closes is { } closes && now >= closes;
}
