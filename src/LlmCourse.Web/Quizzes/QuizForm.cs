using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// The plain HTML form of an attempt: field names per question, and reading the posted fields back into
/// responses. The JavaScript enhancement builds the same responses from the same fields.
/// </summary>
public static class QuizForm
{
    /// <summary>Hidden field listing the questions on the posted page, so an unticked box clears an answer.</summary>
    public const string ShownField = "shown";

    public static string Field(string questionId) => "q-" + questionId;

    /// <summary>Matching: the select for one left item.</summary>
    public static string Field(string questionId, string partId) => $"q-{questionId}-{partId}";

    /// <summary>Ordering: the select for one position (1-based).</summary>
    public static string Position(string questionId, int position) => $"q-{questionId}-{position}";

    /// <summary>The responses for every question the form says it showed (those that are blank come back empty).</summary>
    public static Dictionary<string, QuestionResponse> Read(IFormCollection form, PublicQuiz quiz)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(quiz);
        var shown = form[ShownField].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        var responses = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var question in quiz.Questions.Where(q => shown.Contains(q.Id)))
        {
            responses[question.Id] = Read(form, question);
        }

        return responses;
    }

    public static QuestionResponse Read(IFormCollection form, PublicQuestion question)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(question);
        string Value(string name) => form[name].FirstOrDefault() ?? "";
        switch (question.Type)
        {
            case QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleAnswers:
                var valid = question.Choices.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
                return new ChoiceResponse([.. form[Field(question.Id)].Where(v => v is not null && valid.Contains(v)).Select(v => v!).Distinct(StringComparer.Ordinal)]);
            case QuestionType.ShortText or QuestionType.Essay:
                return new TextResponse(Value(Field(question.Id)));
            case QuestionType.Numeric:
                return new NumericResponse(Value(Field(question.Id)));
            case QuestionType.Matching:
                var picks = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var left in question.MatchLefts)
                {
                    var picked = Value(Field(question.Id, left.Id));
                    if (question.MatchOptions.Any(o => o.Id == picked))
                    {
                        picks[left.Id] = picked;
                    }
                }

                return new MatchingResponse(picks);
            case QuestionType.Ordering:
                var order = Enumerable.Range(1, question.OrderingItems.Count).Select(p => Value(Position(question.Id, p))).ToList();
                return order.All(string.IsNullOrEmpty) ? new OrderingResponse([]) : new OrderingResponse(order);
            default:
                return new TextResponse("");
        }
    }

    /// <summary>Whether a saved response picked this option (choice id), for checking boxes on reload.</summary>
    public static bool Picked(QuestionResponse? response, string choiceId) =>
        response is ChoiceResponse c && c.ChoiceIds.Contains(choiceId, StringComparer.Ordinal);

    public static string Text(QuestionResponse? response) => response switch
    {
        TextResponse t => t.Text,
        NumericResponse n => n.Input,
        _ => "",
    };

    public static string? MatchPick(QuestionResponse? response, string leftId) =>
        response is MatchingResponse m && m.Picks.TryGetValue(leftId, out var right) ? right : null;

    public static string? OrderAt(QuestionResponse? response, int position) =>
        response is OrderingResponse o && position >= 1 && position <= o.ItemIds.Count ? o.ItemIds[position - 1] : null;
}
