using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class TextGeneratorTests
{
    private static readonly NGramModel _model = NGramModel.Train(NGramModelTests.CourseText);

    [Fact]
    public void Generate_SameSeed_SameText()
    {
        var settings = new SamplingSettings(Temperature: 1.2, TopK: 0, TopP: 1.0, MaxTokens: 20, Seed: 1234);

        var first = TextGenerator.Generate(_model, "the model", settings, 3);
        var second = TextGenerator.Generate(_model, "the model", settings, 3);

        Assert.Equal(first.Continuations.Select(c => c.Text), second.Continuations.Select(c => c.Text));
    }

    [Fact]
    public void Generate_DifferentSeeds_CanDiffer()
    {
        var texts = Enumerable.Range(1, 10)
            .Select(seed => TextGenerator.Generate(_model, "the", new SamplingSettings(Temperature: 1.5, MaxTokens: 12, Seed: seed), 1))
            .Select(r => r.Continuations[0].Text)
            .Distinct()
            .Count();

        Assert.True(texts > 1);
    }

    [Fact]
    public void Generate_TemperatureZero_AlwaysPicksArgmax()
    {
        var result = TextGenerator.Generate(_model, "a pretrained", new SamplingSettings(Temperature: 0, MaxTokens: 15, Seed: 5), 2);

        Assert.Equal(result.Continuations[0].Text, result.Continuations[1].Text);
        var (u, v) = NGramModel.ContextOf("a pretrained");
        foreach (var token in result.Continuations[0].Tokens)
        {
            Assert.Equal(_model.NextTokenDistribution(u, v).Tokens[0].Token, token.Token);
            Assert.Equal(1.0, token.FinalProbability);
            (u, v) = (v, token.Token);
        }
    }

    [Fact]
    public void Generate_Always_StopsAtEndTokenOrMaxTokens()
    {
        var result = TextGenerator.Generate(_model, "", new SamplingSettings(Temperature: 2, MaxTokens: 6, Seed: 9), 10);

        Assert.All(result.Continuations, c =>
        {
            Assert.InRange(c.Tokens.Count, 1, 6);
            var endedWithEnd = c.Tokens[^1].Token == LabTokenizer.EndToken;
            Assert.Equal(endedWithEnd ? StopReason.EndOfSentence : StopReason.MaxTokens, c.StopReason);
            Assert.True(endedWithEnd || c.Tokens.Count == 6);
            Assert.DoesNotContain("</s>", c.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Generate_TopKOne_MatchesGreedy()
    {
        var greedy = TextGenerator.Generate(_model, "top", new SamplingSettings(Temperature: 0, MaxTokens: 10), 1);
        var topK = TextGenerator.Generate(_model, "top", new SamplingSettings(Temperature: 1.7, TopK: 1, MaxTokens: 10, Seed: 77), 1);

        Assert.Equal(greedy.Continuations[0].Text, topK.Continuations[0].Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Generate_CountOutOfRange_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextGenerator.Generate(_model, "the", new SamplingSettings(), count));
    }

    [Fact]
    public void Generate_InvalidSettings_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextGenerator.Generate(_model, "the", new SamplingSettings(Temperature: 3), 1));
    }
}
