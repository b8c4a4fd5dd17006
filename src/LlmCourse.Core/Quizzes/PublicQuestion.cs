using System.Net;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>Something the learner can pick or move: a choice, a matching side, an ordering item.</summary>
/// <param name="Id">What the response stores (a choice id, or <see cref="QuizIds.ForText"/>).</param>
public sealed record PublicOption(string Id, string Html, string Text);

/// <summary>
/// A question as a learner may see it before submitting: no correctness flags, accepted answers,
/// patterns, numeric values, pairings, correct order, explanations or feedback.
/// </summary>
/// <param name="Id">The id learners see (<see cref="PublicQuestionIds"/>), never the authored one.</param>
/// <param name="Number">1-based position in this attempt.</param>
/// <param name="Choices">Choice questions: the choices in this attempt's order.</param>
/// <param name="MatchLefts">Matching: the left items, in authored order.</param>
/// <param name="MatchOptions">Matching: the distinct right-hand sides, shuffled, to pick from for each left item.</param>
/// <param name="OrderingItems">Ordering: the items, shuffled.</param>
public sealed record PublicQuestion(
    string Id,
    int Number,
    QuestionType Type,
    string Title,
    string PromptHtml,
    double Points,
    string? HintHtml,
    IReadOnlyList<PublicOption> Choices,
    IReadOnlyList<PublicOption> MatchLefts,
    IReadOnlyList<PublicOption> MatchOptions,
    IReadOnlyList<PublicOption> OrderingItems);

/// <summary>A quiz attempt as a learner may see it before submitting.</summary>
public sealed record PublicQuiz(
    string Id,
    string Title,
    string IntroHtml,
    TimeSpan? TimeLimit,
    QuizLayout Layout,
    double MaxScore,
    IReadOnlyList<PublicQuestion> Questions);

/// <summary>Projects quizzes and questions to their learner-safe form, in the order of an attempt's seed.</summary>
public static class PublicProjection
{
    public static PublicQuiz Project(Quiz quiz, int seed)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var ids = PublicQuestionIds.For(quiz);
        var questions = AttemptShuffle.Questions(quiz, seed)
            .Select((q, i) => Project(q, ids.Of(q.Id), i + 1, quiz.Settings.ShuffleChoices, seed))
            .ToList();
        return new PublicQuiz(quiz.Id, quiz.Title, quiz.IntroHtml, quiz.Settings.TimeLimit, quiz.Settings.Layout, quiz.Questions.Sum(q => q.Points), questions);
    }

    /// <param name="publicId">The id learners see for this question (<see cref="PublicQuestionIds.Of"/>).</param>
    public static PublicQuestion Project(Question question, string publicId, int number, bool shuffleChoices, int seed)
    {
        ArgumentNullException.ThrowIfNull(question);
        var choices = AttemptShuffle.Choices(question, shuffleChoices, seed)
            .Select(c => new PublicOption(c.Id, c.Html, c.Text))
            .ToList();
        var lefts = question.Type == QuestionType.Matching
            ? question.Pairs.Select(p => p.Left).Distinct(StringComparer.Ordinal).Select(TextOption).ToList()
            : [];
        var options = question.Type == QuestionType.Matching
            ? AttemptShuffle.MatchOptions(question, seed).Select(TextOption).ToList()
            : [];
        var items = question.Type == QuestionType.Ordering
            ? AttemptShuffle.OrderingItems(question, seed).Select(TextOption).ToList()
            : [];
        return new PublicQuestion(
            publicId, number, question.Type, question.Title, question.PromptHtml, question.Points, question.HintHtml,
            choices, lefts, options, items);
    }

    private static PublicOption TextOption(string text) => new(QuizIds.ForText(text), WebUtility.HtmlEncode(text), text);
}
