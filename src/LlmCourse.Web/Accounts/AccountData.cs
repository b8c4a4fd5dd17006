using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>Everything the site stores about one learner: exported on request, deleted with the account.</summary>
public sealed class AccountData(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<AccountExport> ExportAsync(AppUser user, CancellationToken ct = default)
    {
        var visits = await db.ItemVisits.AsNoTracking().Where(v => v.UserId == user.Id).OrderBy(v => v.Day).ThenBy(v => v.WeekNumber).ToListAsync(ct);
        var completions = await db.ItemCompletions.AsNoTracking().Where(c => c.UserId == user.Id).OrderBy(c => c.CompletedAt).ToListAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        return new AccountExport(
            clock.GetUtcNow().UtcDateTime,
            new(user.Email ?? "", user.DisplayName, user.CreatedAt, [.. await users.GetRolesAsync(user)]),
            [.. visits.Select(v => new VisitExport(v.Day, v.WeekNumber, v.ItemId, v.LastSlide, SlideList(v.SlidesSeen), v.FirstAt, v.LastAt))],
            [.. completions.Select(c => new CompletionExport(c.WeekNumber, c.ItemId, c.CompletedAt, c.Source))],
            [.. tokens.Select(t => new TokenExport(t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))]);
    }

    /// <summary>Deletes the account; every record of the learner goes with it (foreign keys cascade).</summary>
    public async Task<IdentityResult> DeleteAsync(AppUser user) => await users.DeleteAsync(user);

    private static int[] SlideList(long mask) =>
        [.. Enumerable.Range(1, 63).Where(n => (mask & (1L << (n - 1))) != 0)];
}

public sealed record AccountExport(
    DateTime ExportedAt,
    ProfileExport Profile,
    IReadOnlyList<VisitExport> Visits,
    IReadOnlyList<CompletionExport> Completions,
    IReadOnlyList<TokenExport> ApiTokens);

public sealed record ProfileExport(string Email, string DisplayName, DateTime CreatedAt, IReadOnlyList<string> Roles);

public sealed record VisitExport(DateOnly Day, int Week, string Item, int LastSlide, int[] SlidesSeen, DateTime FirstAt, DateTime LastAt);

public sealed record CompletionExport(int Week, string Item, DateTime CompletedAt, string Source);

public sealed record TokenExport(string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);
