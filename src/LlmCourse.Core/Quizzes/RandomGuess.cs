using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// The mark a learner would expect by answering at random, as a fraction of the question's points: each type
/// follows its Moodle question type's <c>get_random_guess_score</c>.
/// </summary>
public static class RandomGuess
{
    /// <summary>
    /// The random guess score (0–1), or null where Moodle does not estimate one:
    /// <list type="bullet">
    /// <item>single choice: the mean credit of the choices, i.e. correct choices / choices (qtype_multichoice, single);</item>
    /// <item>true/false: 0.5 (qtype_truefalse);</item>
    /// <item>multiple answers: null — qtype_multichoice returns null for multiple-answer questions ("pretty much
    /// impossible to compute"), and so do we rather than guess a model of random ticking;</item>
    /// <item>short answer and numeric: the credit of a catch-all "*" answer, else 0 (qtype_shortanswer,
    /// qtype_numerical); this format has no catch-all answer, so 0;</item>
    /// <item>matching: 1 / the number of distinct answers on the right (qtype_match);</item>
    /// <item>ordering: 0 (qtype_ordering keeps question_type's default; random orders rarely score much);</item>
    /// <item>essay: null — an open answer graded by a person cannot be guessed at, so there is no estimate (qtype_essay
    /// defines none of its own; its statistics should not suggest a guessing floor of 0);</item>
    /// <item>any other type: null.</item>
    /// </list>
    /// </summary>
    public static double? Score(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type switch
        {
            QuestionType.SingleChoice => question.Choices.Count == 0
                ? null
                : (double)question.Choices.Count(c => c.Correct) / question.Choices.Count,
            QuestionType.TrueFalse => 0.5,
            QuestionType.MultipleAnswers => null,
            QuestionType.ShortText or QuestionType.Numeric => 0,
            QuestionType.Matching => DistinctAnswers(question) is > 0 and var answers ? 1.0 / answers : null,
            QuestionType.Ordering => 0,
            QuestionType.Essay => null,
            _ => null,
        };
    }

    // Moodle's match question keeps one choice per distinct answer text, distractors included; the grader compares
    // answers by the id of their text, so answers with the same id are the same choice here.
    private static int DistinctAnswers(Question question) =>
        question.Pairs.Select(p => p.Right).Concat(question.MatchDistractors).Select(QuizIds.ForText).Distinct(StringComparer.Ordinal).Count();
}
