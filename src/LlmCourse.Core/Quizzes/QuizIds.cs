using System.Security.Cryptography;
using System.Text;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// Ids for the parts of a question that the model keeps as plain text (matching left and right sides,
/// ordering items). Like choice ids they come from the text, so reordering keeps stored responses valid.
/// </summary>
public static class QuizIds
{
    /// <summary>First 12 lower-case hex digits of SHA-256 over the trimmed text in UTF-8.</summary>
    public static string ForText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
