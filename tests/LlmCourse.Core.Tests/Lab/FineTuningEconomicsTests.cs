using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class FineTuningEconomicsTests
{
    [Fact]
    public void BreakEven_SavedTokensOnly_PaysBackOnDay25()
    {
        // Prompting: 1000 req × 2000 tokens / 1000 × 0.0005 = 1.00 per day; fine-tuned: 0 extra tokens = 0.
        // Break-even: 25 / 1.00 = 25 days.
        var result = FineTuningEconomics.BreakEven(new BreakEvenInput(2000, 1000, 0.0005m, 0.003m, 25m), days: 30);

        Assert.Equal(1.00m, result.PromptingDailyCost);
        Assert.Equal(0m, result.FineTunedDailyCost);
        Assert.Equal(25m, result.BreakEvenDays);
        Assert.Equal(25, result.BreakEvenDay);
        Assert.Equal(31, result.Series.Count);
        Assert.Equal(new DailyCostPoint(25, 25m, 25m), result.Series[25]);
        Assert.Equal(new DailyCostPoint(0, 0m, 25m), result.Series[0]);
    }

    [Fact]
    public void BreakEven_SharedTokensAtHigherFineTunedPrice_NeedsLonger()
    {
        // Prompting: 1000 × (2000 + 500) / 1000 × 0.0005 = 1.25; fine-tuned: 1000 × (0 + 500) / 1000 × 0.0015 = 0.75.
        // Saving 0.50 per day, cost 25 -> 50 days.
        var result = FineTuningEconomics.BreakEven(new BreakEvenInput(2000, 1000, 0.0005m, 0.0015m, 25m, SharedTokensPerRequest: 500));

        Assert.Equal(1.25m, result.PromptingDailyCost);
        Assert.Equal(0.75m, result.FineTunedDailyCost);
        Assert.Equal(0.50m, result.DailySaving);
        Assert.Equal(50, result.BreakEvenDay);
    }

    [Fact]
    public void BreakEven_FractionalDays_RoundsUpToFirstWholeDay()
    {
        // Prompting: 300 × 1000 / 1000 × 0.0025 = 0.75 per day; cost 10 -> 13.33 days -> day 14.
        var result = FineTuningEconomics.BreakEven(new BreakEvenInput(1000, 300, 0.0025m, 0.01m, 10m), days: 20);

        Assert.Equal(14, result.BreakEvenDay);
        Assert.True(result.Series[13].FineTunedCumulative > result.Series[13].PromptingCumulative);
        Assert.True(result.Series[14].FineTunedCumulative <= result.Series[14].PromptingCumulative);
    }

    [Fact]
    public void BreakEven_FineTunedNeverCheaper_HasNoBreakEven()
    {
        // Prompting: 100 × 100 / 1000 × 0.001 = 0.01; fine-tuned: 100 × 50 / 1000 × 0.004 = 0.02 per day.
        var result = FineTuningEconomics.BreakEven(new BreakEvenInput(100, 100, 0.001m, 0.004m, 5m, FineTunedPromptTokens: 50));

        Assert.Equal(-0.01m, result.DailySaving);
        Assert.Null(result.BreakEvenDay);
        Assert.Null(result.BreakEvenDays);
    }

    [Fact]
    public void BreakEven_NegativeInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FineTuningEconomics.BreakEven(new BreakEvenInput(-1, 10, 1m, 1m, 1m)));
    }
}
