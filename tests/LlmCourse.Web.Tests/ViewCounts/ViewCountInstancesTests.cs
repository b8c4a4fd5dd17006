using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.ViewCounts;

namespace LlmCourse.Web.Tests.ViewCounts;

/// <summary>
/// Two app hosts over one database (the suite's provider: SQLite, or PostgreSQL with LLMCOURSE_TEST_PROVIDER=Postgres),
/// counting views at the same time with short flush intervals so their batches collide: the total is exact.
/// Stopping a host writes what it still holds.
/// </summary>
public sealed class ViewCountInstancesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmcourse-views-").FullName;
    private readonly TestDatabase _database;

    public ViewCountInstancesTests() => _database = TestDatabase.Create(_dir);

    [Fact]
    public async Task TwoHosts_CountingConcurrently_EndWithTheExactTotal()
    {
        const int PerHost = 300;
        var a = new ViewsApp(_database, TimeProvider.System, "00:00:00.020");
        var b = new ViewsApp(_database, TimeProvider.System, "00:00:00.020");
        try
        {
            var learnersA = await LearnersAsync(a, 3);
            var learnersB = await LearnersAsync(b, 3);

            // Anonymous and signed-in views on both hosts at once, several requests in flight per host.
            var work = new List<Task>();
            foreach (var (host, signedIn) in new[] { (a, learnersA), (b, learnersB) })
            {
                var clients = signedIn.Append(host.BrowserClient()).Append(host.BrowserClient()).ToList();
                for (var lane = 0; lane < clients.Count; lane++)
                {
                    var client = clients[lane];
                    var count = PerHost / clients.Count + (lane < PerHost % clients.Count ? 1 : 0);
                    work.Add(Task.Run(async () =>
                    {
                        for (var i = 0; i < count; i++)
                        {
                            using var response = await client.GetAsync("/weeks/2/class-notes");
                            response.EnsureSuccessStatusCode();
                        }
                    }));
                }
            }

            await Task.WhenAll(work);
        }
        finally
        {
            // Stopping flushes each host's queue, as a deploy would.
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        var (views, learners) = await ViewsApp.StoredAsync(_database, 2, "class-notes");
        Assert.Equal(2 * PerHost, views);
        Assert.Equal(6, learners);
    }

    [Fact]
    public async Task StoppingTheHost_WritesTheQueuedViews()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = new ViewsApp(_database, clock, "01:00:00");
        var client = app.BrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await client.GetAsync("/weeks/7/quiz");
        }

        Assert.Equal(0, (await ViewsApp.StoredAsync(_database, 7, "quiz")).Views);
        await app.DisposeAsync();
        Assert.Equal(5, (await ViewsApp.StoredAsync(_database, 7, "quiz")).Views);
    }

    private static async Task<List<HttpClient>> LearnersAsync(ViewsApp app, int count)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            var client = await TestAccounts.RegisterAsync(app);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(ViewsApp.Browser);
            clients.Add(client);
        }

        return clients;
    }

    public void Dispose()
    {
        _database.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
