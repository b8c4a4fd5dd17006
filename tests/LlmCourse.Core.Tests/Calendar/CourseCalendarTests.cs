using LlmCourse.Core.Calendar;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Calendar;

public sealed class CourseCalendarTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static Quiz Quiz(string id, DateTimeOffset? opens, DateTimeOffset? closes) => new()
    {
        Id = id,
        Title = "Quiz " + id,
        Kind = ItemKind.Quiz,
        SourceFile = id + ".md",
        Markdown = "",
        Revision = "r-" + id,
        Settings = QuizSettings.Default with { Opens = opens, Closes = closes },
        Questions = [],
    };

    private static Week Week(int number, bool published, DateTimeOffset? release, params CourseItem[] items) =>
        new(number, "Title " + number, "", "", published, release, items, $"weeks/{number:00}/week.md");

    private static readonly Course Course = new("C", "", "",
    [
        Week(1, true, null, Quiz("q1", Now.AddDays(-1), Now.AddDays(2))),
        Week(2, true, Now.AddDays(-1), Quiz("q2", null, Now.AddDays(3))),
        Week(3, true, Now.AddDays(7), Quiz("secret-quiz", Now.AddDays(7), Now.AddDays(9))),
        Week(4, false, null, Quiz("draft-quiz", null, Now.AddDays(10))),
    ]);

    [Fact]
    public void ForLearner_ShowsVisibleWeeks_AndOnlyTheDateOfAScheduledOne()
    {
        var events = CourseCalendar.ForLearner(Course, Now, new Dictionary<(int, string), QuizOverride>());
        Assert.Equal(["w1-q1-opens", "w2-release", "w1-q1-closes", "w2-q2-closes", "w3-release"], events.Select(e => e.Key));
        var scheduled = events.Single(e => e.Key == "w3-release");
        Assert.Equal("Week 3 opens", scheduled.Title);
        Assert.False(scheduled.Visible);
        Assert.DoesNotContain(events, e => e.Title.Contains("secret", StringComparison.OrdinalIgnoreCase) || e.Title.Contains("Title 3", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Week == 4);
    }

    [Fact]
    public void ForLearner_UsesTheLearnersOwnCloseDate()
    {
        var later = Now.AddDays(5);
        var events = CourseCalendar.ForLearner(Course, Now, new Dictionary<(int, string), QuizOverride> { [(1, "q1")] = new(later, null) });
        var close = events.Single(e => e.Key == "w1-q1-closes");
        Assert.Equal(later, close.At);
        Assert.True(close.Personal);
    }

    [Fact]
    public void ForInstructor_ShowsEverything_MarkingWhatLearnersCannotSee()
    {
        var events = CourseCalendar.ForInstructor(Course, Now);
        Assert.Contains(events, e => e.Key == "w3-secret-quiz-opens" && !e.Visible);
        Assert.Contains(events, e => e.Key == "w3-release" && e.Title.Contains("Title 3", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Key == "w4-draft-quiz-closes" && !e.Visible);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
    }
}
