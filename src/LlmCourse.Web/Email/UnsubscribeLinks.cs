using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace LlmCourse.Web.Email;

/// <summary>
/// Signed unsubscribe tokens: the account and the list, protected by the shared data-protection key ring (so any
/// instance reads what another made, and a changed byte makes the token worthless). They do not expire: an old
/// mail's unsubscribe link must keep working.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, MailSetup setup)
{
    public const string PagePath = "/email/unsubscribe";
    public const string OneClickPath = "/email/unsubscribe/one-click";

    private readonly IDataProtector _protector = protection.CreateProtector("LlmCourse.Email.Unsubscribe.v1");

    public string Token(string userId, MailList list) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes($"{(int)list}:{userId}")));

    /// <summary>The page a person opens from the mail's footer (it asks before doing anything).</summary>
    public string PageUrl(string userId, MailList list) => setup.Link($"{PagePath}?token={Token(userId, list)}");

    /// <summary>The RFC 8058 address mail programs POST to (the <c>List-Unsubscribe</c> header).</summary>
    public string OneClickUrl(string userId, MailList list) => setup.Link($"{OneClickPath}?token={Token(userId, list)}");

    /// <summary>Reads a token; false for anything not made by <see cref="Token"/> (tampered, truncated, made up).</summary>
    public bool TryRead(string? token, out string userId, out MailList list)
    {
        userId = "";
        list = default;
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), out var number) || !Enum.IsDefined((MailList)number))
            {
                return false;
            }

            userId = text[(colon + 1)..];
            list = (MailList)number;
            return userId.Length > 0;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }
}
