using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Calendar;

public enum CalendarEventKind
{
    /// <summary>A week becomes visible to learners (its scheduled publication).</summary>
    WeekRelease,
    QuizOpens,
    QuizCloses,
}

/// <summary>One dated moment of the course.</summary>
/// <param name="Key">Stable within the course (<c>w7-quiz-closes</c>): the base of the iCalendar UID, so a moved date updates the same event.</param>
/// <param name="ItemId">The quiz, for quiz events; null for a week's release.</param>
/// <param name="Visible">Whether learners can see the week at the calendar's "now" (false: scheduled or draft, shown to instructors only).</param>
/// <param name="Personal">The date comes from an override for this learner.</param>
public sealed record CalendarEvent(string Key, CalendarEventKind Kind, DateTimeOffset At, int Week, string? ItemId, string Title, bool Visible, bool Personal = false);

/// <summary>The course's opening, closing and scheduled-publication dates, for a learner or for instructors.</summary>
public static class CourseCalendar
{
    /// <summary>
    /// What a learner may see at <paramref name="now"/>: the release date and quiz dates of weeks visible to them,
    /// with their own overrides' close dates; and for a week scheduled to appear later, only that it appears then
    /// (its number, not its title or items). Draft weeks do not appear.
    /// </summary>
    /// <param name="overrides">This learner's quiz overrides, keyed by (week, quiz id).</param>
    public static IReadOnlyList<CalendarEvent> ForLearner(Course course, DateTimeOffset now, IReadOnlyDictionary<(int Week, string QuizId), QuizOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(overrides);
        var events = new List<CalendarEvent>();
        foreach (var week in course.Weeks)
        {
            if (week.IsVisibleAt(now))
            {
                events.AddRange(WeekEvents(week, visible: true, q => overrides.GetValueOrDefault((week.Number, q.Id))));
            }
            else if (week.Published && week.ReleaseAt is { } release)
            {
                events.Add(new CalendarEvent(ReleaseKey(week), CalendarEventKind.WeekRelease, release, week.Number, null, $"Week {week.Number} opens", Visible: false));
            }
        }

        return Sorted(events);
    }

    /// <summary>Every dated moment, of every week, draft and scheduled ones included (marked not visible at <paramref name="now"/>).</summary>
    public static IReadOnlyList<CalendarEvent> ForInstructor(Course course, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(course);
        return Sorted([.. course.Weeks.SelectMany(w => WeekEvents(w, w.IsVisibleAt(now), _ => null))]);
    }

    private static IEnumerable<CalendarEvent> WeekEvents(Week week, bool visible, Func<Quiz, QuizOverride?> overrideOf)
    {
        if (week.ReleaseAt is { } release && week.Published)
        {
            yield return new CalendarEvent(ReleaseKey(week), CalendarEventKind.WeekRelease, release, week.Number, null, $"Week {week.Number} opens: {week.Title}", visible);
        }

        foreach (var quiz in week.Items.OfType<Quiz>())
        {
            var own = overrideOf(quiz);
            var settings = AttemptRules.Apply(quiz.Settings, own);
            var key = $"w{week.Number}-{quiz.Id}";
            if (settings.Opens is { } opens)
            {
                yield return new CalendarEvent(key + "-opens", CalendarEventKind.QuizOpens, opens, week.Number, quiz.Id, $"Quiz opens: {quiz.Title}", visible);
            }

            if (settings.Closes is { } closes)
            {
                yield return new CalendarEvent(key + "-closes", CalendarEventKind.QuizCloses, closes, week.Number, quiz.Id, $"Quiz closes: {quiz.Title}", visible, own?.Closes is not null);
            }
        }
    }

    private static string ReleaseKey(Week week) => $"w{week.Number}-release";

    private static List<CalendarEvent> Sorted(List<CalendarEvent> events) =>
        [.. events.OrderBy(e => e.At).ThenBy(e => e.Week).ThenBy(e => e.Key, StringComparer.Ordinal)];
}
