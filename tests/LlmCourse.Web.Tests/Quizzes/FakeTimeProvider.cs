namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// A clock tests move by hand (Microsoft's testing package is not available here). Only the current time
/// is faked; timers still run on real time, which the app uses only for its background sweep.
/// </summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
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
