using LlmCourse.Core.Quizzes;

namespace LlmCourse.Web.Components.Quizzes;

/// <summary>Text shown for the ids a response or a right answer holds.</summary>
public static class QuestionView
{
    /// <summary>The text of an option id (choice, matching side or ordering item), or the id itself if unknown.</summary>
    public static string OptionText(PublicQuestion question, string id)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Choices.Concat(question.MatchLefts).Concat(question.MatchOptions).Concat(question.OrderingItems)
            .FirstOrDefault(o => o.Id == id)?.Text ?? id;
    }
}
