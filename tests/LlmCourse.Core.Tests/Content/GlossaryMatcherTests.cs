using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class GlossaryMatcherTests
{
    private static string Found(string text) =>
        string.Join(" | ", GlossaryFixtures.Glossary.Matcher.Matches(text).Select(m => $"{text.Substring(m.Start, m.Length)}={m.Term.Id}"));

    [Theory]
    // Whole words, ignoring case for names written without inner capitals.
    [InlineData("Set the temperature low.", "temperature=temperature")]
    [InlineData("TEMPERATURE matters", "TEMPERATURE=temperature")]
    [InlineData("Temperature, then top-p.", "Temperature=temperature | top-p=top-p")]
    [InlineData("attemperature and temperatured", "")]
    // A hyphen between word characters joins them: no term inside a longer hyphenated word.
    [InlineData("top-p-sampling and non-top-p", "")]
    [InlineData("fine-tuning-based methods", "")]
    [InlineData("(top-p) and \"fine-tuning\".", "top-p=top-p | fine-tuning=fine-tuning")]
    // The longest name at a position wins, so the shorter one inside it is not found separately.
    [InlineData("instruction fine-tuning", "instruction fine-tuning=instruction-fine-tuning")]
    [InlineData("Instruction Fine-Tuning", "Instruction Fine-Tuning=instruction-fine-tuning")]
    [InlineData("sampling temperature", "sampling temperature=temperature")]
    // Aliases.
    [InlineData("nucleus sampling keeps", "nucleus sampling=top-p")]
    [InlineData("a fine-tuned model", "fine-tuned=fine-tuning")]
    [InlineData("max_tokens caps it", "max_tokens=max-tokens")]
    [InlineData("Max tokens caps it", "Max tokens=max-tokens")]
    // A space in a name matches one white-space character, a line break included.
    [InlineData("in-context\nlearning", "in-context\nlearning=in-context-learning")]
    [InlineData("in-context  learning", "")]
    // Names with capitals inside match their exact case only: GLUE the benchmark, not glue.
    [InlineData("GLUE and SuperGLUE", "GLUE=glue")]
    [InlineData("glue, Glue", "")]
    [InlineData("LoRA, lora, LORA", "LoRA=lora")]
    [InlineData("ICL and icl", "ICL=in-context-learning")]
    // Plurals: an "s" after a name ending in a letter.
    [InlineData("temperatures", "temperatures=temperature")]
    [InlineData("LoRAs are small", "LoRAs=lora")]
    [InlineData("count n-grams", "n-grams=n-gram")]
    [InlineData("temperaturess", "")]
    // Possessives and punctuation end a word.
    [InlineData("LoRA's matrices", "LoRA=lora")]
    public void Matches_Text_FindsWholeWordTerms(string text, string expected)
    {
        Assert.Equal(expected, Found(text));
    }

    [Fact]
    public void Matches_EveryUse_IsReported()
    {
        // The matcher reports every use; the linker decides which is first.
        Assert.Equal("temperature=temperature | Temperature=temperature", Found("temperature and Temperature"));
    }

    [Theory]
    [InlineData("LoRA", true)]
    [InlineData("GLUE", true)]
    [InlineData("BIG-bench", true)]
    [InlineData("Temperature", false)]
    [InlineData("top-p", false)]
    [InlineData("N-gram", false)]
    public void IsCaseSensitive_Name_WhenItHasInnerCapitals(string name, bool expected)
    {
        Assert.Equal(expected, GlossaryMatcher.IsCaseSensitive(name));
    }

    [Fact]
    public void Matches_EmptyGlossary_FindsNothing()
    {
        Assert.True(Glossary.Empty.Matcher.IsEmpty);
        Assert.Empty(Glossary.Empty.Matcher.Matches("temperature"));
    }
}
