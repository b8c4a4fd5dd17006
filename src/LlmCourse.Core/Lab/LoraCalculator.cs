namespace LlmCourse.Core.Lab;

/// <summary>Numeric precision of stored weights.</summary>
public enum WeightPrecision
{
    /// <summary>32-bit float, 4 bytes.</summary>
    Fp32,

    /// <summary>16-bit float, 2 bytes.</summary>
    Fp16,

    /// <summary>bfloat16, 2 bytes.</summary>
    Bf16,

    /// <summary>8-bit integer, 1 byte.</summary>
    Int8,

    /// <summary>4-bit (e.g. NF4 as in QLoRA), half a byte.</summary>
    Int4,
}

/// <summary>A weight matrix of every transformer layer that LoRA can adapt.</summary>
public enum AdaptedMatrix
{
    Query,
    Key,
    Value,
    Output,
    MlpGate,
    MlpUp,
    MlpDown,
}

/// <summary>The dimensions of a decoder-only transformer.</summary>
/// <param name="Name">Display name.</param>
/// <param name="HiddenSize">d, the model width.</param>
/// <param name="Layers">L, the number of transformer blocks.</param>
/// <param name="IntermediateSize">d_ff, the MLP width.</param>
/// <param name="VocabularySize">Token vocabulary.</param>
/// <param name="KeyValueSize">Output width of the key and value projections (d, or heads_kv × head_dim with grouped-query attention).</param>
/// <param name="GatedMlp">True for SwiGLU-style MLPs with gate, up and down (3 matrices); false for up and down (2).</param>
/// <param name="TiedEmbeddings">True when the output head reuses the input embedding matrix.</param>
/// <param name="LearnedPositions">Learned position embeddings (0 for rotary embeddings).</param>
/// <param name="HasBiases">True when linear layers and LayerNorms carry biases (GPT-2); false for RMSNorm, bias-free models (Llama, Mistral).</param>
public sealed record TransformerDimensions(
    string Name,
    int HiddenSize,
    int Layers,
    int IntermediateSize,
    int VocabularySize,
    int KeyValueSize,
    bool GatedMlp,
    bool TiedEmbeddings,
    int LearnedPositions = 0,
    bool HasBiases = false)
{
    /// <summary>Llama 2 7B: d = 4096, L = 32, d_ff = 11008, vocab 32000, untied head, RMSNorm, no biases (Touvron et al. 2023, "Llama 2", table 1 and HF config).</summary>
    public static TransformerDimensions Llama2_7B { get; } = new("Llama 2 7B", 4096, 32, 11008, 32000, 4096, GatedMlp: true, TiedEmbeddings: false);

    /// <summary>Mistral 7B: d = 4096, L = 32, d_ff = 14336, vocab 32000, 8 KV heads × 128 → k/v are 4096×1024 (Jiang et al. 2023, "Mistral 7B", table 1).</summary>
    public static TransformerDimensions Mistral7B { get; } = new("Mistral 7B", 4096, 32, 14336, 32000, 1024, GatedMlp: true, TiedEmbeddings: false);

    /// <summary>GPT-2 small: d = 768, L = 12, d_ff = 3072, vocab 50257, 1024 learned positions, tied head, biases (Radford et al. 2019; HF config).</summary>
    public static TransformerDimensions Gpt2Small { get; } = new("GPT-2 small", 768, 12, 3072, 50257, 768, GatedMlp: false, TiedEmbeddings: true, LearnedPositions: 1024, HasBiases: true);

    /// <summary>The presets above.</summary>
    public static IReadOnlyList<TransformerDimensions> Presets { get; } = [Llama2_7B, Mistral7B, Gpt2Small];

    /// <summary>(input, output) width of one matrix.</summary>
    public (int In, int Out) Shape(AdaptedMatrix matrix) => matrix switch
    {
        AdaptedMatrix.Query or AdaptedMatrix.Output => (HiddenSize, HiddenSize),
        AdaptedMatrix.Key or AdaptedMatrix.Value => (HiddenSize, KeyValueSize),
        AdaptedMatrix.MlpGate or AdaptedMatrix.MlpUp => (HiddenSize, IntermediateSize),
        AdaptedMatrix.MlpDown => (IntermediateSize, HiddenSize),
        _ => throw new ArgumentOutOfRangeException(nameof(matrix), matrix, "Unknown matrix."),
    };
}

/// <summary>LoRA parameters added for one kind of matrix across all layers.</summary>
/// <param name="Matrix">Which matrix.</param>
/// <param name="In">d_in.</param>
/// <param name="Out">d_out.</param>
/// <param name="PerLayer">r × (d_in + d_out).</param>
/// <param name="Total">PerLayer × L.</param>
public sealed record LoraMatrixParameters(AdaptedMatrix Matrix, int In, int Out, long PerLayer, long Total);

/// <summary>Training memory in bytes (activations and framework overhead not included).</summary>
/// <param name="WeightsBytes">All stored weights (frozen base and, for LoRA, adapters).</param>
/// <param name="GradientBytes">Gradients of the trainable parameters.</param>
/// <param name="OptimizerBytes">Adam's two fp32 moments per trainable parameter (8 bytes).</param>
public sealed record TrainingMemory(double WeightsBytes, double GradientBytes, double OptimizerBytes)
{
    /// <summary>Sum of the three parts.</summary>
    public double TotalBytes => WeightsBytes + GradientBytes + OptimizerBytes;

    /// <summary>Total in GiB (2^30 bytes).</summary>
    public double TotalGiB => TotalBytes / (1024.0 * 1024 * 1024);
}

/// <summary>Full fine-tuning versus LoRA for one model and rank.</summary>
/// <param name="Model">The dimensions used.</param>
/// <param name="Rank">r.</param>
/// <param name="Precision">Precision of the base weights.</param>
/// <param name="BaseParameters">Approximate total parameters (see <see cref="LoraCalculator"/>).</param>
/// <param name="EmbeddingParameters">Token (+ position) embeddings and untied output head.</param>
/// <param name="PerLayerParameters">Parameters of one transformer block.</param>
/// <param name="LoraParameters">Trainable LoRA parameters.</param>
/// <param name="TrainablePercent">LoRA / (base + LoRA) × 100, as PEFT's print_trainable_parameters reports it.</param>
/// <param name="Matrices">LoRA parameters per adapted matrix.</param>
/// <param name="FullFineTuning">Memory for full fine-tuning.</param>
/// <param name="Lora">Memory for LoRA.</param>
public sealed record LoraEstimate(
    TransformerDimensions Model,
    int Rank,
    WeightPrecision Precision,
    long BaseParameters,
    long EmbeddingParameters,
    long PerLayerParameters,
    long LoraParameters,
    double TrainablePercent,
    IReadOnlyList<LoraMatrixParameters> Matrices,
    TrainingMemory FullFineTuning,
    TrainingMemory Lora);

/// <summary>
/// Counts parameters and training memory for full fine-tuning and LoRA (Hu et al. 2021, "LoRA: Low-Rank
/// Adaptation of Large Language Models": W + BA with B ∈ R^{d_out×r}, A ∈ R^{r×d_in}).
/// </summary>
/// <remarks>
/// Parameter count: embeddings V·d (+ V·d again for an untied head, + positions·d when learned) +
/// L × [q d·d + k d·d_kv + v d·d_kv + o d·d + MLP (3 if gated else 2)·d·d_ff + 2 norms·d] + final norm d.
/// With biases (GPT-2): each linear adds its output width and each LayerNorm adds d more.
/// This reproduces the published counts exactly for Llama 2 7B (6,738,415,616), Mistral 7B (7,241,732,096)
/// and GPT-2 small (124,439,808).
/// Memory: full fine-tuning stores weights and gradients at the chosen precision plus Adam's two fp32
/// moments (8 bytes per parameter; no fp32 master copy). LoRA stores the frozen base at the chosen precision;
/// adapters, their gradients at the chosen precision, but at 2 bytes (bf16) when the base is 8- or 4-bit
/// (as QLoRA computes in bf16), and Adam's 8 bytes per adapter parameter.
/// </remarks>
public static class LoraCalculator
{
    /// <summary>The attention projections usually adapted (q, k, v, o).</summary>
    public static IReadOnlyList<AdaptedMatrix> AttentionMatrices { get; } =
        [AdaptedMatrix.Query, AdaptedMatrix.Key, AdaptedMatrix.Value, AdaptedMatrix.Output];

    /// <summary>Bytes per stored weight.</summary>
    public static double BytesPerParameter(WeightPrecision precision) => precision switch
    {
        WeightPrecision.Fp32 => 4,
        WeightPrecision.Fp16 or WeightPrecision.Bf16 => 2,
        WeightPrecision.Int8 => 1,
        WeightPrecision.Int4 => 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    /// <summary>Approximate parameter count of the whole model (formula in the remarks).</summary>
    public static long BaseParameters(TransformerDimensions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return EmbeddingParameters(model) + (model.Layers * PerLayerParameters(model)) + NormParameters(model);
    }

    /// <summary>Computes the comparison for <paramref name="rank"/> and the adapted <paramref name="matrices"/>.</summary>
    public static LoraEstimate Estimate(
        TransformerDimensions model, int rank, IReadOnlyCollection<AdaptedMatrix> matrices, WeightPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(matrices);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(model.HiddenSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(model.Layers, 1);

        var perMatrix = matrices.Distinct().Order()
            .Select(m =>
            {
                var (input, output) = model.Shape(m);
                var perLayer = (long)rank * (input + output);
                return new LoraMatrixParameters(m, input, output, perLayer, perLayer * model.Layers);
            })
            .ToList();
        var loraParameters = perMatrix.Sum(m => m.Total);
        var baseParameters = BaseParameters(model);

        const double adamBytes = 8;
        var bytes = BytesPerParameter(precision);
        var adapterBytes = Math.Max(bytes, 2);
        var full = new TrainingMemory(baseParameters * bytes, baseParameters * bytes, baseParameters * adamBytes);
        var lora = new TrainingMemory(
            (baseParameters * bytes) + (loraParameters * adapterBytes),
            loraParameters * adapterBytes,
            loraParameters * adamBytes);

        return new LoraEstimate(
            model,
            rank,
            precision,
            baseParameters,
            EmbeddingParameters(model),
            PerLayerParameters(model),
            loraParameters,
            100.0 * loraParameters / (baseParameters + loraParameters),
            perMatrix,
            full,
            lora);
    }

    private static long EmbeddingParameters(TransformerDimensions m)
    {
        var tokens = (long)m.VocabularySize * m.HiddenSize;
        return tokens + (m.TiedEmbeddings ? 0 : tokens) + ((long)m.LearnedPositions * m.HiddenSize);
    }

    private static long PerLayerParameters(TransformerDimensions m)
    {
        long d = m.HiddenSize;
        long kv = m.KeyValueSize;
        long ff = m.IntermediateSize;
        var attention = (2 * d * d) + (2 * d * kv);
        var mlp = (m.GatedMlp ? 3 : 2) * d * ff;
        var norms = 2 * d;
        if (!m.HasBiases)
        {
            return attention + mlp + norms;
        }

        var attentionBiases = d + kv + kv + d;
        var mlpBiases = (m.GatedMlp ? 2 * ff : ff) + d;
        return attention + mlp + (2 * norms) + attentionBiases + mlpBiases;
    }

    private static long NormParameters(TransformerDimensions m) => m.HasBiases ? 2L * m.HiddenSize : m.HiddenSize;
}
