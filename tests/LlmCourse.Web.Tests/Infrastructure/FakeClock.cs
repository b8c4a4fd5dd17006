namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// A TimeProvider whose "now" only moves when a test says so (Microsoft's testing package is not available
/// here). Timers still run on real time, which the app uses only for background sweeps and polls.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }

    public void Set(DateTimeOffset to)
    {
        lock (_gate)
        {
            _now = to;
        }
    }
}
