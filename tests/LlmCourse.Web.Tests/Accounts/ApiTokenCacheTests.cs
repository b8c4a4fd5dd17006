using System.Security.Claims;
using LlmCourse.Web.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Web.Tests.Accounts;

public sealed class ApiTokenCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Entry_IsServedUntilItsLifetimeEnds()
    {
        var cache = new ApiTokenCache(_clock);
        cache.Set("hash-a", 1, "user-1", [new Claim(ClaimTypes.Role, "Learner")]);

        _clock.Advance(ApiTokenCache.Lifetime - TimeSpan.FromMilliseconds(1));
        Assert.True(cache.TryGet("hash-a", out var entry));
        Assert.Equal("user-1", entry.UserId);
        Assert.Equal("Learner", Assert.Single(entry.Claims).Value);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(cache.TryGet("hash-a", out _));
    }

    [Fact]
    public void ForgetUser_DropsOnlyThatUsersTokens()
    {
        var cache = new ApiTokenCache(_clock);
        cache.Set("hash-a", 1, "user-1", []);
        cache.Set("hash-b", 2, "user-1", []);
        cache.Set("hash-c", 3, "user-2", []);

        cache.ForgetUser("user-1");

        Assert.False(cache.TryGet("hash-a", out _));
        Assert.False(cache.TryGet("hash-b", out _));
        Assert.True(cache.TryGet("hash-c", out _));
    }

    [Fact]
    public void ManyDistinctTokens_DoNotGrowTheCacheWithoutBound()
    {
        var cache = new ApiTokenCache(_clock);
        for (var i = 0; i < 25_000; i++)
        {
            cache.Set($"hash-{i}", i, $"user-{i}", []);
        }

        Assert.True(cache.Count <= ApiTokenCache.MaxEntries);
        Assert.True(cache.TryGet("hash-24999", out _));
    }
}
