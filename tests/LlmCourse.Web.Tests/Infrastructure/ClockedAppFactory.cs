using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>The app on a fake clock that starts at the real time (so published weeks are visible) and moves only when a test says.</summary>
public class ClockedAppFactory : CourseAppFactory
{
    public ClockedAppFactory()
        : this(null)
    {
    }

    /// <param name="sharedDatabase">A database the caller owns (of a provider a test chooses), or null for a fresh one.</param>
    protected ClockedAppFactory(TestDatabase? sharedDatabase)
        : base(sharedDatabase)
    {
    }

    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
