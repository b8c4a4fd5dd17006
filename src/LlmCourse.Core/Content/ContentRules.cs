using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>
/// The rules course files follow, owned here once: ids, the folder and file names of the course layout,
/// content hashes, YAML quoting for generated front matter and the names of question types. The loader
/// applies them; the site's editor, uploads and importers ask here, so what an author can create through
/// them is exactly what the loader accepts.
/// </summary>
public static partial class ContentRules
{
    /// <summary>The file holding the course's title, tagline and overview, at the content root.</summary>
    public const string CourseFile = "course.md";

    /// <summary>The course's glossary of terms, beside <c>course.md</c>.</summary>
    public const string GlossaryFile = "glossary.md";

    /// <summary>The file holding a week's number, title and introduction, in the week's folder.</summary>
    public const string WeekFileName = "week.md";

    /// <summary>The longest id: ids appear in URLs, file names and headings.</summary>
    public const int MaxIdLength = 100;

    /// <summary>The rule for ids, in words an author understands.</summary>
    public const string IdRuleText = "lower-case letters and digits, with single hyphens between them (like class-notes), at most 100 characters";

    /// <summary>
    /// Whether <paramref name="id"/> may name an item, a card or a question: lower-case ASCII letters and digits
    /// in groups joined by single hyphens (no leading, trailing or doubled hyphen), 1 to <see cref="MaxIdLength"/> characters.
    /// </summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    /// <summary>
    /// Whether <paramref name="name"/> may name a week's folder under <c>weeks/</c>: its number (1 to 4 digits), a
    /// hyphen, then a slug that follows the id rule, like <c>03-lora</c>.
    /// </summary>
    public static bool IsWeekFolderName([NotNullWhen(true)] string? name)
    {
        if (name is null)
        {
            return false;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash is >= 1 and <= 4 && name[..dash].All(char.IsAsciiDigit) && IsValidId(name[(dash + 1)..]);
    }

    /// <summary>The folder for week <paramref name="number"/> with the given slug, like <c>03-lora</c>.</summary>
    public static string WeekFolderName(int number, string slug) => string.Create(CultureInfo.InvariantCulture, $"{number:00}-{slug}");

    /// <summary>The path of a week folder's <c>week.md</c>.</summary>
    public static string WeekFilePath(string folder) => $"weeks/{folder}/{WeekFileName}";

    /// <summary>The week folder a course path lies in (<c>weeks/03-lora/01-notes.md</c> gives <c>03-lora</c>); null for a path outside <c>weeks/&lt;folder&gt;/</c>.</summary>
    public static string? WeekFolderOf(string path)
    {
        var match = WeekPath().Match(path ?? "");
        return match.Success ? match.Groups["folder"].Value : null;
    }

    /// <summary>Whether <paramref name="path"/> is a week's <c>week.md</c>.</summary>
    public static bool IsWeekFile(string path) =>
        WeekFolderOf(path) is { } folder && string.Equals(path, WeekFilePath(folder), StringComparison.Ordinal);

    /// <summary>
    /// Reads an item's file name, <c>NN-id.md</c>: its position in the week and the id it gives (used when the
    /// front matter sets none; whether that id is valid is <see cref="IsValidId"/>'s to say).
    /// </summary>
    public static bool TryParseItemFileName(string name, out long order, out string id)
    {
        var match = ItemFileName().Match(name ?? "");
        if (!match.Success)
        {
            (order, id) = (0, "");
            return false;
        }

        order = long.Parse(match.Groups["order"].Value, CultureInfo.InvariantCulture);
        id = match.Groups["id"].Value;
        return true;
    }

    /// <summary>A file name a week folder may hold: <c>week.md</c> or <c>NN-id.md</c>.</summary>
    public static bool IsWeekFolderFileName(string name) => name == WeekFileName || TryParseItemFileName(name, out _, out _);

    /// <summary>An item's file name: its position (two digits at least) and id, like <c>01-class-notes.md</c>.</summary>
    public static string ItemFileName(long order, string id) => string.Create(CultureInfo.InvariantCulture, $"{order:00}-{id}.md");

    /// <summary>The path of an item file in a week folder.</summary>
    public static string ItemPath(string folder, long order, string id) => $"weeks/{folder}/{ItemFileName(order, id)}";

    /// <summary>A content hash: the first 8 bytes of SHA-256 over the UTF-8 text, as 16 lower-case hex characters.</summary>
    public static string Hash(string text) => Hash(Encoding.UTF8.GetBytes(text ?? ""));

    /// <inheritdoc cref="Hash(string)"/>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));

    /// <summary>A hash that changes when any of the parts changes, whatever their order.</summary>
    public static string CombineHashes(IEnumerable<string> parts) => Hash(string.Join('\n', parts.Order(StringComparer.Ordinal)));

    /// <summary>
    /// <paramref name="text"/> as a YAML double-quoted scalar on one line, for front matter written by the site
    /// (a title typed in a form, a quiz imported from GIFT): line breaks become spaces, the ends are trimmed, and
    /// quotes, backslashes and control characters are escaped, so any text reads back as itself.
    /// </summary>
    public static string YamlString(string? text)
    {
        var value = (text ?? "").ReplaceLineEndings(" ").Trim();
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\':
                    quoted.Append(@"\\");
                    break;
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\t':
                    quoted.Append(@"\t");
                    break;

                // YAML allows only printable characters; the byte order mark is not one.
                case var c when char.IsControl(c) || c == '\uFEFF':
                    quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default:
                    quoted.Append(ch);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>The question types' names, as a question's heading gives them (<c>{#id type=short}</c>) and pages and the API show them.</summary>
    public static IReadOnlyList<string> QuestionTypeNames { get; } = [.. Enum.GetValues<QuestionType>().Select(QuestionTypeName)];

    /// <summary>The name of a question type: <c>single</c>, <c>multiple</c>, <c>truefalse</c>, <c>short</c>, <c>numeric</c>, <c>matching</c>, <c>ordering</c> or <c>essay</c>.</summary>
    public static string QuestionTypeName(QuestionType type) => type switch
    {
        QuestionType.SingleChoice => "single",
        QuestionType.MultipleAnswers => "multiple",
        QuestionType.TrueFalse => "truefalse",
        QuestionType.ShortText => "short",
        QuestionType.Numeric => "numeric",
        QuestionType.Matching => "matching",
        QuestionType.Ordering => "ordering",
        QuestionType.Essay => "essay",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a question type."),
    };

    /// <summary>The question type a name stands for (exact, lower-case); false for any other text.</summary>
    public static bool TryParseQuestionType(string? name, out QuestionType type)
    {
        foreach (var candidate in Enum.GetValues<QuestionType>())
        {
            if (string.Equals(QuestionTypeName(candidate), name, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    // \z, not $: $ also matches before a final newline, which would let "ok-id\n" through.
    [GeneratedRegex(@"\A[a-z0-9]+(?:-[a-z0-9]+)*\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\A(?<order>\d{1,9})-(?<id>.+)\.md\z")]
    private static partial Regex ItemFileName();

    [GeneratedRegex(@"\Aweeks/(?<folder>[^/]+)/[^/]+\.md\z")]
    private static partial Regex WeekPath();
}
