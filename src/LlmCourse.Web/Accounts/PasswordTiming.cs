using System.Security.Cryptography;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Identity answers a sign-in for an unknown or locked account without hashing the password, which is most of
/// the time a wrong password takes; the difference would tell an attacker which emails have accounts. This
/// hashes the attempt against a password nobody has (same hasher settings as real accounts), so every refusal
/// costs about the same.
/// </summary>
public sealed class PasswordTiming(IOptions<PasswordHasherOptions> options)
{
    private static readonly AppUser Nobody = new() { Id = "nobody", UserName = "nobody" };

    private readonly PasswordHasher<AppUser> _hasher = new(options);
    private string? _hash;

    public void VerifyAgainstNothing(string password)
    {
        _hash ??= _hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        _hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
