using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

// GIFT examples modelled on Moodle's documentation of the format: https://docs.moodle.org/en/GIFT_format
public sealed class GiftImporterTests
{
    private const string Realistic = """
        // Week 7 quiz, exported from Moodle
        $CATEGORY: $course$/Week 7

        ::What changes::What does fine-tuning change in the network? {
          ~The tokenizer's vocabulary#The vocabulary stays as it was.
          =The weights of the network#Right: training moves the weights.
          ~The size of the context window
          ####Fine-tuning continues training, so it adjusts the weights.
        }

        ::Sampling knobs::Which of these are sampling parameters? {
          ~%50%Temperature
          ~%50%Top-p
          ~%-100%Learning rate#That one is for training.
        }

        // a true/false question
        ::LoRA::LoRA freezes the base model's weights.{T#Look again at how LoRA adds adapters.#Yes.}

        ::Greedy::Greedy decoding is random.{FALSE}

        ::SFT::What does SFT stand for?{=Supervised fine-tuning =supervised finetuning#Close enough =%50%fine-tuning}

        ::Pi::What is pi to two decimals?{#3.14:0.01}

        ::Range::Pick a number between 1 and 5.{#1..5}

        ::Several numeric::Value of e?{#=2.718:0.001#Exact =%50%2.7:0.1}

        ::Sampling terms::Match each term to what it does. {
          =Temperature -> Flattens or sharpens the distribution
          =Top-k -> Keeps the k likeliest tokens
          =Greedy -> Always the likeliest token
        }

        Grant is {~buried =entombed ~living} in Grant's tomb.

        ::Escapes::Which set literal is right \{1, 2\} \: a set? {=\{1\=2\} is wrong ~\~tilde \#hash}
        """;

    private static GiftImportResult ImportRealistic()
    {
        var result = GiftImporter.Import(Realistic, "Week 7: \"fine-tuning\" quiz");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result;
    }

    [Fact]
    public void Import_Realistic_FrontMatter()
    {
        var md = ImportRealistic().Markdown;

        Assert.StartsWith("---\nkind: quiz\ntitle: \"Week 7: \\\"fine-tuning\\\" quiz\"\n---\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("CATEGORY", md, StringComparison.Ordinal);
        Assert.DoesNotContain("exported from Moodle", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SingleChoice_TaskListWithFeedbackAndExplanation()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains(
            """
            ## What does fine-tuning change in the network? {#what-changes type=single}

            - [ ] The tokenizer's vocabulary
              > The vocabulary stays as it was.
            - [x] The weights of the network
              > Right: training moves the weights.
            - [ ] The size of the context window

            ### Explanation

            Fine-tuning continues training, so it adjusts the weights.
            """,
            md,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Import_WeightedAnswers_PositiveWeightsAreCorrect()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains("{#sampling-knobs type=multiple}", md, StringComparison.Ordinal);
        Assert.Contains("- [x] Temperature\n- [x] Top-p\n- [ ] Learning rate\n  > That one is for training.\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_TrueFalse_FeedbackGoesToTheChoiceThatEarnsIt()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains("{#lora type=truefalse}\n\n- [x] True\n  > Yes.\n- [ ] False\n  > Look again at how LoRA adds adapters.\n", md, StringComparison.Ordinal);
        Assert.Contains("{#greedy type=truefalse}\n\n- [ ] True\n- [x] False\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ShortAnswer_KeepsFullCreditAnswersOnly()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains("## What does SFT stand for? {#sft type=short}\n\n- Supervised fine-tuning\n- supervised finetuning\n\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain("- fine-tuning", md, StringComparison.Ordinal);
        Assert.DoesNotContain("Close enough", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Numeric_ToleranceRangeAndFullCreditAnswer()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains("{#pi type=numeric}\n\n- 3.14 ± 0.01\n", md, StringComparison.Ordinal);
        Assert.Contains("{#range type=numeric}\n\n- 3 ± 2\n", md, StringComparison.Ordinal);
        Assert.Contains("{#several-numeric type=numeric}\n\n- 2.718 ± 0.001\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Matching_ArrowPairs()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains(
            "{#sampling-terms type=matching}\n\n- Temperature -> Flattens or sharpens the distribution\n- Top-k -> Keeps the k likeliest tokens\n- Greedy -> Always the likeliest token\n",
            md,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingWordWithoutTitle_BlankInTextAndIdFromText()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains("## Grant is _____ in Grant's tomb. {#grant-is-in-grant-s-tomb type=single}\n\n- [ ] buried\n- [x] entombed\n- [ ] living\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Escapes_LiteralCharactersAndBracesEscapedForMarkdown()
    {
        var md = ImportRealistic().Markdown;

        Assert.Contains(@"## Which set literal is right \{1, 2\} : a set? {#escapes type=single}", md, StringComparison.Ordinal);
        Assert.Contains(@"- [x] \{1=2\} is wrong", md, StringComparison.Ordinal);
        Assert.Contains("- [ ] ~tilde #hash", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Realistic_EveryQuestionHasAUniqueId()
    {
        var md = ImportRealistic().Markdown;
        var ids = md.Split('\n')
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf("{#", StringComparison.Ordinal) + 2)..l.IndexOf(' ', l.LastIndexOf("{#", StringComparison.Ordinal))])
            .ToList();

        Assert.Equal(11, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Import_SameTitleTwice_SecondIdGetsSuffix()
    {
        var result = GiftImporter.Import("::Q::One?{T}\n\n::Q::Two?{F}", "Dups");

        Assert.Contains("{#q type=truefalse}", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("{#q-2 type=truefalse}", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MultiLineQuestionText_FirstLineHeadingRestPrompt()
    {
        var result = GiftImporter.Import("::Loss::[markdown]Look at the curve.\nWhich loss is lower?\n- a list-like line\n{=Validation ~Training}", "Q");

        Assert.True(result.Succeeded);
        Assert.Contains("## Look at the curve. {#loss type=single}\n\nWhich loss is lower?\n\\- a list-like line\n\n- [x] Validation\n", result.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::A::Fine?{T}\n\n::B::Unclosed {=yes ~no\n\n::C::Also fine?{F}", 3, "not closed")]
    [InlineData("::A::Fine?{T}\n\n\n::B::A description, not a question", 4, "no answer block")]
    [InlineData("::A::One pair and a distractor {\n=a -> b\n= -> c\n}", 1, "at least two pairs")]
    [InlineData("// header\n::A::Numbers\n{#abc}", 3, "not a numeric answer")]
    [InlineData("::A::Range {T}\n\n::B::Bad range {#5..1}", 3, "range")]
    [InlineData("::A::Tolerance {#3:-1}", 1, "not a numeric answer")]
    [InlineData("::A::No answers here", 1, "no answer block")]
    [InlineData("::A::No right one {~a ~b ~c}", 1, "correct answer")]
    [InlineData("::A::Mixed matching {\n=a -> b\n=c\n}", 3, "matching")]
    [InlineData("::A::Empty answer {\n=right\n~\n}", 3, "empty")]
    [InlineData("::A::Bad weight {~%abc%x =y}", 1, "weight")]
    [InlineData("::A::Two blocks {T} and {F}", 1, "only one")]
    [InlineData("::Unclosed title {T}", 1, "title")]
    [InlineData("::A::Text before answers {x =y}", 1, "must start")]
    public void Import_Malformed_ErrorNamesLine(string gift, int line, string message)
    {
        var result = GiftImporter.Import(gift, "Broken");

        Assert.False(result.Succeeded);
        Assert.Equal("", result.Markdown);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Import_SeveralBadQuestions_OneErrorEach()
    {
        var result = GiftImporter.Import("::A::{#x}\n\n::B::Ok {T}\n\n::C::Nothing to answer", "Broken");

        Assert.Equal([1, 5], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Import_OnlyComments_Error() =>
        Assert.False(GiftImporter.Import("// nothing\n$CATEGORY: x\n", "Empty").Succeeded);

    [Theory]
    [InlineData("What is fine-tuning?", "what-is-fine-tuning")]
    [InlineData("  Über  Café!! ", "uber-cafe")]
    [InlineData("???", "")]
    public void Slug_Text_LowerCaseHyphenated(string text, string slug) => Assert.Equal(slug, GiftImporter.Slug(text));
}
