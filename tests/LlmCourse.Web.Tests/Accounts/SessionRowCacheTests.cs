using LlmCourse.Web.Accounts;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>
/// The per-instance copies of session rows: trusted only while the listener has been live since before the copy was
/// read, only when as new as the browser's last write, and gone on each notice that names them.
/// </summary>
public sealed class SessionRowCacheTests
{
    private readonly Dictionary<string, SessionRow> _database = new()
    {
        ["s1"] = new SessionRow("u1", "stamp-1", 4),
        ["s2"] = new SessionRow("u1", "stamp-1", 4),
        ["s3"] = new SessionRow("u2", "stamp-2", 9),
    };

    private int _reads;

    private SessionRowCache NewCache(Func<Task>? duringRead = null) => new(async (id, _) =>
    {
        _reads++;
        var row = _database.GetValueOrDefault(id);
        if (duringRead is not null)
        {
            await duringRead();
        }

        return row;
    });

    [Fact]
    public async Task WithoutAListener_NothingIsTrusted_AndEveryRequestReads()
    {
        var cache = NewCache();
        Assert.Equal(new SessionRow("u1", "stamp-1", 4), await cache.ReadAsync("s1", default));
        Assert.Null(cache.TryGet("s1", 0));
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Hits);
    }

    [Fact]
    public async Task WhileLive_ARowReadOnce_IsServedFromTheCopy()
    {
        var cache = NewCache();
        cache.Connected();
        await cache.ReadAsync("s1", default);
        Assert.Equal(new SessionRow("u1", "stamp-1", 4), cache.TryGet("s1", 0));
        Assert.Equal(new SessionRow("u1", "stamp-1", 4), cache.TryGet("s1", 4));
        Assert.Equal(2, cache.Hits);
        Assert.Equal(1, _reads);
        Assert.Null(cache.TryGet("s2", 0));
    }

    [Fact]
    public async Task ACopyOlderThanTheBrowsersLastWrite_IsNotServed_UntilReadAgain()
    {
        var cache = NewCache();
        cache.Connected();
        await cache.ReadAsync("s1", default);

        // The browser wrote version 5 on another instance; this copy says 4.
        Assert.Null(cache.TryGet("s1", 5));
        _database["s1"] = new SessionRow("u1", "stamp-1", 5);
        await cache.ReadAsync("s1", default);
        Assert.Equal(5, cache.TryGet("s1", 5)!.LearnerVersion);
    }

    [Fact]
    public async Task ANoticeAboutASession_EvictsThatSessionOnly()
    {
        var cache = NewCache();
        cache.Connected();
        await cache.ReadAsync("s1", default);
        await cache.ReadAsync("s2", default);

        cache.SessionChanged("s1");
        Assert.Null(cache.TryGet("s1", 0));
        Assert.NotNull(cache.TryGet("s2", 0));
    }

    [Fact]
    public async Task ANoticeAboutAnAccount_EvictsEverySessionOfIt_AndNoOther()
    {
        var cache = NewCache();
        cache.Connected();
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            await cache.ReadAsync(id, default);
        }

        cache.AccountChanged("u1");
        Assert.Null(cache.TryGet("s1", 0));
        Assert.Null(cache.TryGet("s2", 0));
        Assert.NotNull(cache.TryGet("s3", 0));
    }

    [Fact]
    public async Task ALostListener_DropsEveryCopy_AndNothingReadMeanwhileIsKept()
    {
        var cache = NewCache();
        cache.Connected();
        var epoch = cache.Epoch;
        await cache.ReadAsync("s1", default);

        cache.Disconnected();
        Assert.False(cache.IsLive);
        Assert.True(cache.Epoch > epoch);
        Assert.Null(cache.TryGet("s1", 0));
        await cache.ReadAsync("s1", default);
        Assert.Null(cache.TryGet("s1", 0));

        // Back: only what is read from now on is trusted.
        cache.Connected();
        Assert.Null(cache.TryGet("s1", 0));
        await cache.ReadAsync("s1", default);
        Assert.NotNull(cache.TryGet("s1", 0));
    }

    [Fact]
    public async Task ANoticeArrivingDuringARead_KeepsThatReadFromBeingKept()
    {
        SessionRowCache? cache = null;
        cache = NewCache(() =>
        {
            // The row was read before the change committed; its notice arrives before the read returns.
            cache!.AccountChanged("u1");
            return Task.CompletedTask;
        });
        cache.Connected();

        Assert.NotNull(await cache.ReadAsync("s1", default));
        Assert.Null(cache.TryGet("s1", 0));
    }

    [Fact]
    public async Task AReadThatStraddlesAReconnect_IsNotTrusted()
    {
        SessionRowCache? cache = null;
        cache = NewCache(() =>
        {
            cache!.Disconnected();
            cache.Connected();
            return Task.CompletedTask;
        });
        cache.Connected();

        await cache.ReadAsync("s1", default);
        Assert.True(cache.IsLive);
        Assert.Null(cache.TryGet("s1", 0));
    }

    [Fact]
    public async Task AMissingSession_IsNeverKept()
    {
        var cache = NewCache();
        cache.Connected();
        Assert.Null(await cache.ReadAsync("gone", default));
        Assert.Equal(0, cache.Count);
    }
}
