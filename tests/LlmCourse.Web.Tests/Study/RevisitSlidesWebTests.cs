using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Quizzes;

namespace LlmCourse.Web.Tests.Study;

/// <summary>
/// "Revisit these slides" after a quiz review, a practice test and a spaced-repetition session, on week 7: its quiz
/// ties questions to lecture slides 5, 5, 6, 7, 12, 12, 8 and 11 (reveal after each attempt, marks shown), and of its
/// deck only "what-is-fine-tuning" names a slide (4). Two one-question quizzes added here ask about slide 3: one
/// shows answers and marks after each attempt, the other holds both back.
/// </summary>
public sealed partial class RevisitSlidesWebTests(RevisitSlidesWebTests.RevisitFactory factory) : IClassFixture<RevisitSlidesWebTests.RevisitFactory>
{
    [Fact]
    public async Task QuizReview_NothingAnswered_LinksEachTestedSlideOnceInOrder()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var attempt = await QuizClient.StartAsync(learner, "quiz");
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(learner, "quiz", attempt)).StatusCode);

        var html = await learner.GetStringAsync($"/weeks/7/quiz/attempts/{attempt}/review");

        Assert.Contains("<h2 id=\"revisit-heading\">Revisit these slides</h2>", html);
        Assert.Equal(["5", "6", "7", "8", "11", "12"], RevisitSlides(html));
    }

    [Theory]
    [InlineData("Right", false)]
    [InlineData("Wrong", true)]
    public async Task QuizReview_MarksShown_LinksOnlyWhenMissed(string pick, bool linked)
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var attempt = await QuizClient.StartAsync(learner, "shown");
        var json = await QuizClient.GetJsonAsync(learner, $"{QuizClient.Api("shown")}/{attempt}");
        var question = Assert.Single(json.GetProperty("questions").EnumerateArray().ToList());
        var choice = question.GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("text").GetString() == pick).GetProperty("id").GetString();
        var answer = $$$"""{"{{{question.GetProperty("id").GetString()}}}":{"c":["{{{choice}}}"]}}""";
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(learner, "shown", attempt, answer)).StatusCode);

        var html = await learner.GetStringAsync($"/weeks/7/shown/attempts/{attempt}/review");

        Assert.Equal(linked, html.Contains("revisit-heading", StringComparison.Ordinal));
        if (linked)
        {
            Assert.Equal(["3"], RevisitSlides(html));
        }
    }

    [Fact]
    public async Task QuizReview_MarksHeldBack_NoLinksThatWouldTellWhichWasWrong()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var attempt = await QuizClient.StartAsync(learner, "held-back");
        Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(learner, "held-back", attempt)).StatusCode);

        var html = await learner.GetStringAsync($"/weeks/7/held-back/attempts/{attempt}/review");

        Assert.Contains("Handed in", html);
        Assert.DoesNotContain("revisit-heading", html);
        Assert.DoesNotContain("/weeks/7/lecture/slides/3", html);
    }

    [Fact]
    public async Task PracticeTest_EveryCardWrong_LinksTheSlideOfTheTiedCard()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var html = await client.GetStringAsync("/weeks/7/flashcards/study/test?count=5&types=Written");
        Assert.DoesNotContain("revisit-heading", html);

        var response = await StudyClient.PostFormAsync(client, "/weeks/7/flashcards/study/test", "/weeks/7/flashcards/study/test", new()
        {
            ["handle"] = StudyClient.Hidden(html, "handle"),
        });
        var result = await response.Content.ReadAsStringAsync();

        Assert.Contains("Your score: 0 of 5", result);
        Assert.Equal(["4"], RevisitSlides(result));
    }

    [Fact]
    public async Task SpacedRepetition_SessionWithAForgottenCard_EndsWithItsSlide_AndALaterSessionDoesNot()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);

        // Five new cards: "Again" on the card of slide 4 and on an untied one, "Easy" on the rest. Forgotten cards
        // come back in minutes, and the clock stands still, so the queue then ends.
        var end = await ReviewUntilDoneAsync(client, card => card is "what-is-fine-tuning" or "sampling-parameters" ? "again" : "easy");
        Assert.Contains("Nothing due right now", end);
        Assert.Equal(["4"], RevisitSlides(end));

        // Hours later the two cards are due again; recalled now, this new session forgot nothing.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var later = await ReviewUntilDoneAsync(client, _ => "good");
        Assert.Contains("Nothing due right now", later);
        Assert.DoesNotContain("revisit-heading", later);
    }

    [Fact]
    public async Task SpacedRepetition_Anonymous_SessionInTheFormRemembersTheForgottenCard()
    {
        var client = StudyClient.Anonymous(factory);
        var html = await client.GetStringAsync("/study/review");
        for (var i = 0; i < 10 && html.Contains("name=\"cardId\"", StringComparison.Ordinal); i++)
        {
            var card = StudyClient.Hidden(html, "cardId");
            var response = await StudyClient.PostFormAsync(client, "/study/review", "/study/review", new()
            {
                ["week"] = StudyClient.Hidden(html, "week"),
                ["deckId"] = StudyClient.Hidden(html, "deckId"),
                ["cardId"] = card,
                ["reviewId"] = StudyClient.Hidden(html, "reviewId"),
                ["token"] = StudyClient.Hidden(html, "token"),
                ["rating"] = card == "what-is-fine-tuning" ? "again" : "easy",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("Nothing due right now", html);
        Assert.Equal(["4"], RevisitSlides(html));
    }

    /// <summary>Rates every card the queue shows (at most 20) and returns the page once nothing is due.</summary>
    private static async Task<string> ReviewUntilDoneAsync(HttpClient client, Func<string, string> rating)
    {
        var html = await client.GetStringAsync("/study/review");
        for (var i = 0; i < 20 && html.Contains("name=\"cardId\"", StringComparison.Ordinal); i++)
        {
            var card = StudyClient.Hidden(html, "cardId");
            var response = await StudyClient.PostFormAsync(client, "/study/review", "/study/review", new()
            {
                ["week"] = StudyClient.Hidden(html, "week"),
                ["deckId"] = StudyClient.Hidden(html, "deckId"),
                ["cardId"] = card,
                ["reviewId"] = StudyClient.Hidden(html, "reviewId"),
                ["rating"] = rating(card),
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            html = await client.GetStringAsync("/study/review");
        }

        return html;
    }

    /// <summary>The slide numbers the "Revisit" list links to, in page order.</summary>
    private static List<string> RevisitSlides(string html)
    {
        var list = RevisitList().Match(html);
        Assert.True(list.Success, "no Revisit list on the page");
        return [.. SlideLink().Matches(list.Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<ul class=\"revisit-list\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex RevisitList();

    [GeneratedRegex("href=\"/weeks/7/lecture/slides/(\\d+)\"")]
    private static partial Regex SlideLink();

    /// <summary>The site on a fake clock, with a quiz that ties a question to slide 3 but never shows answers or marks.</summary>
    public sealed class RevisitFactory : ClockedAppFactory
    {
        public RevisitFactory()
        {
            var week = Directory.GetDirectories(Path.Combine(ContentDir, "weeks"), "07-*").Single();
            File.WriteAllText(Path.Combine(week, "20-held-back.md"), Quiz("held-back", "reveal: never\nshow-marks: never"));
            File.WriteAllText(Path.Combine(week, "21-shown.md"), Quiz("shown", "reveal: after-each-attempt"));
        }

        /// <summary>One question about slide 3; the quizzes differ only in what their review shows.</summary>
        private static string Quiz(string id, string settings) => $"""
            ---
            kind: quiz
            id: {id}
            title: "Quiz {id}"
            attempts: unlimited
            {settings}
            ---
            ## Which slide is this about? {"{#held tests=lecture/3}"}

            - [x] Right
            - [ ] Wrong
            """;
    }
}
