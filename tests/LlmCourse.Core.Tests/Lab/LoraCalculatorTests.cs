using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class LoraCalculatorTests
{
    // Llama 2 7B: embeddings 2 × 32000 × 4096 = 262,144,000; per layer 4 × 4096² = 67,108,864 attention
    // + 3 × 4096 × 11008 = 135,266,304 MLP + 2 × 4096 norms = 202,383,360; × 32 = 6,476,267,520;
    // + final norm 4096 -> 6,738,415,616 (the count Hugging Face reports for meta-llama/Llama-2-7b-hf).
    // Mistral 7B: per layer 2 × 4096² + 2 × 4096 × 1024 = 41,943,040 + 3 × 4096 × 14336 = 176,160,768 + 8192
    // = 218,112,000; × 32 = 6,979,584,000; + 262,144,000 + 4096 -> 7,241,732,096 (reported for Mistral-7B-v0.1).
    // GPT-2 small: 50257 × 768 + 1024 × 768 = 39,383,808 embeddings; per layer 4 × 768² + 4 × 768 attention biases
    // + 2 × 768 × 3072 + 3072 + 768 MLP biases + 2 LayerNorms × 2 × 768 = 7,087,872; × 12 = 85,054,464;
    // + final LayerNorm 1536 -> 124,439,808 (GPT-2 small's published count).
    [Theory]
    [InlineData("Llama 2 7B", 6_738_415_616L)]
    [InlineData("Mistral 7B", 7_241_732_096L)]
    [InlineData("GPT-2 small", 124_439_808L)]
    public void BaseParameters_Presets_MatchPublishedCounts(string name, long expected)
    {
        var model = TransformerDimensions.Presets.Single(p => p.Name == name);

        Assert.Equal(expected, LoraCalculator.BaseParameters(model));
    }

    [Fact]
    public void Estimate_Llama2RankEightQueryValue_MatchesHandComputation()
    {
        // 8 × (4096 + 4096) = 65,536 per matrix per layer; × 2 matrices × 32 layers = 4,194,304.
        // Trainable % = 4,194,304 / (6,738,415,616 + 4,194,304) × 100 = 0.0622059…
        var estimate = LoraCalculator.Estimate(TransformerDimensions.Llama2_7B, 8, [AdaptedMatrix.Query, AdaptedMatrix.Value], WeightPrecision.Fp16);

        Assert.Equal(4_194_304L, estimate.LoraParameters);
        Assert.Equal(65_536L, estimate.Matrices[0].PerLayer);
        Assert.Equal(0.0622059, estimate.TrainablePercent, 7);
    }

    [Fact]
    public void Estimate_MistralAllAttention_UsesGroupedQueryShapes()
    {
        // q, o: 16 × (4096 + 4096) = 131,072; k, v: 16 × (4096 + 1024) = 81,920;
        // per layer 2 × 131,072 + 2 × 81,920 = 425,984; × 32 = 13,631,488.
        var estimate = LoraCalculator.Estimate(TransformerDimensions.Mistral7B, 16, LoraCalculator.AttentionMatrices, WeightPrecision.Bf16);

        Assert.Equal(13_631_488L, estimate.LoraParameters);
        Assert.Equal((4096, 1024), (estimate.Matrices.Single(m => m.Matrix == AdaptedMatrix.Key).In, estimate.Matrices.Single(m => m.Matrix == AdaptedMatrix.Key).Out));
    }

    [Fact]
    public void Estimate_MlpMatrices_UseIntermediateSize()
    {
        // Llama 2 7B, r = 4: gate/up 4 × (4096 + 11008) = 60,416 each, down 4 × (11008 + 4096) = 60,416;
        // 3 × 60,416 × 32 = 5,799,936.
        var estimate = LoraCalculator.Estimate(TransformerDimensions.Llama2_7B, 4, [AdaptedMatrix.MlpGate, AdaptedMatrix.MlpUp, AdaptedMatrix.MlpDown], WeightPrecision.Fp32);

        Assert.Equal(5_799_936L, estimate.LoraParameters);
    }

    [Fact]
    public void Estimate_Gpt2Fp32_MemoryMatchesHandComputation()
    {
        // Full: 124,439,808 × (4 weights + 4 gradients + 8 Adam) = 1,991,036,928 bytes.
        // LoRA r = 4 on q, v: 4 × 1536 × 2 × 12 = 147,456 parameters;
        // weights 497,759,232 + 589,824, gradients 589,824, Adam 1,179,648 -> 500,118,528 bytes.
        var estimate = LoraCalculator.Estimate(TransformerDimensions.Gpt2Small, 4, [AdaptedMatrix.Query, AdaptedMatrix.Value], WeightPrecision.Fp32);

        Assert.Equal(147_456L, estimate.LoraParameters);
        Assert.Equal(1_991_036_928d, estimate.FullFineTuning.TotalBytes);
        Assert.Equal(498_349_056d, estimate.Lora.WeightsBytes);
        Assert.Equal(589_824d, estimate.Lora.GradientBytes);
        Assert.Equal(1_179_648d, estimate.Lora.OptimizerBytes);
        Assert.Equal(500_118_528d, estimate.Lora.TotalBytes);
    }

    [Fact]
    public void Estimate_FourBitBase_KeepsAdaptersInBf16()
    {
        // QLoRA-style: base 6,738,415,616 × 0.5 = 3,369,207,808 bytes; adapters 4,194,304 × 2 = 8,388,608;
        // gradients 8,388,608; Adam 4,194,304 × 8 = 33,554,432 -> 3,419,539,456 bytes.
        var estimate = LoraCalculator.Estimate(TransformerDimensions.Llama2_7B, 8, [AdaptedMatrix.Query, AdaptedMatrix.Value], WeightPrecision.Int4);

        Assert.Equal(3_419_539_456d, estimate.Lora.TotalBytes);
        Assert.Equal(3_419_539_456d / (1 << 30), estimate.Lora.TotalGiB, 9);
    }

    [Theory]
    [InlineData(WeightPrecision.Fp32, 4.0)]
    [InlineData(WeightPrecision.Fp16, 2.0)]
    [InlineData(WeightPrecision.Bf16, 2.0)]
    [InlineData(WeightPrecision.Int8, 1.0)]
    [InlineData(WeightPrecision.Int4, 0.5)]
    public void BytesPerParameter_Precision_IsStandardWidth(WeightPrecision precision, double bytes)
    {
        Assert.Equal(bytes, LoraCalculator.BytesPerParameter(precision));
    }

    [Fact]
    public void Estimate_RankZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoraCalculator.Estimate(TransformerDimensions.Gpt2Small, 0, LoraCalculator.AttentionMatrices, WeightPrecision.Fp16));
    }
}
