namespace LlmCourse.Web.Data;

/// <summary>A learner's spaced-repetition settings; a learner without a row has the defaults.</summary>
public sealed class StudySettings
{
    public const int DefaultDailyNewCards = 20;

    public const double DefaultRetention = 0.90;

    public string UserId { get; set; } = "";

    public int DailyNewCards { get; set; } = DefaultDailyNewCards;

    public double DesiredRetention { get; set; } = DefaultRetention;
}
