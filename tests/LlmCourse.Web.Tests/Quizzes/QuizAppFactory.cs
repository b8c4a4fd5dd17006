using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// The app on a fake clock, with test quizzes added to week 7 of its private content copy. Their secret
/// strings (SECRET…) appear only in answers, feedback and explanations, so a leak test can look for them.
/// </summary>
public sealed class QuizAppFactory : ClockedAppFactory
{
    public const int Week = 7;

    /// <summary>Opens and closes in the coming days: near enough that sign-in cookies stay valid when the clock moves there.</summary>
    public static readonly DateTimeOffset WindowOpens = new(DateTime.UtcNow.Date.AddDays(2), TimeSpan.Zero);

    public static readonly DateTimeOffset WindowCloses = WindowOpens.AddDays(1);

    public QuizAppFactory()
    {
        var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
        File.WriteAllText(Path.Combine(week, "09-timed.md"), Quiz("timed", "attempts: 2\ntime-limit: 1\npass-mark: 50\nreveal: after-each-attempt"));
        File.WriteAllText(Path.Combine(week, "10-twice.md"), Quiz("twice", "attempts: 2\npass-mark: 50\nreveal: after-last-attempt\nlayout: one-question-per-page"));
        File.WriteAllText(Path.Combine(week, "11-window.md"), Quiz("window", $"opens: {WindowOpens:yyyy-MM-ddTHH:mm:ssZ}\ncloses: {WindowCloses:yyyy-MM-ddTHH:mm:ssZ}\nreveal: after-close"));
        File.WriteAllText(Path.Combine(week, "12-hidden.md"), Quiz("hidden", "attempts: unlimited\npass-mark: 50\nreveal: never\nshow-marks: never"));
        File.WriteAllText(Path.Combine(week, "13-marks-later.md"), Quiz("marks-later", $"closes: {WindowCloses:yyyy-MM-ddTHH:mm:ssZ}\npass-mark: 50\nreveal: after-close\nshow-marks: after-close"));
        File.WriteAllText(Path.Combine(week, "14-leaky-id.md"), """
            ---
            kind: quiz
            id: leaky-id
            title: "A question id that spells its answer"
            ---
            ## Which technique puts a few examples in the prompt? {#few-shot type=short}

            - Few-shot
            """);
    }

    /// <summary>The sweeper's own timer is under test here (QuizTimingTests), so it ticks every minute as in production.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Quizzes:SweepInterval", "00:01:00")];

    /// <summary>Three questions: choice, numeric, short text. Right answers: "Seven", "4242", "Lutetia-Parisiorum".</summary>
    public static string Quiz(string id, string settings) => $"""
        ---
        kind: quiz
        id: {id}
        title: "Test quiz {id}"
        {settings}
        ---
        A quiz for the tests.

        ## Which number is prime? {"{#prime}"}

        - [ ] Four
          > SECRETFB1 four has divisors.
        - [x] Seven
          > SECRETFB2 seven is prime.

        ### Hint

        Think about divisors.

        ### Explanation

        SECRETEX1 seven has no divisors but one and itself.

        ## What is forty-two hundred plus forty-two? {"{#sum type=numeric}"}

        - 4242 ± 0.5

        ### Explanation

        SECRETEX2 add them up.

        ## What was the Roman name of Paris? {"{#roman type=short}"}

        - Lutetia-Parisiorum

        ### Explanation

        SECRETEX3 the city of the Parisii.
        """;
}
