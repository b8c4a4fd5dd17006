using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class LabelAccuracyTests
{
    [Fact]
    public void Compute_TrimmedExactMatch_CountsCorrect()
    {
        var result = LabelAccuracy.Compute([" positive", "negative ", "Neutral", "positive"], ["positive", "negative", "neutral", "negative"]);

        Assert.Equal(2, result.Correct);
        Assert.Equal(4, result.Total);
        Assert.Equal(0.5, result.Accuracy);
        Assert.Equal(new[] { true, true, false, false }, result.Items.Select(i => i.Correct));
    }

    [Fact]
    public void Compute_NoItems_IsZero()
    {
        Assert.Equal(0, LabelAccuracy.Compute([], []).Accuracy);
    }

    [Fact]
    public void Compute_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => LabelAccuracy.Compute(["a"], ["a", "b"]));
    }
}
