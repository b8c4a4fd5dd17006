using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class AnswerGraderTests
{
    [Theory]
    [InlineData("  Hello,   World!  ", "hello world")]
    [InlineData("Café", "cafe")]
    [InlineData("ﬁne-tuning", "fine tuning")]
    [InlineData("The logits", "logits")]
    [InlineData("An apple", "apple")]
    [InlineData("a", "a")]
    [InlineData("x + y = z", "x + y = z")]
    [InlineData("x+y=z", "x + y = z")]
    [InlineData("ＴＯＰ－Ｋ", "top k")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_Text_FoldsCaseAccentsPunctuationAndSpace(string? text, string expected) =>
        Assert.Equal(expected, AnswerGrader.Normalize(text));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("softmax", "sotfmax", 1)]
    [InlineData("ca", "abc", 3)]
    [InlineData("logits", "logits", 0)]
    public void Distance_Pairs_CountsEditsWithTranspositions(string a, string b, int expected) =>
        Assert.Equal(expected, AnswerGrader.Distance(a, b));

    [Theory]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(20, 2)]
    [InlineData(21, 2)]
    [InlineData(35, 3)]
    [InlineData(100, 10)]
    public void Allowance_ExpectedLength_FollowsTheDocumentedSteps(int length, int edits) =>
        Assert.Equal(edits, AnswerGrader.Allowance(length));

    [Theory]
    [InlineData("Greedy decoding", "greedy decoding", true, WrittenMatch.Exact)]
    [InlineData("Greedy decoding", "  GREEDY   decoding!! ", true, WrittenMatch.Exact)]
    [InlineData("Greedy decoding", "greedy decodnig", true, WrittenMatch.Typo)]
    [InlineData("Greedy decoding", "greddy decodng", true, WrittenMatch.Typo)]
    [InlineData("Greedy decoding", "gredy decodng x", false, WrittenMatch.None)]
    [InlineData("Greedy decoding", "beam search", false, WrittenMatch.None)]
    [InlineData("softmax", "sotfmax", true, WrittenMatch.Typo)]
    [InlineData("softmax", "sofmx", false, WrittenMatch.None)]
    [InlineData("LoRA", "lora", true, WrittenMatch.Exact)]
    [InlineData("LoRA", "lore", true, WrittenMatch.Typo)]
    [InlineData("SFT", "sfd", false, WrittenMatch.None)]
    [InlineData("p = 0.9", "p = 0.8", false, WrittenMatch.None)]
    [InlineData("p = 0.9", "p=0.9", true, WrittenMatch.Exact)]
    [InlineData("Café", "cafe\u0301", true, WrittenMatch.Exact)]
    [InlineData("Straße", "STRASSE", true, WrittenMatch.Exact)]
    [InlineData("Smallest set of tokens reaching cumulative probability p", "smallest set of tokens reachin cumulative probabilty p", true, WrittenMatch.Typo)]
    [InlineData("Greedy decoding", "", false, WrittenMatch.None)]
    [InlineData("Greedy decoding", "!!!", false, WrittenMatch.None)]
    public void Grade_WrittenAnswer_IsLenientWithinTheRule(string shortAnswer, string given, bool correct, WrittenMatch match)
    {
        var card = StudyDeck.Make("c", "Q?", "Some longer explanation that does not match.", shortAnswer);

        var grade = AnswerGrader.Grade(given, card);

        Assert.Equal(correct, grade.Correct);
        Assert.Equal(match, grade.Match);
        Assert.Equal(shortAnswer, grade.Expected);
    }

    [Fact]
    public void Grade_FullAnswerTyped_IsAccepted()
    {
        var card = StudyDeck.Get("top-k");

        Assert.True(AnswerGrader.Grade("the k most probable tokens.", card).Correct);
        Assert.True(AnswerGrader.Grade("Supervised fine tuning on prompt-response pairs", StudyDeck.Get("sft")).Correct);
    }

    [Theory]
    [InlineData("update matrices of low rank", false, false)]
    [InlineData("update matrices of low rank", true, true)]
    [InlineData("updaet matrices, low-rank", true, true)]
    [InlineData("full weight matrices", true, false)]
    public void Grade_KeyTermsOption_AcceptsAnyWordOrderOnlyWhenAllowed(string given, bool allowKeyTerms, bool correct)
    {
        var grade = AnswerGrader.Grade(given, StudyDeck.Get("lora"), allowKeyTerms);

        Assert.Equal(correct, grade.Correct);
        Assert.Equal(correct ? WrittenMatch.KeyTerms : WrittenMatch.None, grade.Match);
    }
}
