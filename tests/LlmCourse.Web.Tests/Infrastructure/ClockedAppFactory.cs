using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>The app on a fake clock that starts at the real time (so published weeks are visible) and moves only when a test says.</summary>
public class ClockedAppFactory : CourseAppFactory
{
    public FakeClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
