namespace LlmCourse.BrowserTests.Infrastructure;

/// <summary>
/// A test on the shared site: when it ends, the pages it opened with <see cref="BrowserFixture.NewPageAsync"/>
/// are closed. Left open, they keep running (quiz clocks and the match game tick four times a second, a timed
/// attempt submits itself) and slow every later test on a small machine.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected abstract BrowserFixture Fixture { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Fixture.CloseOpenPagesAsync();
}
