namespace LlmCourse.BrowserTests.Infrastructure;

/// <summary>
/// The site's clock in browser tests: real time plus an offset a test may move (say, past a release
/// instant). The offset is zero unless a test changes it, and such a test must put it back.
/// </summary>
/// <remarks>
/// Not Microsoft's FakeTimeProvider, which the integration tests use, for three reasons. The site serves a real
/// Chromium that lives in real time (a quiz's countdown runs in the page on the browser's clock while the site
/// judges the deadline on its own), so the site's clock must flow as the wall clock does, not stand still. The
/// site's timers on this clock (view-count flush, thread-list refresh, quiz sweeper) must fire on their own while a
/// browser waits; FakeTimeProvider's fire only when a test advances it. And the one test that jumps ahead must come
/// back, because the site is shared by the tests that follow; FakeTimeProvider never moves back. Auto-advance or a
/// pump that keeps it level with real time would cover the first two, not the third.
/// </remarks>
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
