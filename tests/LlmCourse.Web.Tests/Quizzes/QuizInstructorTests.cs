using System.Net;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>Statistics, CSV export and regrading after a fix, as an instructor.</summary>
public sealed class QuizInstructorTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    [Fact]
    public async Task Statistics_Csv_AndRegradeAfterFix_LogChangedScores()
    {
        var learners = new[] { await TestAccounts.RegisterAsync(factory), await TestAccounts.RegisterAsync(factory), await TestAccounts.RegisterAsync(factory) };
        var picks = new[] { "Seven", "Four", "Four" };
        for (var i = 0; i < learners.Length; i++)
        {
            var id = await QuizClient.StartAsync(learners[i], "timed");
            var attempt = await QuizClient.GetJsonAsync(learners[i], $"{QuizClient.Api("timed")}/{id}");
            var body = $$$"""{"prime":{"c":["{{{QuizClient.ChoiceId(attempt, "prime", picks[i])}}}"]},"sum":{"n":"4242"}}""";
            Assert.Equal(HttpStatusCode.OK, (await QuizClient.SubmitAsync(learners[i], "timed", id, body)).StatusCode);
        }

        var instructor = await TestAccounts.InstructorAsync(factory);
        Assert.Contains("/instructor/quizzes", await instructor.GetStringAsync("/instructor"));
        Assert.Contains("/instructor/quizzes/7/timed", await instructor.GetStringAsync("/instructor/quizzes"));

        var stats = await instructor.GetStringAsync("/instructor/quizzes/7/timed");
        Assert.Contains("<dt>Submitted attempts</dt><dd>3</dd>", stats);
        Assert.Contains("<dt>Median score</dt><dd>1</dd>", stats);
        Assert.Contains("<svg", stats);
        Assert.Contains("Seven: 1", stats);
        Assert.Contains("Four: 2", stats);

        var csv = await instructor.GetAsync("/instructor/quizzes/7/timed/attempts.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("learner,name,attempt,started,submitted,auto_closed,score,max_score,percent,passed,revision,prime,sum,roman", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Single(lines, l => l.Contains(",2,3,66.67,yes,", StringComparison.Ordinal) && l.EndsWith(",1,1,0", StringComparison.Ordinal));

        // The author finds the key was the wrong way round: fix the file, wait for the reload, regrade.
        var file = Directory.GetFiles(factory.ContentDir, "09-timed.md", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("- [ ] Four", "- [x] Four", StringComparison.Ordinal).Replace("- [x] Seven", "- [ ] Seven", StringComparison.Ordinal));
        var store = factory.Services.GetRequiredService<CourseStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!store.Current.FindWeek(7)!.FindItem("timed")!.Markdown.Contains("- [x] Four", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var regrade = await TestAccounts.PostFormAsync(instructor, "/instructor/quizzes/7/timed?handler=Regrade", [], formUrl: "/instructor/quizzes/7/timed");
        Assert.Equal(HttpStatusCode.Redirect, regrade.StatusCode);
        var after = await instructor.GetStringAsync(regrade.Headers.Location!.OriginalString);
        Assert.Contains("Regraded 3 attempt(s)", after);

        // The two who picked "Four" go from 1 to 2, the one who picked "Seven" from 2 to 1; each change is logged.
        Assert.Contains("3 score(s) changed", after);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(after, "<td>1</td><td>2</td>").Count);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(after, "<td>2</td><td>1</td>"));

        // The learners' review and history follow the regrade; the attempt keeps the revision it was taken on.
        var list = await QuizClient.GetJsonAsync(learners[1], QuizClient.Api("timed"));
        var summary = list.GetProperty("attempts")[0];
        Assert.Equal(2, summary.GetProperty("score").GetDouble());
        Assert.NotEqual(store.Current.FindWeek(7)!.FindItem("timed")!.Revision, summary.GetProperty("revision").GetString());
    }
}
