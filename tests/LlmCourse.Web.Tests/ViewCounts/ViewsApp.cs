using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.ViewCounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.ViewCounts;

/// <summary>The app with view counting on a clock of the test's choosing (Microsoft's FakeTimeProvider moves timers too), optionally over a shared database.</summary>
public sealed class ViewsApp : CourseAppFactory
{
    public const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private readonly TimeProvider? _clock;
    private readonly string _flushInterval;

    public ViewsApp()
        : this(null, new FakeTimeProvider(DateTimeOffset.UtcNow), "00:00:05")
    {
    }

    internal ViewsApp(TestDatabase? shared, TimeProvider? clock, string flushInterval)
        : base(shared)
    {
        _clock = clock;
        _flushInterval = flushInterval;
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)_clock!;

    public ViewCountWriter Writer => Services.GetRequiredService<ViewCountWriter>();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Views:FlushInterval", _flushInterval)];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_clock is not null)
        {
            builder.ConfigureTestServices(s => s.AddSingleton(_clock));
        }
    }

    /// <summary>A client that looks like a browser (no cookies kept unless asked).</summary>
    public HttpClient BrowserClient()
    {
        var client = TestAccounts.NewClient(this);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return client;
    }

    public static async Task<(long Views, int Learners)> StoredAsync(TestDatabase database, int week, string item)
    {
        await using var db = database.OpenContext();
        var views = await db.Set<ItemViewCount>().Where(v => v.WeekNumber == week && v.ItemId == item).SumAsync(v => v.Views);
        var learners = await db.Set<ItemViewer>().CountAsync(v => v.WeekNumber == week && v.ItemId == item);
        return (views, learners);
    }

    public Task<(long Views, int Learners)> StoredAsync(int week, string item) => StoredAsync(Database, week, item);
}
