using System.Security.Cryptography;
using System.Text;

namespace LlmCourse.Core.Content;

/// <summary>Short content hashes: the first 8 bytes of SHA-256, as 16 lower-case hex characters.</summary>
internal static class ContentHash
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));

    /// <summary>A hash that changes when any of the parts changes, whatever their order.</summary>
    public static string Combine(IEnumerable<string> parts) =>
        Of(string.Join('\n', parts.Order(StringComparer.Ordinal)));
}
