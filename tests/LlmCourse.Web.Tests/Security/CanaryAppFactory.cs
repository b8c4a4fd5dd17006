using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// The app on a fake clock with four quizzes in week 7 whose answer keys carry canaries: every right answer,
/// accepted answer, pattern, choice feedback and explanation contains <see cref="Canary"/> (and the word
/// <see cref="Companion"/>, to search for), and the numeric answer is <see cref="NumericCanary"/>. Nothing
/// a learner may see before answers are revealed holds them, so any response that does is a leak.
/// </summary>
public sealed class CanaryAppFactory : ClockedAppFactory
{
    public const int Week = 7;

    public const string Canary = "CANARY";

    /// <summary>A word next to every canary, so a search for it would quote the canary if answers were indexed.</summary>
    public const string Companion = "quokka";

    public const string NumericCanary = "91735.25";

    /// <summary>The four quizzes by id: reveal never (unlimited attempts), after close, after the last attempt, and not open yet.</summary>
    public static readonly string[] Quizzes = ["walk-never", "walk-after-close", "walk-last", "walk-later"];

    public CanaryAppFactory()
    {
        var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
        var now = DateTimeOffset.UtcNow;
        string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(week, "21-walk-never.md"), Quiz("walk-never", "attempts: unlimited\nreveal: never"));
        File.WriteAllText(Path.Combine(week, "22-walk-after-close.md"), Quiz("walk-after-close", $"reveal: after-close\ncloses: {At(now.AddDays(30))}"));
        File.WriteAllText(Path.Combine(week, "23-walk-last.md"), Quiz("walk-last", "attempts: 3\nreveal: after-last-attempt"));
        File.WriteAllText(Path.Combine(week, "24-walk-later.md"), Quiz("walk-later", $"opens: {At(now.AddDays(365))}\ncloses: {At(now.AddDays(366))}"));
    }

    /// <summary>The source file of a canary quiz, relative to the content root.</summary>
    public string SourceOf(string quizId) =>
        Path.GetRelativePath(ContentDir, Directory.GetFiles(ContentDir, $"*-{quizId}.md", SearchOption.AllDirectories).Single()).Replace('\\', '/');

    /// <summary>One question of every type; only the answer key and the texts shown at review carry canaries.</summary>
    public static string Quiz(string id, string settings) => $$"""
        ---
        kind: quiz
        id: {{id}}
        title: "Walk quiz {{id}}"
        {{settings}}
        ---
        Questions for the route walk.

        ## Which number is prime? {#prime}

        - [ ] Four
          > {{Canary}}-FB-FOUR-{{id}} {{Companion}} four has divisors.
        - [x] Seven
          > {{Canary}}-FB-SEVEN-{{id}} {{Companion}} seven is prime.

        ### Hint

        Think about divisors.

        ### Explanation

        {{Canary}}-EX-PRIME-{{id}} {{Companion}} seven has no divisors but one and itself.

        ## Which numbers are even? {#evens type=multiple}

        - [x] Two
          > {{Canary}}-FB-TWO-{{id}} {{Companion}} two is even.
        - [x] Six
        - [ ] Nine
          > {{Canary}}-FB-NINE-{{id}} {{Companion}} nine is odd.

        ### Explanation

        {{Canary}}-EX-EVENS-{{id}} {{Companion}} even numbers divide by two.

        ## Seven is odd. {#odd}

        - [x] True
          > {{Canary}}-FB-TRUE-{{id}} {{Companion}} yes.
        - [ ] False

        ### Explanation

        {{Canary}}-EX-ODD-{{id}} {{Companion}} seven leaves one over.

        ## Give the code word. {#word type=short}

        - {{Canary}}-ACCEPTED-{{id}} {{Companion}}
        - /{{Canary}}-PATTERN-\d+/

        ### Explanation

        {{Canary}}-EX-WORD-{{id}} {{Companion}} the code word.

        ## Give the secret number. {#number type=numeric}

        - {{NumericCanary}} ± 0

        ### Explanation

        {{Canary}}-EX-NUMBER-{{id}} {{Companion}} the secret number.

        ## Match the animals to their kinds. {#animals type=matching}

        - Koala -> Marsupial
        - Gecko -> Reptile

        ### Explanation

        {{Canary}}-EX-ANIMALS-{{id}} {{Companion}} koalas carry their young.

        ## Put the numbers in order. {#order type=ordering}

        1. One
        2. Two
        3. Three

        ### Explanation

        {{Canary}}-EX-ORDER-{{id}} {{Companion}} counting.
        """;
}
