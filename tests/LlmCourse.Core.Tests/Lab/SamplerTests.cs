using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class SamplerTests
{
    private static readonly double[] _probabilities = [0.5, 0.3, 0.2];

    // Hand computed: T = 0.5 squares (0.25, 0.09, 0.04)/0.38; T = 2 takes square roots
    // (0.7071068, 0.5477226, 0.4472136)/1.7020429.
    [Theory]
    [InlineData(1.0, 0.5, 0.3, 0.2)]
    [InlineData(0.5, 0.25 / 0.38, 0.09 / 0.38, 0.04 / 0.38)]
    [InlineData(2.0, 0.415446, 0.321803, 0.262751)]
    [InlineData(0.0, 1.0, 0.0, 0.0)]
    public void ApplyTemperature_Distribution_RescalesPowers(double temperature, double p0, double p1, double p2)
    {
        var tempered = Sampler.ApplyTemperature(_probabilities, temperature);

        Assert.Equal(p0, tempered[0], 6);
        Assert.Equal(p1, tempered[1], 6);
        Assert.Equal(p2, tempered[2], 6);
    }

    [Fact]
    public void ApplyTemperature_NearZero_ApproachesArgmax()
    {
        double[] probabilities = [0.2, 0.45, 0.35];

        var tempered = Sampler.ApplyTemperature(probabilities, 0.01);

        Assert.True(tempered[1] > 0.999999);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, Sampler.ApplyTemperature(probabilities, 0));
    }

    [Fact]
    public void ApplyTemperature_TinyProbabilities_StaysFinite()
    {
        double[] probabilities = [1e-300, 1e-310, 1 - 1e-300];

        var tempered = Sampler.ApplyTemperature(probabilities, 0.05);

        Assert.All(tempered, p => Assert.True(double.IsFinite(p)));
        Assert.Equal(1.0, tempered.Sum(), 12);
    }

    [Theory]
    [InlineData(0.0, new[] { true, false, false })]
    [InlineData(0.5, new[] { true, false, false })]
    [InlineData(0.79, new[] { true, true, false })]
    [InlineData(0.8, new[] { true, true, false })]
    [InlineData(0.81, new[] { true, true, true })]
    [InlineData(1.0, new[] { true, true, true })]
    public void TopPMask_Threshold_KeepsMinimalNucleus(double p, bool[] expected)
    {
        Assert.Equal(expected, Sampler.TopPMask(_probabilities, p));
    }

    [Fact]
    public void TopPMask_UnsortedInput_KeepsMostLikelyFirst()
    {
        Assert.Equal(new[] { false, true, true, false }, Sampler.TopPMask([0.1, 0.4, 0.3, 0.2], 0.7));
    }

    [Theory]
    [InlineData(0, new[] { true, true, true })]
    [InlineData(1, new[] { true, false, false })]
    [InlineData(2, new[] { true, true, false })]
    [InlineData(5, new[] { true, true, true })]
    public void TopKMask_K_KeepsKMostLikely(int k, bool[] expected)
    {
        Assert.Equal(expected, Sampler.TopKMask(_probabilities, k));
    }

    [Fact]
    public void Apply_TopKThenTopP_JudgesTopPOnRenormalisedSurvivors()
    {
        // Top-k 2 keeps 0.6 and 0.3; renormalised 0.6/0.9 = 0.667 already reaches p = 0.6.
        var stages = Sampler.Apply([0.1, 0.6, 0.3], new SamplingSettings(Temperature: 1, TopK: 2, TopP: 0.6));

        Assert.Equal(new[] { false, true, true }, stages.KeptByTopK);
        Assert.Equal(new[] { false, true, false }, stages.KeptByTopP);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, stages.Final);
    }

    [Fact]
    public void Explain_Distribution_ReturnsChartRowsInRankOrder()
    {
        var model = NGramModel.Train(NGramModelTests.CourseText);
        var distribution = model.NextTokenDistribution("the");

        var breakdown = Sampler.Explain(distribution, new SamplingSettings(Temperature: 0.7, TopK: 3, TopP: 0.9), topN: 5);

        Assert.Equal(5, breakdown.Rows.Count);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, breakdown.Rows.Select(r => r.Rank));
        Assert.Equal(distribution.Tokens[0].Token, breakdown.Rows[0].Token);
        Assert.False(breakdown.Rows[3].KeptByTopK);
        Assert.Equal(0, breakdown.Rows[4].FinalProbability);
        Assert.InRange(breakdown.KeptCount, 1, 3);
        Assert.Equal(1.0, breakdown.Rows.Sum(r => r.FinalProbability), 9);
    }

    [Fact]
    public void Draw_SeededRandom_FollowsCumulativeProbabilities()
    {
        // new Random(7).NextDouble() is compared with the cumulative sums 0.5, 0.8, 1.0.
        var target = new Random(7).NextDouble();
        var expected = target < 0.5 ? 0 : target < 0.8 ? 1 : 2;

        Assert.Equal(expected, Sampler.Draw(_probabilities, new Random(7)));
        Assert.Equal(1, Sampler.Draw([0.0, 1.0, 0.0], new Random(3)));
    }

    [Theory]
    [InlineData(-0.1, 0, 1.0, 10, "Temperature")]
    [InlineData(2.1, 0, 1.0, 10, "Temperature")]
    [InlineData(1.0, -1, 1.0, 10, "TopK")]
    [InlineData(1.0, 0, 1.5, 10, "TopP")]
    [InlineData(1.0, 0, -0.5, 10, "TopP")]
    [InlineData(1.0, 0, 1.0, 0, "MaxTokens")]
    [InlineData(1.0, 0, 1.0, 501, "MaxTokens")]
    public void EnsureValid_OutOfRange_ThrowsNamingField(double temperature, int topK, double topP, int maxTokens, string field)
    {
        var settings = new SamplingSettings(temperature, topK, topP, maxTokens);

        var error = Assert.Throws<ArgumentOutOfRangeException>(settings.EnsureValid);

        Assert.Equal(field, error.ParamName);
        Assert.Equal(field, Assert.Single(settings.Validate()).Field);
    }

    [Fact]
    public void Validate_DefaultSettings_IsEmpty()
    {
        Assert.Empty(new SamplingSettings().Validate());
    }
}
