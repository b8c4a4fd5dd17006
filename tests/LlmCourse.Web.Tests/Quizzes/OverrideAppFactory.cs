using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// The app on a fake clock with a quiz that closes soon (<c>deadline</c>, 10-minute limit) in week 7, a week
/// scheduled for later and a draft week, each with a dated quiz whose title learners must never see.
/// </summary>
public sealed class OverrideAppFactory : ClockedAppFactory
{
    public static readonly DateTimeOffset Opens = new(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero);

    public static readonly DateTimeOffset Closes = Opens.AddDays(1);

    public static readonly DateTimeOffset ScheduledRelease = Opens.AddDays(3);

    public OverrideAppFactory()
    {
        var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
        File.WriteAllText(Path.Combine(week, "20-deadline.md"), QuizAppFactory.Quiz("deadline", $"opens: {Iso(Opens)}\ncloses: {Iso(Closes)}\ntime-limit: 10\nattempts: 3\npass-mark: 50"));
        Week(98, "Scheduled week SECRETSCHEDULED", $"release: {Iso(ScheduledRelease)}", "scheduled-quiz", Closes.AddDays(5));
        Week(99, "Draft week SECRETDRAFT", "published: false", "draft-quiz", Closes.AddDays(6));
    }

    private void Week(int number, string title, string state, string quizId, DateTimeOffset closes)
    {
        var dir = Path.Combine(ContentDir, "weeks", $"{number}-hidden-{number}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "week.md"), $"---\nnumber: {number}\ntitle: {title}\nsummary: Hidden.\n{state}\n---\nHidden week.\n");
        File.WriteAllText(Path.Combine(dir, "01-quiz.md"), QuizAppFactory.Quiz(quizId, $"closes: {Iso(closes)}").Replace($"Test quiz {quizId}", $"Hidden quiz {quizId} SECRETQUIZ", StringComparison.Ordinal));
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
