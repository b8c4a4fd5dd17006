using Deque.AxeCore.Playwright;
using LlmCourse.BrowserTests.Infrastructure;
using LlmCourse.Core.Study;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Instructor;

/// <summary>Issue 20: an instructor opens a lecture's per-slide insight on a phone, reads the table and the chart, and downloads the CSV.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightBrowserTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    private const string Password = "browser-pass-123";

    [Fact]
    public async Task Instructor_OpensTheLectureInsight_SeesTableAndChart_AndDownloadsTheCsv()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var instructorEmail = $"insight-teacher-{tag}@example.com";
        await using (var scope = browser.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            Assert.NotNull((await admin.CreateAsync(instructorEmail, Password, Roles.Instructor)).User);
            var learner = (await admin.CreateAsync($"insight-learner-{tag}@example.com", Password, Roles.Learner)).User!;

            // A learner read slides 1 to 3 and reviewed the card of slide 4 (forgotten once it was in review).
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var t0 = DateTime.UtcNow.AddDays(-1);
            db.SlideViews.AddRange(Enumerable.Range(1, 3).Select(n => new SlideView { UserId = learner.Id, WeekNumber = 7, LectureId = "lecture", Slide = n, ViewedAt = t0.AddSeconds(40 * n) }));
            db.StudyReviews.Add(new StudyReview
            {
                UserId = learner.Id, ReviewId = Guid.NewGuid().ToString("N"), WeekNumber = 7, DeckId = "flashcards", CardId = "what-is-fine-tuning",
                Rating = (int)Rating.Again, ReviewedAt = t0, Interval = TimeSpan.FromMinutes(10), StateBefore = (int)CardLearningState.Review,
                StateAfter = (int)CardLearningState.Relearning, StabilityAfter = 1, DifficultyAfter = 9,
            });
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(instructorEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForAddressAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        // From the instructor's week page to the lecture's insight.
        await page.GotoAsync("/instructor/weeks/7");
        await page.Locator("a[href='/instructor/weeks/7/lecture/insight']").First.ClickAsync();
        await page.WaitForAddressAsync("**/instructor/weeks/7/lecture/insight");

        // The table: a row per slide; slide 4 lists its card.
        var rows = page.Locator("table.insight-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(13);
        await Assertions.Expect(rows.Nth(3)).ToContainTextAsync("What is fine-tuning?");

        // The chart: named and described, a row per slide, and its labels no smaller than 11 px on this phone.
        var chart = page.Locator("svg.insight-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("> title")).ToHaveTextAsync("Rework score per slide");
        await Assertions.Expect(chart.Locator("> desc")).ToContainTextAsync("Slide 4, ");
        await Assertions.Expect(chart.Locator("rect.chart-bar")).ToHaveCountAsync(13);
        var labelPixels = await chart.EvaluateAsync<double>("""
            svg => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width * parseFloat(getComputedStyle(svg.querySelector('.insight-chart-label')).fontSize)
            """);
        Assert.True(labelPixels >= 11, $"chart labels are drawn {labelPixels:0.0} px tall at 390 px");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth + 1"), "the page scrolls sideways");

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes)")));

        // The CSV: a header and one row per slide.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        Assert.Equal("week7-lecture-insight.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("part,title,questions,facility,discrimination,cards,", lines[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.StartsWith("4,", lines[4], StringComparison.Ordinal);
    }
}
