namespace LlmCourse.Web.Data;

/// <summary>
/// An instructor's grade of one essay answer in one attempt. Rows are only ever added: the latest one for an
/// (attempt, question) is the grade in force, and the earlier ones are the record of who graded what, and when.
/// A regrade reads them again, so a manual mark outlives fixes to the quiz.
/// </summary>
public sealed class QuizManualGrade
{
    public long Id { get; set; }

    public string AttemptId { get; set; } = "";

    /// <summary>The question's authored id.</summary>
    public string QuestionId { get; set; } = "";

    /// <summary>Points given, 0..<see cref="MaxMark"/>.</summary>
    public double Mark { get; set; }

    /// <summary>The question's points when it was graded (the grade keeps its share if the points change).</summary>
    public double MaxMark { get; set; }

    /// <summary>The grader's comment as typed (Markdown); empty for none.</summary>
    public string Comment { get; set; } = "";

    /// <summary>The comment rendered once, through the course's safe Markdown pipeline, when it was stored.</summary>
    public string? CommentHtml { get; set; }

    /// <summary>The grading instructor's account id.</summary>
    public string GradedBy { get; set; } = "";

    public DateTime GradedAt { get; set; }
}
