using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Core.Study;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>
/// The per-slide insight of week 7's lecture (13 slides; its card "what-is-fine-tuning" tests slide 4) over a
/// seeded class whose figures are worked out by hand below, not by the code under test:
/// <list type="bullet">
/// <item>Ada opens slides 1, 2, 3 at 0 s, 60 s, 180 s and stops: 60 s on slide 1, 120 s on slide 2.</item>
/// <item>Bob opens all 13 slides 10 s apart: 10 s on each of slides 1–12; he finished, so stops nowhere.</item>
/// <item>Cy opens slide 1, then slide 2 forty minutes later (a break, not reading) and stops there.</item>
/// <item>An instructor's own 20 minutes on slide 1 must not count.</item>
/// <item>Eve may open the last slide during the run: one more reader of slide 13, which changes no figure asserted.</item>
/// </list>
/// Slide 1: 3 readers, median of {60, 10} = 35 s. Slide 2: 3 readers, median {120, 10} = 65 s, Cy stopped (1 of 3).
/// Slide 3: 2 readers, 10 s, Ada stopped (1 of 2). Slides 4–12: 10 s. The typical slide (median of the slides'
/// medians: ten 10s, 35, 65) is 10 s, so slides 1 and 2 are read 3.5× and 6.5× as long.
/// Card: Ada Good (new, difficulty 5) then Again (in review, difficulty 8: a lapse); Bob Good (in review,
/// difficulty 9). Difficulty mean(8, 9) = 8.5, lapses 1 per 2 (learner, card) = 0.5, retention 1 of 2 = 50%.
/// Rework scores: slide 2 = 1 (dwell, capped) + 1/3 (stops); slide 4 = (8.5−7)/3 + (0.8−0.5)/0.8 = 0.875;
/// slide 1 = (3.5−2)/2 = 0.75; slide 3 = 0.5 (stops). Ranking: 2, 4, 1, 3.
/// </summary>
public sealed class MaterialInsightWebTests(MaterialInsightWebTests.ClassFactory factory) : IClassFixture<MaterialInsightWebTests.ClassFactory>
{
    private const string Page = "/instructor/weeks/7/lecture/insight";
    private const string Api = "/api/v1/instructor/weeks/7/items/lecture/insight";

    [Fact]
    public async Task Page_ShowsReadingAndCardFigures_AndTheReworkRanking()
    {
        var instructor = await factory.InstructorAsync();
        // Decoded: Razor writes "—" and "×" as character references.
        var html = WebUtility.HtmlDecode(await instructor.GetStringAsync(Page));

        Assert.Contains("4 learners", html);
        var slide1 = Row(html, 1);
        Assert.Contains("<td>3</td><td>0:35</td><td>0 (0%)</td>", slide1);
        var slide2 = Row(html, 2);
        Assert.Contains("<td>3</td><td>1:05</td><td>1 (33%)</td>", slide2);
        Assert.Contains("<td>2</td><td>0:10</td><td>1 (50%)</td>", Row(html, 3));
        Assert.Contains("<td>—</td><td>0 (0%)</td>", Row(html, 13));

        // Slide 4's card: difficulty, lapses per learner, retention.
        Assert.Contains("<td>8.5</td><td>0.5</td><td>50%</td>", Row(html, 4));
        // Slide 5 has two questions, not yet attempted: listed, without figures.
        var slide5 = Row(html, 5);
        Assert.Contains("href=\"/instructor/quizzes/7/quiz\"", slide5);
        Assert.Contains("<td>—</td><td>—</td>", slide5);

        var rework = Regex.Match(html, "<ol class=\"insight-rework-list\">.*?</ol>", RegexOptions.Singleline).Value;
        var order = Regex.Matches(rework, "href=\"/weeks/7/lecture/slides/(\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["2", "4", "1", "3"], order);
        Assert.Contains("33% of its readers stop the lecture here", rework);
        Assert.Contains("learners spend 6.5× as long on it as on a typical slide", rework);
        Assert.Contains("its cards are forgotten: retention 50%", rework);
    }

    [Fact]
    public async Task WeekPage_LinksTheInsightOfLecturesAndNotes_AndNotesArePerSection()
    {
        var instructor = await factory.InstructorAsync();
        var week7 = await instructor.GetStringAsync("/instructor/weeks/7");
        Assert.Contains("href=\"/instructor/weeks/7/lecture/insight\"", week7);
        Assert.DoesNotContain("href=\"/instructor/weeks/7/quiz/insight\"", week7);
        Assert.Contains("href=\"/instructor/weeks/2/class-notes/insight\"", await instructor.GetStringAsync("/instructor/weeks/2"));

        // Notes: one row per section, linking to it, and no reading-time columns.
        var notes = WebUtility.HtmlDecode(await instructor.GetStringAsync("/instructor/weeks/2/class-notes/insight"));
        Assert.Contains("<a href=\"/weeks/2/class-notes#pre-training-and-fine-tuning\">", notes);
        Assert.DoesNotContain("Median time", notes);
        using var quiz = await instructor.GetAsync("/instructor/weeks/7/quiz/insight");
        Assert.Equal(HttpStatusCode.NotFound, quiz.StatusCode);
    }

    [Fact]
    public async Task Csv_HasOneRowPerSlide_WithTheFigures()
    {
        var instructor = await factory.InstructorAsync();
        using var response = await instructor.GetAsync(Page + "?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\n')[0]).ToList();
        var header = Fields(lines[0]);
        Assert.Equal(["part", "title", "questions", "facility", "discrimination", "cards", "difficulty", "lapse_rate", "retention", "readers", "median_dwell_seconds", "stopped_here", "rework_score", "reasons"], header);
        var rows = lines.Skip(1).Select(Fields).Where(f => f.Count == header.Count).ToDictionary(f => f[0]);
        Assert.Equal(13, rows.Count);
        string Cell(string part, string column) => rows[part][header.IndexOf(column)];

        Assert.Equal(("3", "65", "1"), (Cell("2", "readers"), Cell("2", "median_dwell_seconds"), Cell("2", "stopped_here")));
        Assert.Equal(("3", "35", "0"), (Cell("1", "readers"), Cell("1", "median_dwell_seconds"), Cell("1", "stopped_here")));
        Assert.Equal(("1", "8.5", "0.5", "0.5"), (Cell("4", "cards"), Cell("4", "difficulty"), Cell("4", "lapse_rate"), Cell("4", "retention")));
        Assert.Equal("0.875", Cell("4", "rework_score"));
        Assert.Equal("1.3333", Cell("2", "rework_score"));
        Assert.Equal("", Cell("13", "median_dwell_seconds"));
        Assert.Equal(("2", ""), (Cell("5", "questions"), Cell("5", "facility")));
    }

    [Fact]
    public async Task Api_ReturnsTheSameFigures()
    {
        var instructor = await factory.InstructorAsync();
        using var json = JsonDocument.Parse(await instructor.GetStringAsync(Api));
        var root = json.RootElement;
        Assert.Equal(7, root.GetProperty("week").GetInt32());
        Assert.Equal("lecture", root.GetProperty("kind").GetString());
        Assert.Equal(["2", "4", "1", "3"], root.GetProperty("reworkFirst").EnumerateArray().Select(e => e.GetString()));
        var parts = root.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(13, parts.Count);
        Assert.Equal(3, parts[1].GetProperty("readers").GetInt32());
        Assert.Equal(65, parts[1].GetProperty("medianDwellSeconds").GetDouble());
        Assert.Equal(1, parts[1].GetProperty("stoppedHere").GetInt32());
        Assert.Equal(8.5, parts[3].GetProperty("difficulty").GetDouble(), 6);
        Assert.Equal(0.5, parts[3].GetProperty("retention").GetDouble(), 6);
        var card = Assert.Single(parts[3].GetProperty("cards").EnumerateArray());
        Assert.Equal(("what-is-fine-tuning", 2, 3), (card.GetProperty("cardId").GetString(), card.GetProperty("learners").GetInt32(), card.GetProperty("reviews").GetInt32()));
        Assert.Equal(JsonValueKind.Null, parts[12].GetProperty("medianDwellSeconds").ValueKind);

        using var missing = await instructor.GetAsync("/api/v1/instructor/weeks/7/items/quiz/insight");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task LearnersAndAnonymous_AreRefused()
    {
        var learner = await factory.SignInAsync(ClassFactory.AdaEmail);
        var anonymous = TestAccounts.NewClient(factory);
        foreach (var url in new[] { Page, Page + "?handler=Csv" })
        {
            using var asLearner = await learner.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, asLearner.StatusCode);
            Assert.Contains("/account/access-denied", asLearner.Headers.Location?.OriginalString, StringComparison.Ordinal);
            using var asAnonymous = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
            Assert.Contains("/account/sign-in", asAnonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var apiLearner = await learner.GetAsync(Api);
        Assert.Equal(HttpStatusCode.Forbidden, apiLearner.StatusCode);
        using var apiAnonymous = await anonymous.GetAsync(Api);
        Assert.Equal(HttpStatusCode.Unauthorized, apiAnonymous.StatusCode);
    }

    [Fact]
    public async Task OpeningASlide_RecordsATimestampedView()
    {
        var learner = await factory.SignInAsync(ClassFactory.EveEmail);
        using var response = await learner.GetAsync("/weeks/7/lecture/slides/13");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var eve = await db.Users.Where(u => u.Email == ClassFactory.EveEmail).Select(u => u.Id).SingleAsync();
        var view = await db.SlideViews.SingleAsync(v => v.UserId == eve);
        Assert.Equal((7, "lecture", 13), (view.WeekNumber, view.LectureId, view.Slide));
        Assert.InRange(view.ViewedAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));

        // The learner's own data export holds the view, as it holds everything stored about them.
        var export = System.Text.Json.JsonDocument.Parse(await learner.GetStringAsync("/account/export")).RootElement;
        var exported = Assert.Single(export.GetProperty("slideViews").EnumerateArray());
        Assert.Equal((7, "lecture", 13), (exported.GetProperty("week").GetInt32(), exported.GetProperty("item").GetString(), exported.GetProperty("slide").GetInt32()));
    }

    /// <summary>The table row of one slide, with whitespace between cells removed.</summary>
    private static string Row(string html, int slide)
    {
        var row = Regex.Match(html, $"<tr>\\s*<th scope=\"row\"><a href=\"/weeks/7/lecture/slides/{slide}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.False(string.IsNullOrEmpty(row), $"no row for slide {slide}");
        return Regex.Replace(row, @">\s+<", "><");
    }

    /// <summary>One CSV record (RFC 4180 quoting; no line breaks inside fields here).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    public sealed class ClassFactory : CourseAppFactory
    {
        public const string AdaEmail = "ada.insight@example.com";
        public const string EveEmail = "eve.insight@example.com";

        private readonly SemaphoreSlim _seeded = new(1, 1);
        private bool _done;

        public async Task<HttpClient> InstructorAsync()
        {
            await EnsureSeededAsync();
            return await TestAccounts.InstructorAsync(this);
        }

        public async Task<HttpClient> SignInAsync(string email)
        {
            await EnsureSeededAsync();
            return await TestAccounts.SignInAsync(this, email, TestAccounts.Password);
        }

        private async Task EnsureSeededAsync()
        {
            await _seeded.WaitAsync();
            try
            {
                if (!_done)
                {
                    await SeedAsync();
                    _done = true;
                }
            }
            finally
            {
                _seeded.Release();
            }
        }

        private async Task SeedAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            async Task<string> User(string email, string role) =>
                (await admin.CreateAsync(email, TestAccounts.Password, role, email)).User?.Id ?? throw new InvalidOperationException(email);
            var ada = await User(AdaEmail, Roles.Learner);
            var bob = await User("bob.insight@example.com", Roles.Learner);
            var cy = await User("cy.insight@example.com", Roles.Learner);
            var teacher = await User("teacher.insight@example.com", Roles.Instructor);

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var t0 = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
            SlideView View(string user, int slide, double seconds) =>
                new() { UserId = user, WeekNumber = 7, LectureId = "lecture", Slide = slide, ViewedAt = t0.AddSeconds(seconds) };
            db.SlideViews.AddRange(View(ada, 1, 0), View(ada, 2, 60), View(ada, 3, 180));
            db.SlideViews.AddRange(Enumerable.Range(1, 13).Select(n => View(bob, n, 10 * (n - 1))));
            db.SlideViews.AddRange(View(cy, 1, 0), View(cy, 2, 40 * 60));
            db.SlideViews.AddRange(View(teacher, 1, 0), View(teacher, 2, 20 * 60));

            StudyReview Review(string user, int minutes, Rating rating, CardLearningState before, double difficulty) => new()
            {
                UserId = user,
                ReviewId = Guid.NewGuid().ToString("N"),
                WeekNumber = 7,
                DeckId = "flashcards",
                CardId = "what-is-fine-tuning",
                Rating = (int)rating,
                ReviewedAt = t0.AddMinutes(minutes),
                Interval = TimeSpan.FromDays(1),
                StateBefore = (int)before,
                StateAfter = (int)CardLearningState.Review,
                StabilityAfter = 1,
                DifficultyAfter = difficulty,
            };
            db.StudyReviews.AddRange(
                Review(ada, 1, Rating.Good, CardLearningState.New, 5),
                Review(ada, 2, Rating.Again, CardLearningState.Review, 8),
                Review(bob, 1, Rating.Good, CardLearningState.Review, 9),
                Review(teacher, 1, Rating.Again, CardLearningState.Review, 10));
            await db.SaveChangesAsync();

            // Eve has opened nothing yet (OpeningASlide_RecordsATimestampedView): a fourth learner.
            await User(EveEmail, Roles.Learner);
        }
    }
}
