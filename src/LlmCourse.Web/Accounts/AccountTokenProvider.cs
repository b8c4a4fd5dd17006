using System.Security.Cryptography;
using System.Text;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// The tokens in account mail: password reset, address confirmation, change of address. Each names the account,
/// its purpose, the moment it was made and the account's security stamp, protected by the shared key ring.
/// A token is refused after <see cref="Lifetime"/> (read from the site's <see cref="TimeProvider"/>, which
/// Identity's own provider does not use) and as soon as the stamp changes: resetting the password and changing
/// the address both change it, so such a token works once.
/// </summary>
public sealed class AccountTokenProvider(IDataProtectionProvider protection, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string Name = "AccountMail";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("LlmCourse.Accounts.MailTokens.v1");

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user) ?? "";
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(user.Id);
            writer.Write(purpose);
            writer.Write(stamp);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4000)
        {
            return false;
        }

        long ticks;
        string userId, madeFor, stamp;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))), Encoding.UTF8);
            ticks = reader.ReadInt64();
            userId = reader.ReadString();
            madeFor = reader.ReadString();
            stamp = reader.ReadString();
            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            return false;
        }

        var made = new DateTimeOffset(ticks, TimeSpan.Zero);
        var now = clock.GetUtcNow();
        var current = await manager.GetSecurityStampAsync(user) ?? "";
        return made <= now.AddMinutes(1) && now <= made + Lifetime
            && string.Equals(userId, user.Id, StringComparison.Ordinal)
            && string.Equals(madeFor, purpose, StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(current));
    }

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);
}
