using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// Checks a saved answer against its question before it is stored: the shape the question's type takes,
/// ids the question actually offers, and bounded sizes. An answer the attempt page could not have produced
/// is refused whole rather than trimmed, so what is stored is always what the learner sent.
/// </summary>
public static class ResponseBounds
{
    /// <summary>Longest short-text answer, in UTF-16 code units (the attempt page's <c>maxlength</c>).</summary>
    public const int MaxTextLength = 500;

    /// <summary>Longest numeric answer as typed (the page allows 60).</summary>
    public const int MaxNumericLength = 100;

    /// <summary>Longest essay answer, in UTF-16 code units (the attempt page's <c>maxlength</c>): some 3,000 words.</summary>
    public const int MaxEssayLength = 20_000;

    /// <summary>Why <paramref name="response"/> cannot be an answer to <paramref name="question"/>; null when it can.</summary>
    public static string? Problem(Question question, QuestionResponse response)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(response);
        return (question.Type, response) switch
        {
            (QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleAnswers, ChoiceResponse c) => ChoiceProblem(question, c),
            (QuestionType.ShortText, TextResponse t) => TextProblem(t.Text, MaxTextLength),
            (QuestionType.Numeric, NumericResponse n) => TextProblem(n.Input, MaxNumericLength),
            (QuestionType.Matching, MatchingResponse m) => MatchingProblem(question, m),
            (QuestionType.Ordering, OrderingResponse o) => OrderingProblem(question, o),
            (QuestionType.Essay, TextResponse t) => TextProblem(t.Text, MaxEssayLength),
            _ => $"a {TypeName(question.Type)} question takes {Shape(question.Type)}",
        };
    }

    /// <summary>Whether <paramref name="text"/> is well-formed UTF-16 (no lone surrogate), so it can be stored and shown.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            i += consumed;
        }

        return true;
    }

    private static string? ChoiceProblem(Question question, ChoiceResponse response)
    {
        var max = question.Type == QuestionType.MultipleAnswers ? question.Choices.Count : 1;
        if (response.ChoiceIds.Count > max)
        {
            return max == 1 ? "pick at most one choice" : $"pick at most {max} choices";
        }

        if (response.ChoiceIds.Distinct(StringComparer.Ordinal).Count() != response.ChoiceIds.Count)
        {
            return "a choice is picked twice";
        }

        var offered = question.Choices.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return response.ChoiceIds.All(offered.Contains) ? null : "a picked choice is not one of this question's choices";
    }

    private static string? TextProblem(string text, int max) =>
        text.Length > max ? $"the answer is {text.Length} characters long; at most {max} are accepted"
        : IsWellFormed(text) ? null
        : "the answer is not valid Unicode text";

    private static string? MatchingProblem(Question question, MatchingResponse response)
    {
        var lefts = question.Pairs.Select(p => QuizIds.ForText(p.Left)).ToHashSet(StringComparer.Ordinal);
        var options = question.Pairs.Select(p => p.Right).Concat(question.MatchDistractors).Select(QuizIds.ForText).ToHashSet(StringComparer.Ordinal);
        if (response.Picks.Count > lefts.Count)
        {
            return $"the question has {lefts.Count} items to match";
        }

        if (!response.Picks.Keys.All(lefts.Contains))
        {
            return "an item matched is not one of this question's items";
        }

        return response.Picks.Values.All(options.Contains) ? null : "a pick is not one of this question's options";
    }

    // The page has one list per position and lets a position stay empty (""), or the same item be chosen
    // twice by mistake; those are stored (they grade as wrong), but nothing the page does not offer is.
    private static string? OrderingProblem(Question question, OrderingResponse response)
    {
        var items = question.OrderedItems.Select(QuizIds.ForText).ToHashSet(StringComparer.Ordinal);
        if (response.ItemIds.Count != 0 && response.ItemIds.Count != question.OrderedItems.Count)
        {
            return $"an order lists all {question.OrderedItems.Count} positions (or none)";
        }

        return response.ItemIds.All(id => id.Length == 0 || items.Contains(id)) ? null : "an item placed is not one of this question's items";
    }

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.SingleChoice => "single-choice",
        QuestionType.MultipleAnswers => "multiple-answer",
        QuestionType.TrueFalse => "true/false",
        QuestionType.ShortText => "short-text",
        QuestionType.Numeric => "numeric",
        QuestionType.Matching => "matching",
        QuestionType.Essay => "essay",
        _ => "ordering",
    };

    private static string Shape(QuestionType type) => type switch
    {
        QuestionType.SingleChoice or QuestionType.TrueFalse or QuestionType.MultipleAnswers => "{\"c\":[choice ids]}",
        QuestionType.ShortText => "{\"t\":\"text\"}",
        QuestionType.Numeric => "{\"n\":\"number\"}",
        QuestionType.Matching => "{\"m\":{item id: option id}}",
        QuestionType.Essay => "{\"t\":\"text\"}",
        _ => "{\"o\":[item ids]}",
    };
}
