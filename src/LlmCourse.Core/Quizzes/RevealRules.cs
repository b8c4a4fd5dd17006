using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>What a learner may see when reviewing a submitted attempt.</summary>
/// <param name="Score">The attempt's total score (always, once submitted).</param>
/// <param name="QuestionMarks">Each question's mark and right/partial/wrong state.</param>
/// <param name="RightAnswers">The correct answers.</param>
/// <param name="Explanations">The questions' explanations.</param>
/// <param name="ChoiceFeedback">Feedback attached to the choices the learner picked.</param>
public sealed record ReviewOptions(bool Score, bool QuestionMarks, bool RightAnswers, bool Explanations, bool ChoiceFeedback)
{
    public static ReviewOptions Nothing { get; } = new(false, false, false, false, false);
}

/// <summary>
/// The quiz's <c>reveal</c> setting. Per-question marks are revealed together with the answers: on a
/// choice question a mark says whether the pick was right, which would leak the answer to a later attempt.
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

        var closed = settings.Closes is { } closes && now >= closes;
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

    /// <summary>What the review page of an attempt may show.</summary>
    public static ReviewOptions Review(QuizSettings settings, bool attemptSubmitted, int attemptsUsed, DateTimeOffset now)
    {
        if (!attemptSubmitted)
        {
            return ReviewOptions.Nothing;
        }

        var reveal = CanReveal(settings, attemptSubmitted, attemptsUsed, now);
        return new ReviewOptions(true, reveal, reveal, reveal, reveal);
    }
}
