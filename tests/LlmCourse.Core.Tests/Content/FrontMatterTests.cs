using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class FrontMatterTests
{
    private const string File = Fixtures.ItemPath;

    [Fact]
    public void Parse_InvalidYaml_ReportsFileLineOfTheYamlError()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: notes
            title: What: now
            ---
            Body
            """);

        Fixtures.HasError(errors, File, 3, "not valid YAML");
    }

    [Fact]
    public void Parse_InvalidYamlFurtherDown_OffsetsLineByFrontMatterStart()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: notes
            title: Fine
            summary: "unterminated
            tags: [a]
            ---
            Body
            """);

        Assert.All(errors, e => Assert.InRange(e.Line, 4, 6));
        Assert.Contains(errors, e => e.Message.Contains("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownKey_ReportsKeyAndItsLine()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: notes
            title: T
            colour: red
            ---
            Body
            """);

        Fixtures.HasError(errors, File, 4, "'colour'");
    }

    [Fact]
    public void Parse_QuizSettingOnNotes_IsUnknownKey()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: notes
            title: T
            attempts: 3
            ---
            Body
            """);

        Fixtures.HasError(errors, File, 4, "Unknown front matter key 'attempts'");
    }

    [Theory]
    [InlineData("kind: notes", "'title'")]
    [InlineData("title: Hello", "'kind'")]
    public void Parse_MissingRequiredKey_ReportsItOnLine1(string onlyLine, string fragment)
    {
        var errors = Fixtures.Errors($"---\n{onlyLine}\n---\nBody\n");

        Fixtures.HasError(errors, File, 1, fragment);
    }

    [Fact]
    public void Parse_UnknownKind_NamesAllowedKinds()
    {
        var errors = Fixtures.Errors("""
            ---
            title: T
            kind: slides
            ---
            """);

        Fixtures.HasError(errors, File, 3, "lecture, notes, deck, quiz");
    }

    [Fact]
    public void Parse_NoFrontMatter_ReportsLine1()
    {
        var errors = Fixtures.Errors("# Just a heading\n\nText.\n");

        Fixtures.HasError(errors, File, 1, "front matter");
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: notes
            title: A
            title: B
            ---
            Body
            """);

        Assert.Contains(errors, e => e.File == File && e.Line is >= 2 and <= 4);
    }

    [Theory]
    [InlineData("id: Bad_Id", 4)]
    [InlineData("id: -leading", 4)]
    public void Parse_InvalidId_ReportsLine(string idLine, int line)
    {
        var errors = Fixtures.Errors($"---\nkind: notes\ntitle: T\n{idLine}\n---\nBody\n");

        Fixtures.HasError(errors, File, line, "lower-case letters");
    }

    [Fact]
    public void Parse_CommonKeys_FillItem()
    {
        var notes = Fixtures.Item<Notes>("""
            ---
            kind: notes
            title: Sampling
            id: sampling-notes
            summary: Temperature, top-k and top-p.
            tags: [sampling, decoding]
            ---
            Body
            """);

        Assert.Equal("sampling-notes", notes.Id);
        Assert.Equal("Sampling", notes.Title);
        Assert.Equal(ItemKind.Notes, notes.Kind);
        Assert.Equal("Temperature, top-k and top-p.", notes.Summary);
        Assert.Equal(["sampling", "decoding"], notes.Tags);
        Assert.Equal(Fixtures.ItemPath, notes.SourceFile);
        Assert.StartsWith("---\nkind: notes", notes.Markdown, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", notes.Revision);
    }

    [Fact]
    public void Parse_NoIdInFrontMatter_UsesFileId()
    {
        var notes = Fixtures.Item<Notes>("---\nkind: notes\ntitle: T\n---\nBody\n");

        Assert.Equal("item", notes.Id);
    }
}
