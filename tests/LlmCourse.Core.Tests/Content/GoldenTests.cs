using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>Whole-document renderings checked against reviewed HTML in Content/Golden (name.md → name.html).</summary>
public sealed class GoldenTests
{
    private static readonly string _folder = Path.Combine(AppContext.BaseDirectory, "Content", "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Golden_Folder_HasCases()
    {
        Assert.True(Cases().Count >= 2, $"Expected golden cases in {_folder}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RenderHtml_GoldenCase_MatchesExpectedHtml(string name)
    {
        var markdown = File.ReadAllText(Path.Combine(_folder, name + ".md"));
        var expected = File.ReadAllText(Path.Combine(_folder, name + ".html")).ReplaceLineEndings("\n").Trim();

        var html = CourseMarkdown.RenderHtml(markdown).ReplaceLineEndings("\n");

        Assert.Equal(expected, html);
        CourseMarkdownTests.AssertSafe(html);
    }
}
