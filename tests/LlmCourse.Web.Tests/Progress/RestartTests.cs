using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Progress;

public sealed class RestartTests
{
    [Fact]
    public async Task ResumeSlide_SurvivesARestartOfTheApp()
    {
        var email = $"restart-{Guid.NewGuid():N}@example.com";
        using var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "llmcourse-restart", Guid.NewGuid().ToString("N")));
        using (var first = new SharedDatabaseFactory(database))
        {
            var client = await TestAccounts.RegisterAsync(first, email);
            await client.GetAsync("/weeks/7/lecture/slides/9");
        }

        using var second = new SharedDatabaseFactory(database);
        var again = await TestAccounts.SignInAsync(second, email, TestAccounts.Password);
        var open = await again.GetAsync("/weeks/7/lecture");
        Assert.Equal("/weeks/7/lecture/slides/9", open.Headers.Location?.OriginalString);
    }

    private sealed class SharedDatabaseFactory(TestDatabase database) : CourseAppFactory(database);
}
