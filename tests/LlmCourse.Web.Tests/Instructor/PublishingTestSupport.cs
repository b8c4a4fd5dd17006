using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>The app with a fake clock, and helpers to write course files the way the instructor area does.</summary>
public sealed class PublishingApp : IDisposable
{
    public const string Week9 = "weeks/09-extra/week.md";
    public const string Notes9 = "weeks/09-extra/01-zebra-notes.md";

    private readonly CourseAppFactory _base = new();

    public PublishingApp()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero));
        Factory = _base.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public string ContentDir => _base.ContentDir;

    public TestDatabase Database => _base.Database;

    /// <summary>Writes files as an instructor would (revision + audit), then returns once this instance serves them.</summary>
    public async Task WriteAsync(params (string Path, string? Text)[] files)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContentRepository>();
        await repository.ApplyAsync([.. files.Select(f => new ContentChange(f.Path, f.Text))], "test@example.com", "edit", "test", "");
    }

    /// <summary>A draft week 9 with one notes item containing a word found nowhere else.</summary>
    public Task AddDraftWeekAsync(string notesBody = "The zebracorn appears only in this hidden week.\n") =>
        WriteAsync(
            (Week9, "---\nnumber: 9\ntitle: Extra week\npublished: false\n---\nAn extra week.\n"),
            (Notes9, $"---\nkind: notes\ntitle: Zebra notes\n---\n{notesBody}"));

    public async Task<T> WithServiceAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public void Dispose()
    {
        Factory.Dispose();
        _base.Dispose();
    }
}
