using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class NGramModelTests
{
    internal static readonly string[] CourseText =
    [
        "Fine-tuning adapts a pretrained model to a task. A pretrained model already knows a lot of language.",
        "Sampling picks the next token from the model's distribution! Greedy decoding always picks the most likely token.",
        "Temperature sharpens or flattens the distribution. Top-k keeps the k most likely tokens. Top-p keeps the nucleus?",
        "LoRA trains small low-rank adapters, and the base model stays frozen.",
    ];

    // Tiny corpus "a b. a c." padded as "<s> <s> a b . </s>" and "<s> <s> a c . </s>", D = 0.75.
    // Hand computation (formulas in NGramModel's remarks):
    //   bigram types (suffixes of trigram types): (<s>,a) (a,b) (a,c) (b,.) (.,</s>) (c,.) -> N1+(··) = 6
    //   N1+(·w): a 1, b 1, c 1, "." 2 (after b and c), </s> 1 -> 5 types, λ1 = 0.75·5/6 = 0.625, |V| = 5
    //   P1(.) = (2-0.75)/6 + 0.625/5 = 1/3;  P1(a) = P1(b) = P1(c) = P1(</s>) = 0.25/6 + 0.125 = 1/6
    //   v = a: N1+(·a b) = N1+(·a c) = 1, N1+(·a·) = 2, λ2 = 0.75·2/2 = 0.75
    //   P2(b|a) = 0.25/2 + 0.75·1/6 = 0.25;  P2(.|a) = 0.75·1/3 = 0.25;  P2(a|a) = 0.75·1/6 = 0.125
    //   (u,v) = (<s>,a): c(<s> a b) = c(<s> a c) = 1, c(<s> a ·) = 2, λ3 = 0.75
    //   P3(b) = 0.25/2 + 0.75·0.25 = 0.3125;  P3(.) = 0.75·0.25 = 0.1875;  P3(a) = 0.75·0.125 = 0.09375
    [Theory]
    [InlineData("b", 0.3125)]
    [InlineData("c", 0.3125)]
    [InlineData(".", 0.1875)]
    [InlineData("a", 0.09375)]
    [InlineData("</s>", 0.09375)]
    public void NextTokenDistribution_TinyCorpus_MatchesHandComputedKneserNey(string token, double expected)
    {
        var model = NGramModel.Train(["a b. a c."]);

        var distribution = model.NextTokenDistribution("A");

        Assert.Equal(expected, distribution.Tokens.Single(t => t.Token == token).Probability, 12);
    }

    [Fact]
    public void NextTokenDistribution_TinyCorpus_ReportsIntermediateNumbers()
    {
        var model = NGramModel.Train(["a b. a c."]);

        var distribution = model.NextTokenDistribution("a");
        var context = distribution.Context;
        var b = distribution.Tokens.Single(t => t.Token == "b");

        Assert.Equal(("<s>", "a"), (context.U, context.V));
        Assert.Equal(2, context.TrigramContextCount);
        Assert.Equal(0.75, context.TrigramBackoffWeight, 12);
        Assert.Equal(0.75, context.BigramBackoffWeight, 12);
        Assert.Equal(6, context.BigramTypeCount);
        Assert.Equal(0.625, context.UnigramBackoffWeight, 12);
        Assert.Equal(1, b.TrigramCount);
        Assert.Equal(0.125, b.TrigramTerm, 12);
        Assert.Equal(0.25, b.BigramProbability, 12);
        Assert.Equal(1.0 / 6, b.UnigramProbability, 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("the")]
    [InlineData("a pretrained")]
    [InlineData("Greedy decoding")]
    [InlineData("completely unknown words")]
    [InlineData("The model stays frozen.")]
    public void NextTokenDistribution_AnyPrompt_SumsToOne(string prompt)
    {
        var model = NGramModel.Train(CourseText);

        var sum = model.NextTokenDistribution(prompt).Tokens.Sum(t => t.Probability);

        Assert.Equal(1.0, sum, 9);
    }

    [Fact]
    public void NextTokenDistribution_UnseenContinuation_GetsMassFromLowerOrders()
    {
        var model = NGramModel.Train(CourseText);

        var distribution = model.NextTokenDistribution("greedy decoding");
        var lora = distribution.Tokens.Single(t => t.Token == "lora");

        Assert.Equal(0, lora.TrigramCount);
        Assert.True(lora.Probability > 0);
        Assert.Equal("always", distribution.Tokens[0].Token);
    }

    [Fact]
    public void NextTokenDistribution_Always_ExcludesStartTokenAndCoversVocabulary()
    {
        var model = NGramModel.Train(CourseText);

        var tokens = model.NextTokenDistribution("the").Tokens.Select(t => t.Token).ToList();

        Assert.DoesNotContain(LabTokenizer.StartToken, tokens);
        Assert.Contains(LabTokenizer.EndToken, tokens);
        Assert.Equal(model.Vocabulary.Count, tokens.Count);
        Assert.All(model.NextTokenDistribution("the").Tokens, t => Assert.True(t.Probability > 0));
    }

    [Fact]
    public void NextTokenDistribution_Always_SortedMostLikelyFirst()
    {
        var model = NGramModel.Train(CourseText);

        var probabilities = model.NextTokenDistribution("the").Tokens.Select(t => t.Probability).ToList();

        Assert.Equal(probabilities.OrderByDescending(p => p), probabilities);
    }

    [Theory]
    [InlineData("", "<s>", "<s>")]
    [InlineData("Hello", "<s>", "hello")]
    [InlineData("The base model", "base", "model")]
    [InlineData("It ends. Then", "<s>", "then")]
    [InlineData("It ends.", "<s>", "<s>")]
    public void ContextOf_Prompt_UsesLastUnfinishedSentence(string prompt, string u, string v)
    {
        Assert.Equal((u, v), NGramModel.ContextOf(prompt));
    }

    [Fact]
    public void Train_NoTokens_Throws()
    {
        Assert.Throws<ArgumentException>(() => NGramModel.Train(["", "   "]));
    }

    [Theory]
    [InlineData("Don't stop, LoRA!", new[] { "don't", "stop", ",", "lora", "!" })]
    [InlineData("top-p <s>", new[] { "top", "-", "p", "<", "s", ">" })]
    public void Tokenize_Text_SplitsWordsAndPunctuation(string text, string[] expected)
    {
        Assert.Equal(expected, LabTokenizer.Tokenize(text));
    }

    [Fact]
    public void Detokenize_Tokens_GluesPunctuation()
    {
        Assert.Equal("fine-tuning (lora) works, mostly.", LabTokenizer.Detokenize(["fine", "-", "tuning", "(", "lora", ")", "works", ",", "mostly", ".", "</s>"]));
    }
}
