using System.Diagnostics;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// For changes an instance learns of by the database's notice rather than by its own request (issue 21: on PostgreSQL,
/// another instance's sign-out or a database tool's write): they must show within a second, so tests poll, bounded.
/// On SQLite every request reads, and the first try succeeds.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    /// <summary>Polls <paramref name="done"/> until true, failing once <paramref name="limit"/> (a second) has passed; returns how long it took.</summary>
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> done, string what, TimeSpan? limit = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            var elapsed = watch.Elapsed;
            Assert.True(elapsed < (limit ?? WithinASecond), $"{what}: still not after {elapsed.TotalMilliseconds:0} ms");
            await Task.Delay(20);
        }

        return watch.Elapsed;
    }
}
