namespace LlmCourse.Core.Lab;

/// <summary>Why a continuation stopped.</summary>
public enum StopReason
{
    /// <summary>The end-of-sentence token was drawn.</summary>
    EndOfSentence,

    /// <summary><see cref="SamplingSettings.MaxTokens"/> tokens were generated.</summary>
    MaxTokens,
}

/// <summary>One drawn token: what it was and how likely it was before and after the settings.</summary>
/// <param name="Token">The token drawn (may be &lt;/s&gt;).</param>
/// <param name="RawProbability">The model's probability of it.</param>
/// <param name="FinalProbability">Its probability after temperature, top-k and top-p.</param>
/// <param name="CandidateCount">Tokens that could have been drawn (non-zero final probability).</param>
public sealed record GeneratedToken(string Token, double RawProbability, double FinalProbability, int CandidateCount);

/// <summary>One sampled continuation of a prompt.</summary>
/// <param name="Index">0-based number of the continuation.</param>
/// <param name="Text">The continuation as readable text (without &lt;/s&gt;).</param>
/// <param name="Tokens">Every drawn token in order, with its probabilities.</param>
/// <param name="StopReason">Why generation stopped.</param>
public sealed record Continuation(int Index, string Text, IReadOnlyList<GeneratedToken> Tokens, StopReason StopReason);

/// <summary>The continuations generated for a prompt with given settings.</summary>
public sealed record GenerationResult(string Prompt, SamplingSettings Settings, IReadOnlyList<Continuation> Continuations);

/// <summary>Samples continuations from an <see cref="NGramModel"/>.</summary>
public static class TextGenerator
{
    /// <summary>Most continuations one call may ask for.</summary>
    public const int MaxContinuations = 20;

    /// <summary>
    /// Generates <paramref name="count"/> continuations of <paramref name="prompt"/>, each stopping at
    /// &lt;/s&gt; or after <see cref="SamplingSettings.MaxTokens"/> tokens. One <c>new Random(seed)</c> drives all
    /// draws in order, so the same model, prompt, settings and count give the same text (System.Random with a
    /// seed is deterministic within a .NET version), while the continuations differ from one another.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting or <paramref name="count"/> is out of range.</exception>
    public static GenerationResult Generate(NGramModel model, string prompt, SamplingSettings settings, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        if (count < 1 || count > MaxContinuations)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of continuations must be between 1 and {MaxContinuations}.");
        }

        var random = new Random(settings.Seed);
        var (startU, startV) = NGramModel.ContextOf(prompt);
        var continuations = new List<Continuation>(count);
        for (var index = 0; index < count; index++)
        {
            var (u, v) = (startU, startV);
            var drawn = new List<GeneratedToken>();
            var reason = StopReason.MaxTokens;
            while (drawn.Count < settings.MaxTokens)
            {
                var distribution = model.NextTokenDistribution(u, v);
                var stages = Sampler.Apply(distribution.Tokens.Select(t => t.Probability).ToArray(), settings);
                var pick = Sampler.Draw(stages.Final, random);
                var token = distribution.Tokens[pick].Token;
                drawn.Add(new GeneratedToken(token, stages.Raw[pick], stages.Final[pick], stages.Final.Count(f => f > 0)));
                if (token == LabTokenizer.EndToken)
                {
                    reason = StopReason.EndOfSentence;
                    break;
                }

                (u, v) = (v, token);
            }

            var text = LabTokenizer.Detokenize(drawn.Select(d => d.Token));
            continuations.Add(new Continuation(index, text, drawn, reason));
        }

        return new GenerationResult(prompt, settings, continuations);
    }
}
