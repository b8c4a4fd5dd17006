using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>The right answer of a question, in the fields its type uses.</summary>
public sealed record CorrectAnswer(
    IReadOnlyList<string> ChoiceIds,
    IReadOnlyList<string> AcceptedAnswers,
    string? AcceptedPattern,
    NumericAnswer? Numeric,
    IReadOnlyList<MatchPair> Pairs,
    IReadOnlyList<string> OrderedItems);

/// <summary>Feedback on a choice the learner picked.</summary>
public sealed record ChoiceFeedback(string ChoiceId, string FeedbackHtml);

/// <summary>
/// One question on the review page of a submitted attempt; each part is null or empty unless
/// <see cref="ReviewOptions"/> allows it.
/// </summary>
/// <param name="CommentHtml">The grader's comment on an essay; shown with the feedback (Moodle shows the manual comment
/// when specific feedback is shown).</param>
/// <param name="NeedsGrading">An answered essay still waiting for the instructor. Always shown: it tells nothing of the mark.</param>
public sealed record QuestionReview(
    PublicQuestion Question,
    QuestionResponse? Response,
    QuestionGrade? Grade,
    CorrectAnswer? Answer,
    string? ExplanationHtml,
    IReadOnlyList<ChoiceFeedback> Feedback,
    string? CommentHtml = null,
    bool NeedsGrading = false);

/// <summary>Builds review pages that show only what the reveal rules allow.</summary>
public static class ReviewBuilder
{
    /// <param name="publicId">The id learners see for the question (<see cref="PublicQuestionIds.Of"/>).</param>
    /// <param name="manual">The instructor's grade, for an essay that has one.</param>
    public static QuestionReview Build(
        Question question, string publicId, int number, bool shuffleChoices, int seed, QuestionResponse? response, ReviewOptions options, ManualGrade? manual = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        var picked = response is ChoiceResponse c ? new HashSet<string>(c.ChoiceIds, StringComparer.Ordinal) : [];
        var feedback = options.ChoiceFeedback
            ? question.Choices
                .Where(ch => picked.Contains(ch.Id) && !string.IsNullOrEmpty(ch.FeedbackHtml))
                .Select(ch => new ChoiceFeedback(ch.Id, ch.FeedbackHtml!))
                .ToList()
            : [];
        var answer = options.RightAnswers
            ? new CorrectAnswer(
                question.Choices.Where(ch => ch.Correct).Select(ch => ch.Id).ToList(),
                question.AcceptedAnswers,
                question.AcceptedPattern,
                question.Numeric,
                question.Pairs,
                question.OrderedItems)
            : null;
        var grade = Grader.Grade(question, response, manual);
        var pending = grade.State == GradeState.NeedsGrading;
        return new QuestionReview(
            PublicProjection.Project(question, publicId, number, shuffleChoices, seed),
            response,
            options.QuestionMarks && !pending ? grade : null,
            answer,
            options.Explanations ? question.ExplanationHtml : null,
            feedback,
            options.ChoiceFeedback && question.Type == QuestionType.Essay ? manual?.CommentHtml : null,
            pending);
    }
}
