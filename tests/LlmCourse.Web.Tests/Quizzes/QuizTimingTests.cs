using System.Net;
using System.Text.Json;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>Time limits, grace period, open and close dates and reveal rules, on a fake clock.</summary>
public sealed class QuizTimingTests : IClassFixture<QuizAppFactory>
{
    private readonly QuizAppFactory _factory;

    // The clock only moves forward, from wherever the previous test left it: the timed quiz has no dates, and the one
    // test that visits the window's dates (days ahead) goes further than all the others' minutes together.
    public QuizTimingTests(QuizAppFactory factory) => _factory = factory;

    [Theory]
    [InlineData(30, HttpStatusCode.NoContent)]
    [InlineData(60 + 20, HttpStatusCode.NoContent)]
    [InlineData(60 + 31, HttpStatusCode.Conflict)]
    public async Task Save_AroundTheDeadline_AcceptedUntilGraceEnds(int secondsAfterStart, HttpStatusCode expected)
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var id = await QuizClient.StartAsync(client, "timed");
        _factory.Clock.Advance(TimeSpan.FromSeconds(secondsAfterStart));
        var response = await QuizClient.SaveAsync(client, "timed", id, """{"sum":{"n":"4242"}}""");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Conflict)
        {
            Assert.Contains("Too late", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task LateAnswers_NeverChangeStoredAnswers_AndAttemptIsGradedWithWhatWasSaved()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var id = await QuizClient.StartAsync(client, "timed");
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", id, """{"sum":{"n":"4242"}}""")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(60) + AttemptRules.GracePeriod + TimeSpan.FromSeconds(1));

        var late = await QuizClient.SubmitAsync(client, "timed", id, await QuizClient.RightAnswersAsync(client, "timed", id));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Time ran out", await late.Content.ReadAsStringAsync());

        var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("timed")}/{id}");
        Assert.Equal(QuizClient.WithIds(attempt, """{"sum":{"n":"4242"}}"""), attempt.GetProperty("answers").GetRawText());
        Assert.Equal(1, attempt.GetProperty("attempt").GetProperty("score").GetDouble());
        Assert.True(attempt.GetProperty("attempt").GetProperty("autoClosed").GetBoolean());
        Assert.Equal(
            attempt.GetProperty("attempt").GetProperty("deadline").GetDateTimeOffset(),
            attempt.GetProperty("attempt").GetProperty("submittedAt").GetDateTimeOffset());

        // The page form says so too, and the review explains.
        var form = await TestAccounts.PostFormAsync(client, $"/weeks/7/timed/attempts/{id}?handler=Save", new() { ["shown"] = QuizClient.QuestionId(attempt, "sum"), ["q-" + QuizClient.QuestionId(attempt, "sum")] = "1" }, formUrl: "/");
        Assert.Equal($"/weeks/7/timed/attempts/{id}/review?late=true", form.Headers.Location?.OriginalString);
        Assert.Contains("Time ran out before that arrived", await client.GetStringAsync(form.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Submit_InGracePeriod_Accepted()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var id = await QuizClient.StartAsync(client, "timed");
        var answers = await QuizClient.RightAnswersAsync(client, "timed", id);
        _factory.Clock.Advance(TimeSpan.FromSeconds(75));
        var response = await QuizClient.SubmitAsync(client, "timed", id, answers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, doc.RootElement.GetProperty("attempt").GetProperty("score").GetDouble());
        Assert.False(doc.RootElement.GetProperty("attempt").GetProperty("autoClosed").GetBoolean());
    }

    [Fact]
    public async Task OverdueAttempt_ClosedLazilyOnRead_FreesTheNextStart()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var id = await QuizClient.StartAsync(client, "timed");
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var page = await client.GetStringAsync("/weeks/7/timed");
        Assert.Contains("(time ran out)", page);
        Assert.Contains($"/weeks/7/timed/attempts/{id}/review", page);
        Assert.Contains("Start a new attempt", page);
    }

    [Fact]
    public async Task Sweeper_ClosesOverdueAttemptsNobodyOpens()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var id = await QuizClient.StartAsync(client, "timed");
        Assert.Equal(HttpStatusCode.NoContent, (await QuizClient.SaveAsync(client, "timed", id, """{"roman":{"t":"Lutetia-Parisiorum"}}""")).StatusCode);
        var sweeper = _factory.Services.GetServices<IHostedService>().OfType<QuizSweeper>().Single();

        await sweeper.SweepOnceAsync(CancellationToken.None);
        Assert.Null((await AttemptAsync(id)).SubmittedAt);

        // Past the deadline and its grace, the sweeper's own timer (on the fake clock) fires: no request, no manual sweep.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var attempt = await AttemptAsync(id);
        for (var i = 0; i < 100 && attempt.SubmittedAt is null; i++)
        {
            await Task.Delay(50);
            attempt = await AttemptAsync(id);
        }

        Assert.NotNull(attempt.SubmittedAt);
        Assert.True(attempt.AutoClosed);
        Assert.Equal(1, attempt.Score);
    }

    [Fact]
    public async Task OpenAndCloseDates_LimitStarts_CapTheDeadline_AndGateTheReveal()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        _factory.Clock.SetUtcNow(QuizAppFactory.WindowOpens - TimeSpan.FromHours(1));
        var early = await QuizClient.SendAsync(client, HttpMethod.Post, QuizClient.Api("window"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("opens", await early.Content.ReadAsStringAsync());

        _factory.Clock.SetUtcNow(QuizAppFactory.WindowCloses - TimeSpan.FromMinutes(10));
        var id = await QuizClient.StartAsync(client, "window");
        var attempt = await QuizClient.GetJsonAsync(client, $"{QuizClient.Api("window")}/{id}");
        Assert.Equal(QuizAppFactory.WindowCloses, attempt.GetProperty("attempt").GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(600, attempt.GetProperty("secondsLeft").GetDouble(), 3);

        var submitted = await QuizClient.SubmitAsync(client, "window", id, await QuizClient.RightAnswersAsync(client, "window", id));
        var before = await submitted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET", before);
        Assert.Contains("\"revealed\":false", before);
        Assert.Contains("\"score\":3", before);
        Assert.DoesNotContain("SECRET", await client.GetStringAsync($"/weeks/7/window/attempts/{id}/review"));

        _factory.Clock.SetUtcNow(QuizAppFactory.WindowCloses + TimeSpan.FromSeconds(1));
        var closed = await QuizClient.SendAsync(client, HttpMethod.Post, QuizClient.Api("window"));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("closed", await closed.Content.ReadAsStringAsync());
        var after = await client.GetStringAsync($"{QuizClient.Api("window")}/{id}/review");
        Assert.Contains("SECRETEX1", after);
        Assert.Contains("SECRETEX1", await client.GetStringAsync($"/weeks/7/window/attempts/{id}/review"));
    }

    [Fact]
    public async Task RevealAfterLastAttempt_HidesAnswersUntilTheLastAttempt()
    {
        var client = await TestAccounts.RegisterAsync(_factory);
        var first = await QuizClient.StartAsync(client, "twice");
        await QuizClient.SubmitAsync(client, "twice", first, """{"sum":{"n":"1"}}""");
        var firstReview = await client.GetStringAsync($"{QuizClient.Api("twice")}/{first}/review");
        Assert.DoesNotContain("SECRET", firstReview);
        Assert.DoesNotContain("4242", firstReview);
        Assert.Contains("\"mark\":null", firstReview);

        var second = await QuizClient.StartAsync(client, "twice");
        await QuizClient.SubmitAsync(client, "twice", second);
        Assert.Contains("SECRETEX2", await client.GetStringAsync($"{QuizClient.Api("twice")}/{first}/review"));
        Assert.Contains("SECRETEX2", await client.GetStringAsync($"/weeks/7/twice/attempts/{second}/review"));
    }

    private async Task<QuizAttempt> AttemptAsync(string id)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizAttempts.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}
