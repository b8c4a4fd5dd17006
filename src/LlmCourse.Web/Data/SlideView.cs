namespace LlmCourse.Web.Data;

/// <summary>
/// A learner opening one slide of a lecture, with its instant: consecutive views give the time spent on a slide
/// and where learners stop (the instructors' per-slide insight). <see cref="ItemVisit"/> keeps only days.
/// </summary>
public sealed class SlideView
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public int WeekNumber { get; set; }

    public string LectureId { get; set; } = "";

    public int Slide { get; set; }

    public DateTime ViewedAt { get; set; }
}
