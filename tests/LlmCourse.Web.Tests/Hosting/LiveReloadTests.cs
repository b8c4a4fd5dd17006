using LlmCourse.Web.Tests.Infrastructure;

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

    private static async Task<bool> PollAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 20; i++)
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
