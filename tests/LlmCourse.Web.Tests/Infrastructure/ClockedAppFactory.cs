using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// The app on a fake clock that starts at the real time (so published weeks are visible) and moves only when a
/// test says, forwards only. The app's timers on the clock (quiz sweeper, view-count flush, thread-list refresh,
/// FSRS poll) fire only when a test moves it past their due time.
/// </summary>
public class ClockedAppFactory : CourseAppFactory
{
    public ClockedAppFactory()
        : this(null)
    {
    }

    /// <param name="sharedDatabase">A database the caller owns (of a provider a test chooses), or null for a fresh one.</param>
    /// <param name="clockStart">Where the clock starts, for tests that visit fixed dates; null for the real time.</param>
    protected ClockedAppFactory(TestDatabase? sharedDatabase, DateTimeOffset? clockStart = null)
        : base(sharedDatabase)
    {
        Clock = new FakeTimeProvider(clockStart ?? DateTimeOffset.UtcNow);
    }

    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // FakeTimeProvider fires a periodic timer once for every period the clock passes, so a test that moves days
        // ahead would replay thousands of view flushes, thread-list refreshes and quiz sweeps (131,040 for 91 days),
        // each a database round trip. No test on this factory needs them on their own (discussion writes refresh the
        // lists at once; the sweeper's tests call it directly); a subclass's Settings, applied later, may set them back.
        builder.UseSetting("Views:FlushInterval", "01:00:00");
        builder.UseSetting("Discussion:ListRefresh", "01:00:00");
        builder.UseSetting("Quizzes:SweepInterval", "01:00:00");
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
