using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class GlossaryParserTests
{
    private const string File = "glossary.md";

    [Fact]
    public void Parse_Fixture_ReadsTermsAliasesAndDefinitions()
    {
        var glossary = GlossaryFixtures.Glossary;

        Assert.Equal("Glossary", glossary.Title);
        Assert.Equal("Key terms.", glossary.Summary);
        Assert.Equal("<p>Terms of the course.</p>", glossary.IntroHtml);
        var temperature = glossary.Find("temperature")!;
        Assert.Equal("Temperature", temperature.Term);
        Assert.Equal(["sampling temperature"], temperature.Aliases);
        Assert.Equal("<p>A sampling parameter that scales how random the next token is. Low is focused.</p>", temperature.DefinitionHtml);
        Assert.Equal("A sampling parameter that scales how random the next token is.", temperature.Summary);
        Assert.Equal(7, temperature.Line);
        Assert.Equal(["max tokens", "max_tokens"], glossary.Find("max-tokens")!.Aliases);
        Assert.Matches("^[0-9a-f]{16}$", glossary.Revision);
    }

    [Fact]
    public void Parse_Terms_AreInAlphabeticalOrderIgnoringCase()
    {
        Assert.Equal(
            ["Fine-tuning", "GLUE", "In-context learning", "Instruction fine-tuning", "LoRA", "Maximum tokens", "N-gram", "Temperature", "Top-p"],
            GlossaryFixtures.Glossary.Terms.Select(t => t.Term));
        Assert.Equal("N", GlossaryFixtures.Glossary.Find("n-gram")!.Letter);
    }

    [Fact]
    public void Parse_AlsoLineFollowedByDefinitionInOneParagraph_SplitsThem()
    {
        var glossary = GlossaryFixtures.Parse("---\ntitle: G\n---\n## BLEU {#bleu}\nAlso: bilingual evaluation understudy\nA translation metric.\n");

        var bleu = Assert.Single(glossary.Terms);
        Assert.Equal(["bilingual evaluation understudy"], bleu.Aliases);
        Assert.Equal("<p>A translation metric.</p>", bleu.DefinitionHtml);
    }

    [Fact]
    public void Parse_NoFrontMatterTitle_DefaultsToGlossary()
    {
        var glossary = GlossaryFixtures.Parse("---\nsummary: s\n---\n## A term {#a-term}\n\nDefined.\n");

        Assert.Equal("Glossary", glossary.Title);
    }

    [Theory]
    [InlineData("---\ntitle: G\n---\n## Temperature\n\nDefined.\n", 4, "needs an id")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#Temp}\n\nDefined.\n", 4, "lower-case letters")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#t}\n\nDefined.\n\n## Top-p {#t}\n\nDefined.\n", 8, "'t' is already used on line 4")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n\nAlso: heat\n\nDefined.\n\n## Heat {#heat}\n\nDefined.\n", 10, "'Heat' already names the term on line 4")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n\nAlso: temp, Temp\n\nDefined.\n", 4, "listed twice")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n\nAlso: temp, , heat\n\nDefined.\n", 6, "one of them is empty")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n\nAlso: -temp\n\nDefined.\n", 4, "start and end with a letter or digit")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n", 4, "no definition")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature}\n\nAlso: heat\n", 4, "no definition")]
    [InlineData("---\ntitle: G\n---\n## {#temperature}\n\nDefined.\n", 4, "must name the term")]
    [InlineData("---\ntitle: G\n---\n## Main {#main}\n\nDefined.\n", 4, "used by the glossary page")]
    [InlineData("---\ntitle: G\n---\n## Letters {#glossary-a}\n\nDefined.\n", 4, "used by the glossary page")]
    [InlineData("---\ntitle: G\n---\n## Temperature {#temperature points=2}\n\nDefined.\n", 4, "takes only its id")]
    [InlineData("---\ntitle: G\nkind: notes\n---\n## Temperature {#temperature}\n\nDefined.\n", 3, "Unknown front matter key 'kind'")]
    [InlineData("---\ntitle: G\n---\nJust an introduction.\n", 1, "at least one term")]
    [InlineData("No front matter.\n", 1, "front matter")]
    public void Parse_Problem_IsReportedWithItsLine(string text, int line, string fragment)
    {
        var errors = GlossaryFixtures.Errors(text);

        Fixtures.HasError(errors, File, line, fragment);
    }

    /// <summary>Every term issue 19 names (the seeds' terms) is defined in the course's own glossary.md.</summary>
    [Theory]
    [InlineData("temperature")]
    [InlineData("top-p")]
    [InlineData("top-k")]
    [InlineData("maximum tokens")]
    [InlineData("max tokens")]
    [InlineData("in-context learning")]
    [InlineData("zero-shot")]
    [InlineData("one-shot")]
    [InlineData("few-shot")]
    [InlineData("pre-training")]
    [InlineData("instruction fine-tuning")]
    [InlineData("full fine-tuning")]
    [InlineData("PEFT")]
    [InlineData("LoRA")]
    [InlineData("catastrophic forgetting")]
    [InlineData("multitask fine-tuning")]
    [InlineData("FLAN")]
    [InlineData("n-gram")]
    [InlineData("accuracy")]
    [InlineData("ROUGE")]
    [InlineData("BLEU")]
    [InlineData("GLUE")]
    [InlineData("SuperGLUE")]
    [InlineData("MMLU")]
    [InlineData("BIG-bench")]
    [InlineData("HELM")]
    public void CourseGlossary_DefinesTheSeedsTerm(string term)
    {
        var glossary = CourseGlossary();

        var match = Assert.Single(glossary.Matcher.Matches(term));
        Assert.Equal(term.Length, match.Length);
        Assert.NotEmpty(match.Term.DefinitionText);
    }

    [Fact]
    public void CourseGlossary_ParsesWithoutProblems()
    {
        var glossary = CourseGlossary();

        Assert.True(glossary.Terms.Count >= 26);
        Assert.All(glossary.Terms, t => Assert.EndsWith(".", t.Summary, StringComparison.Ordinal));
    }

    private static Glossary CourseGlossary()
    {
        var root = AppContext.BaseDirectory;
        while (!System.IO.File.Exists(Path.Combine(root, "LlmCourse.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("LlmCourse.sln not found above the test binary.");
        }

        return GlossaryFixtures.Parse(System.IO.File.ReadAllText(Path.Combine(root, "content", "glossary.md")));
    }
}
