using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>Notes linked against the fixture glossary, checked against reviewed HTML in Content/Golden/Glossary.</summary>
public sealed class GlossaryGoldenTests
{
    private static readonly string _folder = Path.Combine(AppContext.BaseDirectory, "Content", "Golden", "Glossary");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParseNotes_GoldenCase_MatchesExpectedHtml(string name)
    {
        var markdown = File.ReadAllText(Path.Combine(_folder, name + ".md"));
        var expected = File.ReadAllText(Path.Combine(_folder, name + ".html")).ReplaceLineEndings("\n").Trim();

        var notes = GlossaryFixtures.Item<Notes>(markdown, name);

        Assert.Equal(expected, notes.Html.ReplaceLineEndings("\n"));
        CourseMarkdownTests.AssertSafe(notes.Html);
    }
}
