using System.Collections.Concurrent;
using System.Security.Claims;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Remembers a recently used API token's account and claims for a few seconds, so a script making many calls
/// is not looked up in the database (token, user, roles) on each one. Revoking a token, changing roles or
/// deleting the account forgets the user's entries at once on this instance; other instances follow within
/// <see cref="Lifetime"/>.
/// </summary>
public sealed class ApiTokenCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    /// <summary>Bounded: a flood of distinct tokens (valid ones only get here) cannot grow memory without limit.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed record Entry(long TokenId, string UserId, IReadOnlyList<Claim> Claims, DateTimeOffset Expires);

    public int Count => _entries.Count;

    public bool TryGet(string tokenHash, out Entry entry)
    {
        if (_entries.TryGetValue(tokenHash, out entry!) && entry.Expires > clock.GetUtcNow())
        {
            return true;
        }

        _entries.TryRemove(tokenHash, out _);
        return false;
    }

    public Entry Set(string tokenHash, long tokenId, string userId, IReadOnlyList<Claim> claims)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var entry = new Entry(tokenId, userId, claims, clock.GetUtcNow() + Lifetime);
        _entries[tokenHash] = entry;
        return entry;
    }

    /// <summary>Forgets every cached token of <paramref name="userId"/>.</summary>
    public void ForgetUser(string userId)
    {
        foreach (var (hash, entry) in _entries)
        {
            if (entry.UserId == userId)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }
}
