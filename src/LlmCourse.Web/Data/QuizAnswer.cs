namespace LlmCourse.Web.Data;

/// <summary>The saved response to one question of one attempt; every save overwrites it before the reply.</summary>
public sealed class QuizAnswer
{
    public long Id { get; set; }

    public string AttemptId { get; set; } = "";

    public string QuestionId { get; set; } = "";

    /// <summary>The response in <see cref="Core.Quizzes.ResponseCodec"/> form.</summary>
    public string ResponseJson { get; set; } = "";

    /// <summary>The quiz revision the response was given against.</summary>
    public string Revision { get; set; } = "";

    public DateTime SavedAt { get; set; }
}
