using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Hosting;

public sealed class LiveReloadTests : IDisposable
{
    private readonly CourseAppFactory _factory = new();

    [Fact]
    public async Task EditedContentFile_IsServedWithinTwoSeconds_WithoutRestart()
    {
        var client = _factory.CreateClient();
        Assert.Contains("Fine-tuning LLMs with instruction", await client.GetStringAsync("/weeks/2/class-notes"));

        var file = Directory.GetFiles(Path.Combine(_factory.ContentDir, "weeks"), "*class-notes.md", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("title: Fine-tuning LLMs with instruction", "title: Instruction tuning, revised", StringComparison.Ordinal));

        var seen = await PollAsync(async () => (await client.GetStringAsync("/weeks/2/class-notes")).Contains("Instruction tuning, revised", StringComparison.Ordinal));
        Assert.True(seen, "the edited title did not appear within 2 seconds");
    }

    [Fact]
    public async Task BrokenEdit_KeepsLastGoodVersion()
    {
        var client = _factory.CreateClient();
        var file = Directory.GetFiles(Path.Combine(_factory.ContentDir, "weeks"), "*flashcards.md", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, "---\nkind: deck\ntitle: [unclosed\n---\n## Q {#q}\nA\n");

        // Give the watcher time to pick the change up, then check the old deck is still served.
        await Task.Delay(800);
        var html = await client.GetStringAsync("/weeks/7/flashcards");
        Assert.Contains("LLM fine-tuning and sampling parameters", html);
    }

    [Fact]
    public async Task DatabaseErrorDuringImport_KeepsTheSiteAndTheWatcher_AndTheSameChangeIsRetried()
    {
        var client = _factory.CreateClient();
        Assert.Contains("Fine-tuning LLMs with instruction", await client.GetStringAsync("/weeks/2/class-notes"));

        // A database that refuses every content write, as during a failover: a trigger aborts the insert.
        await SqlAsync(_factory.Database.IsPostgres
            ? """
              CREATE FUNCTION watcher_outage() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated outage'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER watcher_outage BEFORE INSERT ON "ContentRevisions" FOR EACH ROW EXECUTE FUNCTION watcher_outage();
              """
            : "CREATE TRIGGER watcher_outage BEFORE INSERT ON ContentRevisions BEGIN SELECT RAISE(ABORT, 'simulated outage'); END;");
        var file = Directory.GetFiles(Path.Combine(_factory.ContentDir, "weeks"), "*class-notes.md", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("title: Fine-tuning LLMs with instruction", "title: Written during the outage", StringComparison.Ordinal));

        // The import fails (the watcher's debounce is short); the site keeps serving the last stored course.
        await Task.Delay(1500);
        Assert.Contains("Fine-tuning LLMs with instruction", await client.GetStringAsync("/weeks/2/class-notes"));

        // The database recovers; no one touches the file again, yet the watcher's retry stores the edit.
        await SqlAsync(_factory.Database.IsPostgres
            ? "DROP TRIGGER watcher_outage ON \"ContentRevisions\"; DROP FUNCTION watcher_outage();"
            : "DROP TRIGGER watcher_outage;");
        var seen = await PollAsync(async () => (await client.GetStringAsync("/weeks/2/class-notes")).Contains("Written during the outage", StringComparison.Ordinal), tries: 150);
        Assert.True(seen, "the edit made during the outage was not imported by a retry within 15 seconds");
    }

    private async Task SqlAsync(string sql)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, int tries = 20)
    {
        for (var i = 0; i < tries; i++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public void Dispose() => _factory.Dispose();
}
