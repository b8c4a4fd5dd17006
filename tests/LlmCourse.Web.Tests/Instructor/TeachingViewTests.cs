using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>
/// The course overview and gradebook over a known class: three learners (one with a spreadsheet formula for
/// a name), an instructor who must not be counted, attempts handed in and in progress, completions and views.
/// </summary>
public sealed partial class TeachingViewTests(TeachingViewTests.ClassFactory factory) : IClassFixture<TeachingViewTests.ClassFactory>
{
    [Fact]
    public async Task Overview_CountsLearners_CompletionShares_AndQuizAverages()
    {
        var instructor = await factory.InstructorAsync();
        var html = await instructor.GetStringAsync("/instructor/overview");

        Assert.Contains("<dd id=\"learners-enrolled\">3</dd>", html);
        Assert.Contains("<dt>Active in the last 7 days</dt><dd>2</dd>", html);

        // Week 7: Bob saw all 13 slides (the lecture completes by viewing); Ada's best of two attempts counts.
        var lecture = Row(html, "week-7", "lecture");
        Assert.Contains("<td>1</td><td>1</td>", Collapse(lecture));
        Assert.Contains("33.33%", lecture);
        var quiz7 = Row(html, "week-7", "quiz");
        Assert.Contains("90% (1 graded)", quiz7);
        Assert.Contains("href=\"/instructor/quizzes/7/quiz\"", quiz7);

        // Week 2: Ada marked the notes read; Bob's 7 of 10 is the only grade.
        Assert.Contains("33.33%", Row(html, "week-2", "class-notes"));
        Assert.Contains("70% (1 graded)", Row(html, "week-2", "quiz"));
        Assert.Contains("0%", Row(html, "week-7", "flashcards"));
    }

    [Fact]
    public async Task Gradebook_ShowsGradesThatCount_Filters_AndSorts()
    {
        var instructor = await factory.InstructorAsync();
        var html = await instructor.GetStringAsync("/instructor/gradebook");

        Assert.Equal(["=SUM(A1)+1, evil", ClassFactory.Ada, ClassFactory.Bob], Learners(html));
        Assert.Contains("Showing 3 of 3 learner(s).", html);
        var ada = LearnerRow(html, ClassFactory.AdaEmail);
        // Each grade cell starts with the grade that counts; the instructor's "override" link follows it.
        var cells = Regex.Replace(ada, @"\s+<", "<");
        Assert.Contains("data-column=\"w7:quiz\">90%<br><a class=\"grade-override-link\"", cells);
        Assert.Contains("data-column=\"w2:quiz\">not taken<br><a class=\"grade-override-link\"", cells);
        Assert.Contains("<td class=\"items\">2 of 5</td>", ada);
        Assert.Contains("<td class=\"average\">45%</td>", ada);
        Assert.Contains("<td class=\"items\">1 of 5</td>", LearnerRow(html, ClassFactory.BobEmail));
        Assert.Contains("href=\"/instructor/quizzes/2/quiz\"", html);

        // Sorting by quiz average, highest first; the header says so to assistive technology.
        var byAverage = await instructor.GetStringAsync("/instructor/gradebook?sort=average&dir=desc");
        Assert.Equal([ClassFactory.Ada, ClassFactory.Bob, "=SUM(A1)+1, evil"], Learners(byAverage));
        Assert.Contains("aria-sort=\"descending\"><a href=\"/instructor/gradebook?sort=average&amp;dir=asc\">", byAverage);

        // By one quiz: learners without a grade go last whichever the direction.
        Assert.Equal(ClassFactory.Bob, Learners(await instructor.GetStringAsync("/instructor/gradebook?sort=w2:quiz"))[0]);
        Assert.Equal(ClassFactory.Bob, Learners(await instructor.GetStringAsync("/instructor/gradebook?sort=w2:quiz&dir=desc"))[0]);

        var filtered = await instructor.GetStringAsync("/instructor/gradebook?q=BOB");
        Assert.Equal([ClassFactory.Bob], Learners(filtered));
        Assert.Contains("Showing 1 of 3 learner(s).", filtered);

        var week7 = await instructor.GetStringAsync("/instructor/gradebook?week=7");
        Assert.DoesNotContain("data-column=\"w2:quiz\"", week7);
        Assert.Contains("<td class=\"items\">1 of 3</td>", LearnerRow(week7, ClassFactory.AdaEmail));
        Assert.Contains("<td class=\"average\">90%</td>", LearnerRow(week7, ClassFactory.AdaEmail));

        var hidden = await instructor.GetStringAsync("/instructor/gradebook?week=99");
        Assert.Contains("Week 99 is not visible to learners", hidden);
    }

    [Fact]
    public async Task GradebookCsv_QuotesFields_GuardsFormulas_AndFollowsTheFilter()
    {
        var instructor = await factory.InstructorAsync();
        var response = await instructor.GetAsync("/instructor/gradebook?sort=average&dir=desc&csv=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gradebook.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
            [
                "learner,name,w2:quiz Quiz: fine-tuning with instruction,w7:quiz Quiz: fine-tuning large language models,items_completed,items_total,quiz_average,grade_overrides",
                $"{ClassFactory.AdaEmail},{ClassFactory.Ada},,90,2,5,45,",
                $"{ClassFactory.BobEmail},{ClassFactory.Bob},70,,1,5,35,",
                $"{ClassFactory.EvilEmail},\"'=SUM(A1)+1, evil\",,,0,5,0,",
                "",
            ],
            lines);

        var week2 = await instructor.GetStringAsync("/instructor/gradebook?week=2&q=ada&csv=true");
        Assert.Equal(3, week2.Split("\r\n").Length);
        Assert.EndsWith($"{ClassFactory.AdaEmail},{ClassFactory.Ada},,1,2,0,\r\n", week2);
    }

    [Fact]
    public async Task LearnersCannotSeeTheTeachingView()
    {
        var learner = await factory.SignInAsync(ClassFactory.BobEmail);
        foreach (var url in new[] { "/instructor/overview", "/instructor/gradebook", "/instructor/gradebook?csv=true" })
        {
            var response = await learner.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.DoesNotContain(ClassFactory.AdaEmail, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Collapse(string html) => WhitespaceBetweenTags().Replace(html, "><");

    private static string Row(string html, string week, string item)
    {
        var section = html[html.IndexOf($"id=\"{week}-heading\"", StringComparison.Ordinal)..];
        var start = section.IndexOf($"<tr data-item=\"{item}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {item} in {week}.");
        return section[start..section.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string LearnerRow(string html, string email)
    {
        var start = html.IndexOf($"data-learner=\"{email}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {email}.");
        return Collapse(html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)]);
    }

    private static List<string> Learners(string html) =>
        [.. LearnerNames().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex(@">\s+<")]
    private static partial Regex WhitespaceBetweenTags();

    [GeneratedRegex(@"<tr class=""gradebook-row""[^>]*>\s*<th scope=""row"">([^<]*)</th>")]
    private static partial Regex LearnerNames();

    /// <summary>The app with the class written straight into its database once.</summary>
    public sealed class ClassFactory : CourseAppFactory
    {
        public const string Ada = "Ada Lovelace";
        public const string AdaEmail = "ada@example.com";
        public const string Bob = "Bob Babbage";
        public const string BobEmail = "bob@example.com";
        public const string EvilEmail = "evil@example.com";

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
            async Task<string> Learner(string email, string name) =>
                (await admin.CreateAsync(email, TestAccounts.Password, Roles.Learner, name)).User?.Id ?? throw new InvalidOperationException(email);
            var ada = await Learner(AdaEmail, Ada);
            var bob = await Learner(BobEmail, Bob);
            var evil = await Learner(EvilEmail, "=SUM(A1)+1, evil");

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = DateTime.UtcNow;
            QuizAttempt Attempt(string user, int week, int number, double? score) => new()
            {
                Id = Guid.NewGuid().ToString("N"),
                UserId = user,
                WeekNumber = week,
                QuizId = "quiz",
                Number = number,
                Revision = "seeded",
                StartedAt = now.AddMinutes(-30),
                Deadline = score is null ? now.AddMinutes(10) : null,
                SubmittedAt = score is null ? null : now.AddMinutes(-20 + number),
                Score = score,
                MaxScore = 10,
                Passed = score >= 7,
            };

            // Ada: 5 then 9 of 10 on week 7 (highest counts: 90%), notes read, quiz marked complete.
            db.QuizAttempts.AddRange(Attempt(ada, 7, 1, 5), Attempt(ada, 7, 2, 9), Attempt(bob, 2, 1, 7), Attempt(evil, 7, 1, null));
            db.ItemCompletions.AddRange(
                new ItemCompletion { UserId = ada, WeekNumber = 2, ItemId = "class-notes", CompletedAt = now, Source = "manual" },
                new ItemCompletion { UserId = ada, WeekNumber = 7, ItemId = "quiz", CompletedAt = now, Source = "quiz" });

            // Bob: every one of the 13 slides, over two days.
            db.ItemVisits.AddRange(
                new ItemVisit { UserId = bob, Day = DateOnly.FromDateTime(now.AddDays(-1)), WeekNumber = 7, ItemId = "lecture", LastSlide = 6, SlidesSeen = 0b111111, FirstAt = now.AddDays(-1), LastAt = now.AddDays(-1) },
                new ItemVisit { UserId = bob, Day = DateOnly.FromDateTime(now), WeekNumber = 7, ItemId = "lecture", LastSlide = 13, SlidesSeen = 0b1111111000000, FirstAt = now, LastAt = now });
            await db.SaveChangesAsync();
        }
    }
}
