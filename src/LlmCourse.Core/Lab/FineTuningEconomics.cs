namespace LlmCourse.Core.Lab;

/// <summary>Inputs of the prompting-versus-fine-tuning break-even calculator. Money is in one currency.</summary>
/// <param name="PromptTokensSaved">Extra tokens per request in the long prompt that fine-tuning makes unnecessary.</param>
/// <param name="RequestsPerDay">Requests per day.</param>
/// <param name="BasePricePer1KInputTokens">Price of 1,000 input tokens on the base model.</param>
/// <param name="FineTunedPricePer1KInputTokens">Price of 1,000 input tokens on the fine-tuned model.</param>
/// <param name="FineTuningCost">One-time cost of fine-tuning, paid on day 0.</param>
/// <param name="FineTunedPromptTokens">Prompt tokens the fine-tuned model still needs per request instead (default 0).</param>
/// <param name="SharedTokensPerRequest">Input tokens both setups send (the user's text); charged at each model's price.</param>
public sealed record BreakEvenInput(
    int PromptTokensSaved,
    int RequestsPerDay,
    decimal BasePricePer1KInputTokens,
    decimal FineTunedPricePer1KInputTokens,
    decimal FineTuningCost,
    int FineTunedPromptTokens = 0,
    int SharedTokensPerRequest = 0);

/// <summary>Cumulative costs at the end of one day (day 0 = before any request).</summary>
public sealed record DailyCostPoint(int Day, decimal PromptingCumulative, decimal FineTunedCumulative);

/// <summary>The break-even analysis.</summary>
/// <param name="PromptingDailyCost">requests × (saved + shared tokens) / 1000 × base price.</param>
/// <param name="FineTunedDailyCost">requests × (fine-tuned prompt + shared tokens) / 1000 × fine-tuned price.</param>
/// <param name="DailySaving">Prompting daily cost − fine-tuned daily cost.</param>
/// <param name="BreakEvenDays">Exact days until fine-tuning has paid for itself (cost / saving), or null.</param>
/// <param name="BreakEvenDay">First whole day on which the fine-tuned total is not above the prompting total, or null when fine-tuning is never cheaper.</param>
/// <param name="Series">Cumulative costs for days 0..N, for a chart.</param>
public sealed record BreakEvenResult(
    decimal PromptingDailyCost,
    decimal FineTunedDailyCost,
    decimal DailySaving,
    decimal? BreakEvenDays,
    int? BreakEvenDay,
    IReadOnlyList<DailyCostPoint> Series);

/// <summary>When does fine-tuning (a one-time cost, then shorter prompts) beat a long prompt on every request?</summary>
public static class FineTuningEconomics
{
    /// <summary>Computes daily costs, the break-even day and the cumulative series over <paramref name="days"/> days.</summary>
    public static BreakEvenResult BreakEven(BreakEvenInput input, int days = 90)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(input.PromptTokensSaved);
        ArgumentOutOfRangeException.ThrowIfNegative(input.RequestsPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(input.BasePricePer1KInputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(input.FineTunedPricePer1KInputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(input.FineTuningCost);
        ArgumentOutOfRangeException.ThrowIfNegative(input.FineTunedPromptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(input.SharedTokensPerRequest);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 3650);

        var promptingDaily = (decimal)input.RequestsPerDay * (input.PromptTokensSaved + input.SharedTokensPerRequest) / 1000m * input.BasePricePer1KInputTokens;
        var fineTunedDaily = (decimal)input.RequestsPerDay * (input.FineTunedPromptTokens + input.SharedTokensPerRequest) / 1000m * input.FineTunedPricePer1KInputTokens;
        var saving = promptingDaily - fineTunedDaily;

        decimal? exactDays = null;
        int? day = null;
        if (saving > 0)
        {
            exactDays = input.FineTuningCost / saving;
            day = (int)Math.Min(decimal.Ceiling(exactDays.Value), int.MaxValue);
        }

        var series = Enumerable.Range(0, days + 1)
            .Select(d => new DailyCostPoint(d, d * promptingDaily, input.FineTuningCost + (d * fineTunedDaily)))
            .ToList();
        return new BreakEvenResult(promptingDaily, fineTunedDaily, saving, exactDays, day, series);
    }
}
