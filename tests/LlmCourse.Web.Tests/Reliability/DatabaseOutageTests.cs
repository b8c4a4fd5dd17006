using System.Net;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LlmCourse.Web.Tests.Reliability;

/// <summary>
/// The database goes away while the site runs (PostgreSQL refuses connections, or another process holds
/// the SQLite file locked): pages that need it answer 503 with Retry-After, course pages still render,
/// nothing is half-written, and service resumes by itself when the database is back.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task DuringAnOutage_DataPagesAre503_CoursePagesRender_AndServiceResumes()
    {
        using var factory = new OutageFactory();
        var learner = await TestAccounts.RegisterAsync(factory);
        await learner.GetAsync("/weeks/7/lecture/slides/2");
        var anonymous = factory.CreateClient();
        var before = await CountVisitsAsync(factory);

        await using (await OutageAsync(factory))
        {
            var dashboard = await learner.GetAsync("/dashboard");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, dashboard.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), dashboard.Headers.RetryAfter?.Delta);
            Assert.Contains("Temporarily unavailable", await dashboard.Content.ReadAsStringAsync());

            var api = await learner.GetAsync("/api/v1/me/progress");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/weeks/7/lecture/slides/5")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/weeks/2/class-notes")).StatusCode);

            var slide = await learner.GetAsync("/weeks/7/lecture/slides/6");
            Assert.Equal(HttpStatusCode.OK, slide.StatusCode);
            Assert.Contains("Your progress cannot be saved or shown right now.", await slide.Content.ReadAsStringAsync());
        }

        // Back: nothing from the outage was written, and the learner carries on without a restart.
        Assert.Equal(before, await CountVisitsAsync(factory));
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync("/dashboard")).StatusCode);
        await learner.GetAsync("/weeks/7/lecture/slides/7");
        Assert.Equal("/weeks/7/lecture/slides/7", (await learner.GetAsync("/weeks/7/lecture")).Headers.Location?.OriginalString);
    }

    private static async Task<string> CountVisitsAsync(CourseAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return string.Join(",", await db.ItemVisits.OrderBy(v => v.Id).Select(v => $"{v.LastSlide}:{v.SlidesSeen}").ToListAsync());
    }

    /// <summary>Makes the database unreachable until the returned handle is disposed.</summary>
    private static async Task<IAsyncDisposable> OutageAsync(CourseAppFactory factory)
    {
        if (factory.Database.IsPostgres)
        {
            var name = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString).Database!;
            await using var admin = new NpgsqlConnection(TestDatabase.PostgresAdmin);
            await admin.OpenAsync();
            await new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false", admin).ExecuteNonQueryAsync();
            await new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()", admin).ExecuteNonQueryAsync();
            return new Restore(async () =>
            {
                await using var again = new NpgsqlConnection(TestDatabase.PostgresAdmin);
                await again.OpenAsync();
                await new NpgsqlCommand($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true", again).ExecuteNonQueryAsync();
            });
        }

        // Another process takes the file: exclusive locking mode keeps even readers out, WAL or not. It can only
        // take it while no other connection has the file open, so the site first lets go of those it keeps open.
        factory.Services.GetRequiredService<SessionReader>().CloseIdle();
        var path = new SqliteConnectionStringBuilder(factory.Database.ConnectionString).DataSource;
        var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        await using (var take = holder.CreateCommand())
        {
            take.CommandText = "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE \"AspNetUsers\" SET \"AccessFailedCount\" = \"AccessFailedCount\";";
            await take.ExecuteNonQueryAsync();
        }

        return new Restore(async () =>
        {
            await using (var release = holder.CreateCommand())
            {
                release.CommandText = "ROLLBACK; PRAGMA locking_mode=NORMAL; SELECT count(*) FROM \"AspNetUsers\";";
                await release.ExecuteNonQueryAsync();
            }

            await holder.DisposeAsync();
        });
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    private sealed class OutageFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Database:BusyTimeoutMs", "200"), new("Database:CommandTimeoutSeconds", "1")];
    }
}
