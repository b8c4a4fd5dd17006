using LlmCourse.Core.Lab;

namespace LlmCourse.Web.Lab;

/// <summary>Raw inputs of the break-even calculator.</summary>
public sealed class BreakEvenRequest
{
    /// <summary>Prompt tokens per request that fine-tuning makes unnecessary.</summary>
    public string? PromptTokensSaved { get; set; }

    /// <summary>Prompt tokens the fine-tuned model still needs per request.</summary>
    public string? FineTunedPromptTokens { get; set; }

    /// <summary>Input tokens both setups send per request (the user's own text).</summary>
    public string? SharedTokens { get; set; }

    public string? RequestsPerDay { get; set; }

    /// <summary>Price of 1,000 input tokens on the base model.</summary>
    public string? BasePrice { get; set; }

    /// <summary>Price of 1,000 input tokens on the fine-tuned model.</summary>
    public string? FineTunedPrice { get; set; }

    /// <summary>One-time cost of fine-tuning.</summary>
    public string? FineTuningCost { get; set; }

    /// <summary>Days shown in the chart, 1 to 365.</summary>
    public string? Days { get; set; }
}

public sealed record BreakEvenQuery(BreakEvenInput Input, int Days)
{
    public const int MaxDays = 365;
    public const int MaxTokens = 1_000_000;
    public const int MaxRequestsPerDay = 100_000_000;
    public const decimal MaxPrice = 1_000m;
    public const decimal MaxCost = 1_000_000_000m;

    // Illustrative numbers only: a long few-shot prompt replaced by fine-tuning, at a higher per-token price.
    public static BreakEvenQuery Default { get; } = new(new BreakEvenInput(2000, 5000, 0.0015m, 0.003m, 200m, 100, 200), 60);

    public static BreakEvenQuery Parse(BreakEvenRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        var d = Default.Input;
        var input = new BreakEvenInput(
            fields.Integer("promptTokensSaved", "Prompt tokens saved", request.PromptTokensSaved, d.PromptTokensSaved, 0, MaxTokens),
            fields.Integer("requestsPerDay", "Requests per day", request.RequestsPerDay, d.RequestsPerDay, 0, MaxRequestsPerDay),
            fields.Money("basePrice", "Base model price", request.BasePrice, d.BasePricePer1KInputTokens, MaxPrice),
            fields.Money("fineTunedPrice", "Fine-tuned model price", request.FineTunedPrice, d.FineTunedPricePer1KInputTokens, MaxPrice),
            fields.Money("fineTuningCost", "Fine-tuning cost", request.FineTuningCost, d.FineTuningCost, MaxCost),
            fields.Integer("fineTunedPromptTokens", "Fine-tuned prompt tokens", request.FineTunedPromptTokens, d.FineTunedPromptTokens, 0, MaxTokens),
            fields.Integer("sharedTokens", "Shared tokens", request.SharedTokens, d.SharedTokensPerRequest, 0, MaxTokens));
        var days = fields.Integer("days", "Days", request.Days, Default.Days, 1, MaxDays);
        return new BreakEvenQuery(input, days);
    }
}

/// <summary>The break-even answer; <see cref="BreakEvenDay"/> is null when fine-tuning never becomes cheaper.</summary>
public sealed record BreakEvenReport(
    BreakEvenInput Input,
    int Days,
    decimal PromptingDailyCost,
    decimal FineTunedDailyCost,
    decimal DailySaving,
    decimal? BreakEvenDays,
    int? BreakEvenDay,
    IReadOnlyList<DailyCostPoint> Series);

/// <summary>Raw inputs of the PEFT/LoRA calculator.</summary>
public sealed class PeftRequest
{
    /// <summary>A preset id (llama-2-7b, mistral-7b, gpt-2-small) or custom.</summary>
    public string? Preset { get; set; }

    public string? HiddenSize { get; set; }

    public string? Layers { get; set; }

    public string? IntermediateSize { get; set; }

    public string? VocabularySize { get; set; }

    /// <summary>Width of the key/value projections (smaller than the hidden size with grouped-query attention).</summary>
    public string? KeyValueSize { get; set; }

    /// <summary>Adapted matrices: q, k, v, o, gate, up, down.</summary>
    public string[]? Matrices { get; set; }

    /// <summary>LoRA rank r.</summary>
    public string? Rank { get; set; }

    /// <summary>fp32, fp16, bf16, int8 or int4.</summary>
    public string? Precision { get; set; }
}

public sealed record PeftQuery(string Preset, TransformerDimensions Model, IReadOnlyList<AdaptedMatrix> Matrices, int Rank, WeightPrecision Precision)
{
    public const string Custom = "custom";
    public const int MaxRank = 4096;

    public static IReadOnlyList<(string Code, AdaptedMatrix Matrix, string Label)> MatrixChoices { get; } =
    [
        ("q", AdaptedMatrix.Query, "Query (W_q)"),
        ("k", AdaptedMatrix.Key, "Key (W_k)"),
        ("v", AdaptedMatrix.Value, "Value (W_v)"),
        ("o", AdaptedMatrix.Output, "Attention output (W_o)"),
        ("gate", AdaptedMatrix.MlpGate, "MLP gate"),
        ("up", AdaptedMatrix.MlpUp, "MLP up"),
        ("down", AdaptedMatrix.MlpDown, "MLP down"),
    ];

    // The LoRA paper's main experiments adapt W_q and W_v (Hu et al. 2021, sec. 7.1).
    public static PeftQuery Default { get; } = new(PresetId(TransformerDimensions.Llama2_7B), TransformerDimensions.Llama2_7B, [AdaptedMatrix.Query, AdaptedMatrix.Value], 8, WeightPrecision.Bf16);

    public static string PresetId(TransformerDimensions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Name.ToLowerInvariant().Replace(' ', '-');
    }

    public static string MatrixCode(AdaptedMatrix matrix) => MatrixChoices.First(c => c.Matrix == matrix).Code;

    public static PeftQuery Parse(PeftRequest request, LabFields fields, bool anyInput)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        if (!anyInput)
        {
            return Default;
        }

        var presetId = string.IsNullOrWhiteSpace(request.Preset) ? Default.Preset : request.Preset.Trim().ToLowerInvariant();
        var preset = TransformerDimensions.Presets.FirstOrDefault(p => PresetId(p) == presetId);
        if (preset is null && presetId != Custom)
        {
            fields.Add("preset", $"Unknown preset \"{request.Preset}\": choose {string.Join(", ", TransformerDimensions.Presets.Select(PresetId))} or {Custom}.");
            presetId = Default.Preset;
            preset = Default.Model;
        }

        TransformerDimensions model;
        if (preset is not null)
        {
            model = preset;
        }
        else
        {
            // Custom models are Llama-shaped: gated MLP, untied head, rotary positions, no biases.
            var d = Default.Model;
            var hidden = fields.Integer("hiddenSize", "Hidden size", request.HiddenSize, d.HiddenSize, 1, 65_536);
            model = new TransformerDimensions(
                "Custom",
                hidden,
                fields.Integer("layers", "Layers", request.Layers, d.Layers, 1, 1_000),
                fields.Integer("intermediateSize", "Intermediate size", request.IntermediateSize, d.IntermediateSize, 1, 262_144),
                fields.Integer("vocabularySize", "Vocabulary size", request.VocabularySize, d.VocabularySize, 1, 1_000_000),
                fields.Integer("keyValueSize", "Key/value size", request.KeyValueSize, hidden, 1, 65_536),
                GatedMlp: true,
                TiedEmbeddings: false);
        }

        var matrices = new List<AdaptedMatrix>();
        foreach (var code in LabFields.Lines(request.Matrices).SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var choice = MatrixChoices.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));
            if (choice.Code is null)
            {
                fields.Add("matrices", $"Unknown matrix \"{code}\": use {string.Join(", ", MatrixChoices.Select(c => c.Code))}.");
            }
            else if (!matrices.Contains(choice.Matrix))
            {
                matrices.Add(choice.Matrix);
            }
        }

        if (!model.GatedMlp && matrices.Remove(AdaptedMatrix.MlpGate))
        {
            fields.Add("matrices", $"{model.Name} has no MLP gate matrix; untick it.");
        }

        if (matrices.Count == 0 && fields.ErrorFor("matrices") is null)
        {
            fields.Add("matrices", "Choose at least one matrix to adapt.");
        }

        var rank = fields.Integer("rank", "Rank", request.Rank, Default.Rank, 1, MaxRank);
        var precision = Default.Precision;
        if (!string.IsNullOrWhiteSpace(request.Precision))
        {
            if (!Enum.TryParse(request.Precision.Trim(), ignoreCase: true, out precision) || !Enum.IsDefined(precision) || request.Precision.Trim().All(char.IsDigit))
            {
                fields.Add("precision", $"Precision must be fp32, fp16, bf16, int8 or int4 (got \"{request.Precision}\").");
                precision = Default.Precision;
            }
        }

        return new PeftQuery(presetId, model, matrices, rank, precision);
    }
}

public sealed record MemoryLine(double WeightsBytes, double GradientBytes, double OptimizerBytes, double TotalBytes, double TotalGiB);

public sealed record PeftMatrixLine(string Matrix, int In, int Out, long PerLayer, long Total);

/// <summary>Full fine-tuning versus LoRA: trainable parameters and training memory.</summary>
/// <param name="FullTrainableParameters">Every parameter is trained in full fine-tuning.</param>
/// <param name="TrainablePercent">LoRA parameters / (base + LoRA) × 100.</param>
public sealed record PeftReport(
    string Preset,
    TransformerDimensions Model,
    int Rank,
    string Precision,
    long BaseParameters,
    long FullTrainableParameters,
    long LoraParameters,
    double TrainablePercent,
    IReadOnlyList<PeftMatrixLine> Matrices,
    MemoryLine FullFineTuning,
    MemoryLine Lora);

public static class EconomicsLab
{
    public static BreakEvenReport BreakEven(BreakEvenQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = FineTuningEconomics.BreakEven(query.Input, query.Days);
        return new BreakEvenReport(
            query.Input, query.Days, result.PromptingDailyCost, result.FineTunedDailyCost, result.DailySaving,
            result.BreakEvenDays is { } exact ? decimal.Round(exact, 4) : null, result.BreakEvenDay, result.Series);
    }

    public static PeftReport Peft(PeftQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var estimate = LoraCalculator.Estimate(query.Model, query.Rank, [.. query.Matrices], query.Precision);
        static MemoryLine Memory(TrainingMemory m) => new(m.WeightsBytes, m.GradientBytes, m.OptimizerBytes, m.TotalBytes, m.TotalGiB);
        return new PeftReport(
            query.Preset,
            query.Model,
            query.Rank,
            query.Precision.ToString().ToLowerInvariant(),
            estimate.BaseParameters,
            estimate.BaseParameters,
            estimate.LoraParameters,
            estimate.TrainablePercent,
            [.. estimate.Matrices.Select(m => new PeftMatrixLine(PeftQuery.MatrixCode(m.Matrix), m.In, m.Out, m.PerLayer, m.Total))],
            Memory(estimate.FullFineTuning),
            Memory(estimate.Lora));
    }
}
