using System.Net;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>Per-learner close dates and time limits, and grade overrides with a reason, on a fake clock.</summary>
public sealed class QuizOverrideTests : IClassFixture<OverrideAppFactory>
{
    private const string Quiz = "deadline";
    private static readonly string OverridesUrl = $"/instructor/quizzes/{QuizAppFactory.Week}/{Quiz}/overrides";

    private readonly OverrideAppFactory _factory;

    public QuizOverrideTests(OverrideAppFactory factory)
    {
        _factory = factory;

        // The quiz is open from here on; tests move the clock forward by minutes at most (the one that goes past the
        // close has an app of its own).
        factory.Clock.MoveForwardTo(OverrideAppFactory.Opens.AddHours(1));
    }

    [Fact]
    public async Task Override_LetsOneLearnerSubmitAfterTheOthersClose_AndOthersAreRefused()
    {
        // This test takes the clock past the quiz's close, which the other tests here need open.
        using var app = new OverrideAppFactory();
        app.Clock.SetUtcNow(OverrideAppFactory.Opens.AddHours(1));
        var (extended, extendedEmail) = await LearnerAsync(app);
        var (other, _) = await LearnerAsync(app);
        var instructor = await TestAccounts.InstructorAsync(app);

        // The other learner starts just before the close: their deadline is the close date, not start + 10 minutes.
        app.Clock.SetUtcNow(OverrideAppFactory.Closes.AddMinutes(-5));
        var otherAttempt = await QuizClient.StartAsync(other, Quiz);
        var otherAnswers = await QuizClient.RightAnswersAsync(other, Quiz, otherAttempt);

        var set = await SetOverrideAsync(instructor, extendedEmail, OverrideAppFactory.Closes.AddDays(2), 20);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var list = await instructor.GetStringAsync(OverridesUrl);
        Assert.Contains(extendedEmail, list);
        Assert.Contains("20 min", list);

        // After the general close (and its grace): the other learner is refused, the extended one may start and submit.
        app.Clock.SetUtcNow(OverrideAppFactory.Closes.AddMinutes(5));
        var late = await QuizClient.SubmitAsync(other, Quiz, otherAttempt, otherAnswers);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await QuizClient.SendAsync(other, HttpMethod.Post, QuizClient.Api(Quiz))).StatusCode);

        var page = await extended.GetStringAsync($"/weeks/{QuizAppFactory.Week}/{Quiz}");
        Assert.Contains("Closes for you", page);
        Assert.Contains("Your time limit", page);
        var attempt = await QuizClient.StartAsync(extended, Quiz);
        var view = await QuizClient.GetJsonAsync(extended, $"{QuizClient.Api(Quiz)}/{attempt}");
        Assert.Equal(OverrideAppFactory.Closes.AddMinutes(25), view.GetProperty("attempt").GetProperty("deadline").GetDateTimeOffset());

        // Fifteen minutes in: past the quiz's own 10-minute limit, within the learner's 20.
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var answers = await QuizClient.RightAnswersAsync(extended, Quiz, attempt);
        var submitted = await QuizClient.SubmitAsync(extended, Quiz, attempt, answers);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        // The override is in the audit log.
        var audit = await instructor.GetStringAsync("/instructor/audit");
        Assert.Contains("quiz override", audit);
        Assert.Contains(extendedEmail, audit);
    }

    [Fact]
    public async Task Override_ExtendsAnAttemptInProgress_AndTheSweeperRespectsIt()
    {
        var (learner, email) = await LearnerAsync();
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var attempt = await QuizClient.StartAsync(learner, Quiz);
        Assert.Equal(HttpStatusCode.Redirect, (await SetOverrideAsync(instructor, email, null, 60)).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var quizzes = scope.ServiceProvider.GetRequiredService<LlmCourse.Web.Quizzes.QuizService>();
            await quizzes.CloseAllOverdueAsync();
            var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == attempt);
            Assert.Null(row.SubmittedAt);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(learner, Quiz, attempt, """{"sum":{"n":"4242"}}""")).StatusCode);

        // Removing the override puts the quiz's own 10-minute limit back: the attempt is overdue and closed.
        var form = await instructor.GetStringAsync(OverridesUrl);
        var userId = await UserIdAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(instructor, OverridesUrl + "?handler=Clear", new() { ["userId"] = userId })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await QuizClient.SaveAsync(learner, Quiz, attempt, """{"sum":{"n":"1"}}""")).StatusCode);
        Assert.Contains(email, form);
    }

    [Theory]
    [InlineData("", "", "Give a close date")]
    [InlineData("", "0", "between 1 and")]
    [InlineData("not-a-date", "", "must look like")]
    [InlineData("", "ten", "whole number")]
    public async Task Override_BadInput_Is400AndStoresNothing(string closes, string minutes, string message)
    {
        var (_, email) = await LearnerAsync();
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var response = await TestAccounts.PostFormAsync(instructor, OverridesUrl + "?handler=Set", new()
        {
            ["Input.Email"] = email,
            ["Input.Closes"] = closes,
            ["Input.TimeLimitMinutes"] = minutes,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        var userId = await UserIdAsync(email);
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizUserOverrides.AnyAsync(o => o.UserId == userId));
    }

    [Fact]
    public async Task Override_UnknownLearner_Is400()
    {
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var response = await TestAccounts.PostFormAsync(instructor, OverridesUrl + "?handler=Set", new() { ["Input.Email"] = "nobody@example.com", ["Input.TimeLimitMinutes"] = "30" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No account has that email", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GradeOverride_NeedsAReason_CountsInGradebookCsvAndCompletion_AndIsAudited()
    {
        var (learner, email) = await LearnerAsync();
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var userId = await UserIdAsync(email);
        var url = $"/instructor/gradebook/override?learner={userId}&week={QuizAppFactory.Week}&quiz={Quiz}";

        var refused = await TestAccounts.PostFormAsync(instructor, url + "&handler=Set", new() { ["percent"] = "80", ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Give the reason", await refused.Content.ReadAsStringAsync());
        var outOfRange = await TestAccounts.PostFormAsync(instructor, url + "&handler=Set", new() { ["percent"] = "120", ["reason"] = "typo" });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);

        var set = await TestAccounts.PostFormAsync(instructor, url + "&handler=Set", new() { ["percent"] = "80", ["reason"] = "Paper exam, graded by hand; SECRETREASON" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var book = await instructor.GetStringAsync("/instructor/gradebook?q=" + Uri.EscapeDataString(email));
        Assert.Contains("80%", book);
        Assert.Contains("overridden: Paper exam", book);
        var csv = await instructor.GetStringAsync("/instructor/gradebook?csv=true&q=" + Uri.EscapeDataString(email));
        Assert.Contains($"w{QuizAppFactory.Week}:{Quiz}: 80% by ", csv);
        Assert.Contains("SECRETREASON", csv);
        Assert.Contains("grade override", await instructor.GetStringAsync("/instructor/audit"));

        // The learner sees the grade that counts, and the quiz is complete (80% passes the 50% mark).
        var page = await learner.GetStringAsync($"/weeks/{QuizAppFactory.Week}/{Quiz}");
        Assert.Contains("80%", page);
        Assert.Contains("set by an instructor", page);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().ItemCompletions.AnyAsync(c => c.UserId == userId && c.ItemId == Quiz));
        }

        // Removing it also needs a reason.
        Assert.Equal(HttpStatusCode.BadRequest, (await TestAccounts.PostFormAsync(instructor, url + "&handler=Clear", new() { ["reason"] = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(instructor, url + "&handler=Clear", new() { ["reason"] = "Entered on the wrong learner" })).StatusCode);
        Assert.DoesNotContain("overridden:", await instructor.GetStringAsync("/instructor/gradebook?q=" + Uri.EscapeDataString(email)));
        Assert.Contains("grade override off", await instructor.GetStringAsync("/instructor/audit"));
    }

    private Task<(HttpClient Client, string Email)> LearnerAsync() => LearnerAsync(_factory);

    private static async Task<(HttpClient Client, string Email)> LearnerAsync(OverrideAppFactory app)
    {
        var email = $"learner-{Guid.NewGuid():N}@example.com";
        return (await TestAccounts.RegisterAsync(app, email), email);
    }

    private static Task<HttpResponseMessage> SetOverrideAsync(HttpClient instructor, string email, DateTimeOffset? closes, int? minutes) =>
        TestAccounts.PostFormAsync(instructor, OverridesUrl + "?handler=Set", new()
        {
            ["Input.Email"] = email,
            ["Input.Closes"] = closes?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Input.TimeLimitMinutes"] = minutes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
