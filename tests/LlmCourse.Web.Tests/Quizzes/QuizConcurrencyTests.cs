using System.Net;
using System.Net.Http.Headers;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Many requests at once against the in-process server (no network): nothing is lost, nothing is graded
/// twice, and limits hold. The database guards (a unique attempt number, a conditional submit) do the work.
/// </summary>
public sealed class QuizConcurrencyTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    [Fact]
    public async Task TwoHundredLearners_SubmitAtOnce_AllGraded_NoneLost()
    {
        const int learners = 200;
        var clients = await BearerClientsAsync(learners);

        // Starting and answering is bounded; the submits then all go at once.
        using var gate = new SemaphoreSlim(16);
        var attempts = await Task.WhenAll(clients.Select(async client =>
        {
            await gate.WaitAsync();
            try
            {
                var id = await StartAsync(client, "timed");
                var answers = await QuizClient.RightAnswersAsync(client, "timed", id);
                var saved = await client.PutAsync($"{QuizClient.Api("timed")}/{id}/answers", new StringContent(answers, System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
                return id;
            }
            finally
            {
                gate.Release();
            }
        }));

        var submits = await Task.WhenAll(clients.Select((client, i) => client.PostAsync($"{QuizClient.Api("timed")}/{attempts[i]}/submission", null)));
        Assert.All(submits, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var graded = await db.QuizAttempts.Where(a => attempts.Contains(a.Id)).ToListAsync();
        Assert.Equal(learners, graded.Count);
        Assert.All(graded, a => Assert.Equal(3, a.Score));
        Assert.All(graded, a => Assert.NotNull(a.SubmittedAt));
        Assert.Equal(learners * 3, await db.QuizAnswers.CountAsync(a => attempts.Contains(a.AttemptId)));
        Assert.Equal(learners, await db.ItemCompletions.CountAsync(c => c.ItemId == "timed" && c.Source == "quiz"));
    }

    [Fact]
    public async Task SameAttempt_SubmittedInParallel_GradedOnce()
    {
        var client = (await BearerClientsAsync(1))[0];
        var id = await StartAsync(client, "twice");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync($"{QuizClient.Api("twice")}/{id}/submission", null)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ParallelStarts_NeverExceedTheLimit()
    {
        var client = (await BearerClientsAsync(1))[0];
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(QuizClient.Api("twice"), null)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));

        // Finish it and race again: attempt 2 of 2 is the last one there can be.
        var first = QuizClient.AttemptIdFromLocation(results.Single(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{QuizClient.Api("twice")}/{first}/submission", null)).StatusCode);
        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsync(QuizClient.Api("twice"), null)));
        Assert.Single(again, r => r.StatusCode == HttpStatusCode.Created);
        var second = QuizClient.AttemptIdFromLocation(again.Single(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{QuizClient.Api("twice")}/{second}/submission", null)).StatusCode);
        var third = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync(QuizClient.Api("twice"), null)));
        Assert.All(third, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    private static async Task<string> StartAsync(HttpClient client, string quizId)
    {
        var response = await client.PostAsync(QuizClient.Api(quizId), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return QuizClient.AttemptIdFromLocation(response);
    }

    /// <summary>Learners made straight in the database (no password hashing) with API tokens, so 200 are quick.</summary>
    private async Task<List<HttpClient>> BearerClientsAsync(int count)
    {
        var clients = new List<HttpClient>(count);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        for (var i = 0; i < count; i++)
        {
            var email = $"bulk-{Guid.NewGuid():N}@example.com";
            var user = new AppUser { UserName = email, Email = email, DisplayName = "Bulk learner" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            var (token, error) = await tokens.CreateAsync(user.Id, "load");
            Assert.Null(error);
            var client = TestAccounts.NewClient(factory);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            clients.Add(client);
        }

        return clients;
    }
}
