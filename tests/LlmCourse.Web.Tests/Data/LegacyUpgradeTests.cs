using System.Net.Http.Headers;
using System.Net.Http.Json;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Api;
using LlmCourse.Web.Data;
using LlmCourse.Web.Data.Migrations;
using LlmCourse.Web.Hosting;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Data;

/// <summary>
/// Databases made before the migrations were generated: built from the script of the seven hand-written
/// migrations (Data/Legacy/*.sql), filled with a learner's data, then opened by today's site.
/// </summary>
public sealed class LegacyUpgradeTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);

    private readonly string _dir = Directory.CreateTempSubdirectory("llmcourse-legacy-").FullName;

    /// <summary>
    /// Start-up as the site runs it, on the suite's database (tests/run-all.sh runs the suite on each). One
    /// process hosts one provider, as in production: the site's compiled queries keep the first model they meet.
    /// </summary>
    [Fact]
    public async Task LegacyDatabase_SiteStarts_KeepsEveryRowAndEndsAsAMigratedOne()
    {
        using var legacy = await LegacyDatabaseAsync(TestDatabase.SelectedProvider, "legacy");
        var token = ApiTokens.NewToken();
        var userId = await SeedLearnerAsync(legacy, token);

        using (var site = new Site(legacy))
        {
            // The site's own start-up adopts the database; the learner's token and progress still work.
            using var client = site.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var progress = await client.GetFromJsonAsync<ProgressSummary>("/api/v1/me/progress");
            var items = progress!.Weeks.SelectMany(w => w.Items.Select(i => (w.Number, i))).ToDictionary(x => (x.Number, x.i.Id), x => x.i);
            Assert.True(items[(2, "class-notes")].Completed);
            Assert.Equal(3, items[(7, "lecture")].LastSlide);
        }

        await AssertUpgradedAsync(legacy, userId);
    }

    /// <summary>The same upgrade on both databases in every run, through the start-up migration without a host.</summary>
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task LegacyDatabase_Migrated_KeepsEveryRowAndEndsAsAMigratedOne(string provider)
    {
        using var legacy = await LegacyDatabaseAsync(provider, "legacy");
        var userId = await SeedLearnerAsync(legacy, ApiTokens.NewToken());

        await using (var db = legacy.OpenContext())
        {
            await db.MigrateUnderStartupLockAsync();
        }

        await AssertUpgradedAsync(legacy, userId);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Adopt_LegacyHistory_RecordsOnlyTheBaseline_SoLaterMigrationsStillApply(string provider)
    {
        using var legacy = await LegacyDatabaseAsync(provider, "legacy");
        await using var db = legacy.OpenContext();

        Assert.True(await LegacyMigrations.AdoptAsync(db));

        var generated = db.Database.GetMigrations().ToList();
        Assert.Equal(generated.Skip(1), await db.Database.GetPendingMigrationsAsync());
        Assert.False(await LegacyMigrations.AdoptAsync(db), "a second start adopts nothing");
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Adopt_NewOrGeneratedDatabase_DoesNothing(string provider)
    {
        using var database = TestDatabase.Create(Path.Combine(_dir, "new"), provider);
        await using var db = database.OpenContext();

        Assert.False(await LegacyMigrations.AdoptAsync(db));
        await db.Database.MigrateAsync();
        Assert.False(await LegacyMigrations.AdoptAsync(db));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Theory]
    [InlineData("Sqlite", "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261204090000_LearnerVersions'", "missing: 20261204090000_LearnerVersions; not known: none")]
    [InlineData("Postgres", "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261204090000_LearnerVersions'", "missing: 20261204090000_LearnerVersions; not known: none")]
    [InlineData("Sqlite", "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261206100000_Enrolments', '10.0.14')", "missing: none; not known: 20261206100000_Enrolments")]
    [InlineData("Postgres", "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261206100000_Enrolments', '10.0.14')", "missing: none; not known: 20261206100000_Enrolments")]
    public async Task Adopt_HistoryNotExactlyTheSeven_IsRefusedAndChangesNothing(string provider, string change, string message)
    {
        using var legacy = await LegacyDatabaseAsync(provider, "legacy");
        await using var db = legacy.OpenContext();
        await db.Database.ExecuteSqlRawAsync(change);
        var before = (await db.Database.GetAppliedMigrationsAsync()).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LegacyMigrations.AdoptAsync(db));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>
    /// Every seeded row is there with its values; the history holds the seven and every generated migration
    /// (the baseline adopted, the later ones applied) with nothing pending; schema and triggers equal those of a database the generated migrations built from nothing;
    /// and the triggers still run.
    /// </summary>
    private async Task AssertUpgradedAsync(TestDatabase legacy, string userId)
    {
        await using var db = legacy.OpenContext();
        Assert.Equal([.. LegacyMigrations.Ids, .. db.Database.GetMigrations()], (await db.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var user = await db.Users.SingleAsync(u => u.Id == userId);
        Assert.Equal("Legacy Learner", user.DisplayName);
        Assert.Equal(Now, user.CreatedAt);
        Assert.Equal(["Instructor", "Learner"], await db.Roles.Select(r => r.Name!).Order().ToListAsync());
        Assert.Equal(["role-learner"], await db.UserRoles.Where(r => r.UserId == userId).Select(r => r.RoleId).ToListAsync());
        Assert.Equal(1, await db.ApiTokens.CountAsync(t => t.UserId == userId));
        var visit = await db.ItemVisits.SingleAsync(v => v.UserId == userId);
        Assert.Equal((new DateOnly(2026, 12, 1), 7, "lecture", 3, 0b111L, Now), (visit.Day, visit.WeekNumber, visit.ItemId, visit.LastSlide, visit.SlidesSeen, visit.LastAt));
        Assert.Equal(Now, (await db.ItemCompletions.SingleAsync(c => c.UserId == userId)).CompletedAt);
        var attempt = await db.QuizAttempts.SingleAsync(a => a.UserId == userId);
        Assert.Equal((3.0, 4.0, true, Now.AddMinutes(-5), Now), (attempt.Score, attempt.MaxScore, attempt.Passed, attempt.StartedAt, attempt.SubmittedAt));
        Assert.Equal("""{"choice":"b"}""", (await db.QuizAnswers.SingleAsync(a => a.AttemptId == attempt.Id)).ResponseJson);
        var reviews = await db.StudyReviews.Where(r => r.UserId == userId).OrderBy(r => r.ReviewId).ToListAsync();
        Assert.Equal(["r1", "r2"], reviews.Select(r => r.ReviewId));
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromDays(3)], reviews.Select(r => r.Interval));
        Assert.Equal(4.93, (await db.StudyCards.SingleAsync(c => c.UserId == userId)).Stability);

        using var fresh = TestDatabase.Create(Path.Combine(_dir, "fresh"), legacy.Provider);
        await using (var freshDb = fresh.OpenContext())
        {
            await freshDb.Database.MigrateAsync();
        }

        Assert.Equal(await SchemaDescription.TablesAsync(fresh), await SchemaDescription.TablesAsync(legacy));
        var triggers = await SchemaDescription.TriggersAsync(legacy);
        Assert.Equal(await SchemaDescription.TriggersAsync(fresh), triggers);
        Assert.Contains(triggers, t => t.StartsWith("ItemCompletions trigger", StringComparison.Ordinal));

        var version = await db.LearnerVersions.Where(v => v.UserId == userId).Select(v => v.Version).SingleAsync();
        db.ItemCompletions.Add(new ItemCompletion { UserId = userId, WeekNumber = 7, ItemId = "lecture", CompletedAt = Now, Source = "api" });
        await db.SaveChangesAsync();
        Assert.Equal(version + 1, await db.LearnerVersions.Where(v => v.UserId == userId).Select(v => v.Version).SingleAsync());
    }

    /// <summary>A database exactly as the hand-written migrations left it, history rows included.</summary>
    private async Task<TestDatabase> LegacyDatabaseAsync(string provider, string name)
    {
        var database = TestDatabase.Create(Path.Combine(_dir, name), provider);
        var script = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "LlmCourse.Web.Tests", "Data", "Legacy", provider.ToLowerInvariant() + ".sql"));
        await using var db = database.OpenContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>
    /// A learner as the old site stored one (same entity types, same EF Core providers): account and role,
    /// an API token, a lecture visit, a completion, a submitted quiz attempt with its answer, a studied card
    /// and two reviews.
    /// </summary>
    private static async Task<string> SeedLearnerAsync(TestDatabase database, string token)
    {
        await using var db = database.OpenContext();
        var user = new AppUser
        {
            Id = Guid.NewGuid().ToString(),
            UserName = "legacy@example.com",
            NormalizedUserName = "LEGACY@EXAMPLE.COM",
            Email = "legacy@example.com",
            NormalizedEmail = "LEGACY@EXAMPLE.COM",
            DisplayName = "Legacy Learner",
            CreatedAt = Now,
            SecurityStamp = Guid.NewGuid().ToString(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = "role-learner" });
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "script", TokenHash = ApiTokens.Hash(token), Prefix = token[..10], CreatedAt = Now });
        db.ItemVisits.Add(new ItemVisit { UserId = user.Id, Day = new DateOnly(2026, 12, 1), WeekNumber = 7, ItemId = "lecture", LastSlide = 3, SlidesSeen = 0b111, FirstAt = Now.AddMinutes(-20), LastAt = Now });
        db.ItemCompletions.Add(new ItemCompletion { UserId = user.Id, WeekNumber = 2, ItemId = "class-notes", CompletedAt = Now, Source = "page" });
        var attempt = new QuizAttempt
        {
            Id = Guid.NewGuid().ToString("N"), UserId = user.Id, WeekNumber = 2, QuizId = "quiz", Number = 1, Seed = 42, Revision = "0123456789abcdef",
            GradedRevision = "0123456789abcdef", StartedAt = Now.AddMinutes(-5), SubmittedAt = Now, Score = 3, MaxScore = 4, Passed = true, MarksJson = """{"q1":1}""",
        };
        db.QuizAttempts.Add(attempt);
        db.QuizAnswers.Add(new QuizAnswer { AttemptId = attempt.Id, QuestionId = "q1", ResponseJson = """{"choice":"b"}""", Revision = attempt.Revision, SavedAt = Now.AddMinutes(-1) });
        db.StudyCards.Add(new StudyCard { UserId = user.Id, WeekNumber = 2, DeckId = "deck", CardId = "c1", State = 2, Stability = 4.93, Difficulty = 5.1, Due = Now.AddDays(3), LastReview = Now, Starred = true });
        db.StudyReviews.AddRange(
            new StudyReview { UserId = user.Id, ReviewId = "r1", WeekNumber = 2, DeckId = "deck", CardId = "c1", Rating = 3, ReviewedAt = Now.AddMinutes(-10), Interval = TimeSpan.FromMinutes(10), StateBefore = 0, StateAfter = 1, StabilityAfter = 2.3, DifficultyAfter = 5.1 },
            new StudyReview { UserId = user.Id, ReviewId = "r2", WeekNumber = 2, DeckId = "deck", CardId = "c1", Rating = 3, ReviewedAt = Now, ElapsedDays = 0, ScheduledDays = 3, Interval = TimeSpan.FromDays(3), StateBefore = 1, StateAfter = 2, StabilityBefore = 2.3, StabilityAfter = 4.93, DifficultyBefore = 5.1, DifficultyAfter = 5.1 });
        await db.SaveChangesAsync();
        return user.Id;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class Site(TestDatabase database) : CourseAppFactory(database);
}
