using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>Creates and revokes a learner's personal API tokens.</summary>
public sealed class ApiTokenService(AppDbContext db, ApiTokenCache cache, ApiTokenUsage usage, TimeProvider clock)
{
    public const int MaxActiveTokens = 10;

    /// <summary>The learner's tokens, newest first, with "last used" times that include this instance's calls not yet written.</summary>
    public async Task<List<ApiToken>> ListAsync(string userId)
    {
        await usage.FlushAsync();
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync();
    }

    /// <summary>Returns the new token in clear text (shown once), or an error.</summary>
    public async Task<(string? Token, string? Error)> CreateAsync(string userId, string name)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            return (null, "Give the token a name of 1 to 100 characters.");
        }

        if (await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null) >= MaxActiveTokens)
        {
            return (null, $"You already have {MaxActiveTokens} active tokens; revoke one first.");
        }

        var token = ApiTokens.NewToken();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = name,
            TokenHash = ApiTokens.Hash(token),
            Prefix = token[..10],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return (token, null);
    }

    /// <summary>Revokes one of the user's own tokens; false when there is no such token of theirs.</summary>
    public async Task<bool> RevokeAsync(string userId, long tokenId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
        cache.ForgetUser(userId);
        return changed > 0 || await db.ApiTokens.AnyAsync(t => t.Id == tokenId && t.UserId == userId);
    }
}
