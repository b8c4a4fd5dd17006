using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Group commit of quiz starts (issue 21): starts that arrive together are written together, yet each start is
/// acknowledged only once stored, a lost race or a bad row fails only its own start, and an outage fails every
/// waiting start without stalling the writer. On both databases (the suite runs once per provider).
/// </summary>
public sealed class AttemptInsertsTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ManyStartsAtOnce_AreAllStored_InFarFewerSavesThanStarts()
    {
        var inserts = NewInserts();
        var users = await CreateUsersAsync(150);

        // All queued before the first save can finish: they ride in a handful of saves, not 150.
        var stored = await Task.WhenAll(users.Select(u => inserts.InsertAsync(Attempt(u, number: 1)))).WaitAsync(Patience);

        Assert.All(stored, Assert.True);
        Assert.Equal(150, await CountAsync(users));
        Assert.InRange(inserts.Saves, 1, 20);
    }

    [Fact]
    public async Task ALostRace_FailsOnlyTheLoser_TheRestOfItsGroupIsStored()
    {
        var inserts = NewInserts();
        var users = await CreateUsersAsync(3);
        var first = Attempt(users[0], number: 1);
        Assert.True(await inserts.InsertAsync(first).WaitAsync(Patience)); // the start that won

        var loser = Attempt(users[0], number: 1);
        var results = await Task.WhenAll(
            inserts.InsertAsync(Attempt(users[1], number: 1)),
            inserts.InsertAsync(loser),
            inserts.InsertAsync(Attempt(users[2], number: 1))).WaitAsync(Patience);

        Assert.Equal([true, false, true], results);
        Assert.Equal(first.Id, await WithDbAsync(db => db.QuizAttempts.Where(a => a.UserId == users[0]).Select(a => a.Id).SingleAsync()));
        Assert.Equal(3, await CountAsync(users));
    }

    [Fact]
    public async Task ARowTheDatabaseRefuses_FailsOnlyItsOwnStart()
    {
        var inserts = NewInserts();
        var users = await CreateUsersAsync(2);

        // An account deleted between the overview and the write: its row breaks the foreign key.
        var ghost = inserts.InsertAsync(Attempt("no-such-learner", number: 1));
        var others = Task.WhenAll(users.Select(u => inserts.InsertAsync(Attempt(u, number: 1))));

        await Assert.ThrowsAsync<DbUpdateException>(() => ghost.WaitAsync(Patience));
        Assert.All(await others.WaitAsync(Patience), Assert.True);
        Assert.Equal(2, await CountAsync(users));
        Assert.False(await WithDbAsync(db => db.QuizAttempts.AnyAsync(a => a.UserId == "no-such-learner")));
    }

    [Fact]
    public async Task WhenTheDatabaseIsDown_EveryWaitingStartFails_AndTheWriterKeepsServing()
    {
        // A database that cannot be opened fails the save as an outage does.
        await using var services = new ServiceCollection()
            .AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = "/nonexistent-dir/llmcourse.db", Mode = SqliteOpenMode.ReadWrite }.ConnectionString))
            .BuildServiceProvider();
        var inserts = new AttemptInserts(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AttemptInserts>.Instance);

        var starts = Enumerable.Range(0, 5).Select(i => inserts.InsertAsync(Attempt($"learner-{i}", number: 1))).ToList();
        foreach (var start in starts)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => start.WaitAsync(Patience));
        }

        // Not stuck: a start after the outage is answered too (here with the same failure).
        await Assert.ThrowsAnyAsync<Exception>(() => inserts.InsertAsync(Attempt("learner-later", number: 1)).WaitAsync(Patience));
        Assert.Equal(0, inserts.Saves);
    }

    private AttemptInserts NewInserts() =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AttemptInserts>.Instance);

    private static QuizAttempt Attempt(string userId, int number) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = userId,
        WeekNumber = 7,
        QuizId = "quiz",
        Number = number,
        Seed = 1,
        Revision = "test-revision",
        StartedAt = DateTime.UtcNow,
        MaxScore = 10,
    };

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private Task<int> CountAsync(IReadOnlyList<string> users) =>
        WithDbAsync(db => db.QuizAttempts.CountAsync(a => users.Contains(a.UserId)));

    /// <summary>Accounts written straight to the database: these tests are about the attempt rows, not sign-up.</summary>
    private async Task<string[]> CreateUsersAsync(int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.NewGuid().ToString();
            db.Users.Add(TestAccounts.Row(ids[i], $"inserts-{ids[i]}@example.com", "Learner", DateTime.UtcNow));
        }

        await db.SaveChangesAsync();
        return ids;
    }
}
