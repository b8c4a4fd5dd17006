using System.Security.Cryptography;
using System.Text;

namespace LlmCourse.Web.Publishing;

/// <summary>The same short hash the loader uses for item revisions: SHA-256's first 8 bytes, hex.</summary>
public static class ContentHashes
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>The hash of an image's bytes: the one in its <c>/assets/{hash}/{name}</c> URL.</summary>
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
}
