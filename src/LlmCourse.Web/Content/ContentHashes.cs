using System.Security.Cryptography;
using System.Text;

namespace LlmCourse.Web.Content;

/// <summary>The same short hash the loader uses for item revisions: SHA-256's first 8 bytes, hex.</summary>
public static class ContentHashes
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
