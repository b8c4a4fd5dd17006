using System.Text.Json;
using LlmCourse.Web.Lab;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Lab;

public sealed class LabModelRebuildTests : IDisposable
{
    private readonly CourseAppFactory _factory = new();

    [Fact]
    public async Task ContentEdit_NewRevision_RetrainsOnce_AndTheModelLearnsTheNewText()
    {
        var client = _factory.CreateClient();
        var provider = _factory.Services.GetRequiredService<LabModelProvider>();
        var before = JsonDocument.Parse(await client.GetStringAsync("/api/v1/lab/sampling?prompt=zebra+quokka&temperature=0")).RootElement;
        var builds = provider.BuildCount;
        var revision = before.GetProperty("model").GetProperty("revision").GetString();

        var file = Directory.GetFiles(Path.Combine(_factory.ContentDir, "weeks"), "*class-notes.md", SearchOption.AllDirectories).Single();
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text + "\n\nZebra quokka wombat. Zebra quokka wombat. Zebra quokka wombat.\n");

        JsonElement after = default;
        for (var i = 0; i < 30; i++)
        {
            after = JsonDocument.Parse(await client.GetStringAsync("/api/v1/lab/sampling?prompt=zebra+quokka&temperature=0")).RootElement;
            if (after.GetProperty("model").GetProperty("revision").GetString() != revision)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.NotEqual(revision, after.GetProperty("model").GetProperty("revision").GetString());
        Assert.Equal("wombat", after.GetProperty("argmax").GetString());
        Assert.Equal(builds + 1, provider.BuildCount);

        await client.GetStringAsync("/api/v1/lab/sampling?prompt=zebra");
        Assert.Equal(builds + 1, provider.BuildCount);
    }

    public void Dispose() => _factory.Dispose();
}
