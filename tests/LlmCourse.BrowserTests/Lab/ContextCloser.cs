using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Lab;

/// <summary>Closes a test's browser context when the test ends, so Lab pages do not pile up in the shared browser.</summary>
internal sealed class ContextCloser(IBrowserContext context) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
