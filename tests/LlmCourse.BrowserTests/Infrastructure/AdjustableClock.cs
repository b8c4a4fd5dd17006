namespace LlmCourse.BrowserTests.Infrastructure;

/// <summary>
/// The site's clock in browser tests: real time plus an offset a test may move (say, past a release
/// instant). The offset is zero unless a test changes it, and such a test must put it back.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
