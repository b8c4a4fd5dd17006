using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>Small helpers to parse inline fixtures the way the loader does.</summary>
internal static class Fixtures
{
    public const string ItemPath = "weeks/07-fine-tuning/02-item.md";

    public static ParsedItem Parse(string text, string path = ItemPath) =>
        ItemParser.Parse(new ContentFile(path, text.ReplaceLineEndings("\n")), "item");

    /// <summary>Parses an item that must be free of errors.</summary>
    public static T Item<T>(string text)
        where T : CourseItem
    {
        var parsed = Parse(text);
        Assert.True(parsed.Errors.Count == 0, "Unexpected errors:\n" + string.Join('\n', parsed.Errors));
        return Assert.IsType<T>(parsed.Item);
    }

    /// <summary>Parses an item that must be rejected, and returns its errors.</summary>
    public static IReadOnlyList<ContentError> Errors(string text, string path = ItemPath)
    {
        var parsed = Parse(text, path);
        Assert.Null(parsed.Item);
        Assert.NotEmpty(parsed.Errors);
        return parsed.Errors;
    }

    /// <summary>Asserts an error with this file and line whose message contains <paramref name="fragment"/>.</summary>
    public static void HasError(IReadOnlyList<ContentError> errors, string file, int line, string fragment)
    {
        Assert.True(
            errors.Any(e => e.File == file && e.Line == line && e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase)),
            $"Expected {file}:{line} containing '{fragment}', got:\n{string.Join('\n', errors)}");
    }
}
