using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>Account operations shared by registration, the operators' command line and the demo seed.</summary>
public sealed class UserAdmin(UserManager<AppUser> users, RoleManager<IdentityRole> roles, ApiTokenCache tokenCache, SignInSessions sessions, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Creates an account in a role; the result lists Identity's reasons when it fails.</summary>
    public async Task<(AppUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string password, string role, string? displayName = null)
    {
        if (!Roles.All.Contains(role))
        {
            return (null, [$"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}."]);
        }

        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Split('@')[0] : displayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, [.. created.Errors.Select(e => e.Description)]);
        }

        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user, []) : (null, [.. added.Errors.Select(e => e.Description)]);
    }

    public async Task<IReadOnlyList<(AppUser User, IList<string> Roles)>> ListAsync()
    {
        var list = new List<(AppUser, IList<string>)>();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            list.Add((user, await users.GetRolesAsync(user)));
        }

        return list;
    }

    /// <summary>Replaces the user's roles with exactly <paramref name="role"/>.</summary>
    public async Task<IReadOnlyList<string>> SetRoleAsync(string email, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return [$"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}."];
        }

        await EnsureRolesAsync();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return [$"No user with email '{email}'."];
        }

        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        tokenCache.ForgetUser(user.Id);

        // Sign-in cookies carry the roles: a new stamp ends every session at once, on every instance.
        var ended = await EndSessionsAsync(user);
        return added.Succeeded ? ended : [.. added.Errors.Select(e => e.Description)];
    }

    /// <summary>Sets a new password (an operator's reset, as for a learner locked out of their email) and ends every session of the account.</summary>
    public async Task<IReadOnlyList<string>> SetPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return [$"No user with email '{email}'."];
        }

        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded)
        {
            return [.. reset.Errors.Select(e => e.Description)];
        }

        // A reset also lifts a lockout: the operator has just vouched for the person.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return await EndSessionsAsync(user);
    }

    private async Task<IReadOnlyList<string>> EndSessionsAsync(AppUser user)
    {
        var stamped = await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, keep: null, CancellationToken.None);
        return stamped.Succeeded ? [] : [.. stamped.Errors.Select(e => e.Description)];
    }
}
