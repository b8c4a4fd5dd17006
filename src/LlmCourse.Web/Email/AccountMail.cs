using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Email;

/// <summary>
/// The account flows that send mail: forgotten password, address confirmation, change of address. Each writes its
/// mail to the outbox in the same transaction as the change it belongs to. Requests that name an address answer
/// the same whether or not an account has it; the caller shows one message for every case.
/// </summary>
public sealed class AccountMail(
    AppDbContext db,
    UserManager<AppUser> users,
    Outbox outbox,
    MailComposer composer,
    MailSetup setup,
    SignInSessions sessions,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<AccountMail> logger)
{
    /// <summary>Queues a reset link if an account has <paramref name="email"/> and the address is under its hourly limit; otherwise does nothing.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken)
    {
        if (!setup.CanSend)
        {
            return;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user?.Email is null || await OverAddressLimitAsync(user.Email, MailKinds.PasswordReset, cancellationToken))
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = setup.Link($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var content = await composer.PasswordResetAsync(user.DisplayName, link);
        outbox.Add(MailKinds.PasswordReset, user.Id, user.Email, user.DisplayName, content);
        await outbox.SaveAsync(cancellationToken);
        logger.LogInformation("Password reset mail queued for account {UserId}", user.Id);
    }

    /// <summary>
    /// Sets a new password with a token from a reset mail. Success ends every session of the account (the stamp
    /// changes, which also spends the token) and lifts a lockout: the person has just shown they hold the address.
    /// </summary>
    public async Task<IdentityResult> ResetPasswordAsync(AppUser user, string token, string password, CancellationToken cancellationToken)
    {
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return result;
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        if (!user.EmailConfirmed)
        {
            // The link came to the address, so the address is theirs.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
        return result;
    }

    /// <summary>Adds a confirmation mail for the account's address to the context (the caller saves, with the change that needs it).</summary>
    public async Task AddConfirmationAsync(AppUser user)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = setup.Link($"/account/confirm-email?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
        var content = await composer.ConfirmAddressAsync(user.DisplayName, user.Email!, null, link);
        outbox.Add(MailKinds.ConfirmEmail, user.Id, user.Email!, user.DisplayName, content);
    }

    /// <summary>Sends the confirmation again, unless the address is confirmed or over its hourly limit.</summary>
    public async Task ResendConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (!setup.CanSend || user.EmailConfirmed || !MailText.IsSingleAddress(user.Email) || await OverAddressLimitAsync(user.Email!, MailKinds.ConfirmEmail, cancellationToken))
        {
            return;
        }

        await AddConfirmationAsync(user);
        await outbox.SaveAsync(cancellationToken);
    }

    /// <summary>Sends a link to <paramref name="newEmail"/>; the change happens only when it is followed.</summary>
    public async Task RequestEmailChangeAsync(AppUser user, string newEmail, CancellationToken cancellationToken)
    {
        if (!setup.CanSend || await OverAddressLimitAsync(newEmail, MailKinds.ChangeEmail, cancellationToken))
        {
            return;
        }

        var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
        var link = setup.Link($"/account/confirm-email-change?user={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}");
        var content = await composer.ConfirmAddressAsync(user.DisplayName, user.Email ?? "", newEmail, link);
        outbox.Add(MailKinds.ChangeEmail, user.Id, newEmail, user.DisplayName, content);
        await outbox.SaveAsync(cancellationToken);
    }

    /// <summary>
    /// Changes the address (and the user name, which is the address here) if the token is right, and tells the old
    /// address, in one transaction. The stamp changes, so every session ends and the token is spent.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConfirmEmailChangeAsync(AppUser user, string newEmail, string token, CancellationToken cancellationToken)
    {
        var oldEmail = user.Email;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await users.ChangeEmailAsync(user, newEmail, token);
        if (!changed.Succeeded)
        {
            return [.. changed.Errors.Select(e => e.Code == "InvalidToken" ? "This link has expired or was already used." : e.Description)];
        }

        var renamed = await users.SetUserNameAsync(user, newEmail);
        if (!renamed.Succeeded)
        {
            return [.. renamed.Errors.Select(e => e.Description)];
        }

        if (oldEmail is not null && MailText.IsSingleAddress(oldEmail) && !string.Equals(oldEmail, newEmail, StringComparison.OrdinalIgnoreCase))
        {
            outbox.Add(MailKinds.EmailChanged, user.Id, oldEmail, user.DisplayName, await composer.EmailChangedAsync(user.DisplayName, oldEmail, newEmail));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        await sessions.EndAllAsync(user.Id, keep: null, cancellationToken);
        return [];
    }

    /// <summary>
    /// The per-address limit (<c>Email:PerAddressPerHour</c>), counted in the outbox itself, so it holds across
    /// instances: a flood of requests for one address sends it a few mails, not hundreds.
    /// </summary>
    private async Task<bool> OverAddressLimitAsync(string address, string kind, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-1);
        var recent = await db.OutboxMessages.CountAsync(m => m.ToAddress == address && m.Kind == kind && m.CreatedAt > since, cancellationToken);
        if (recent >= options.Value.PerAddressPerHour)
        {
            logger.LogWarning("No {Kind} mail queued: the address had {Count} in the last hour", kind, recent);
            return true;
        }

        return false;
    }
}
