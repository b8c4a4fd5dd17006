using LlmCourse.Core.Lab;

namespace LlmCourse.Web.Lab;

/// <summary>The sampling playground's raw inputs (query string), shared by the page and the API.</summary>
public sealed class SamplingRequest
{
    /// <summary>Text the model continues.</summary>
    public string? Prompt { get; set; }

    /// <summary>0 to 2; 0 is greedy.</summary>
    public string? Temperature { get; set; }

    /// <summary>Keep the k most likely tokens; 0 turns top-k off.</summary>
    public string? TopK { get; set; }

    /// <summary>Nucleus mass 0 to 1; 1 turns top-p off.</summary>
    public string? TopP { get; set; }

    /// <summary>Tokens generated per continuation, 1 to 100.</summary>
    public string? MaxTokens { get; set; }

    /// <summary>Seed of the random draws: the same seed gives the same text.</summary>
    public string? Seed { get; set; }

    /// <summary>Number of continuations, 1 to 5.</summary>
    public string? Samples { get; set; }
}

/// <summary>Validated playground inputs.</summary>
public sealed record SamplingQuery(string Prompt, SamplingSettings Settings, int Samples)
{
    public const string DefaultPrompt = "A low temperature";
    public const int MaxPromptLength = 500;
    public const int MaxTokensInLab = 100;
    public const int MaxSamples = 5;
    public const int MaxTopK = 1000;

    public static SamplingQuery Default { get; } = new(DefaultPrompt, new SamplingSettings(1.0, 0, 1.0, 20, 42), 3);

    /// <summary>Reads and checks the inputs; blank fields take the defaults.</summary>
    public static SamplingQuery Parse(SamplingRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        var d = Default.Settings;
        var prompt = fields.Text("prompt", "The prompt", request.Prompt, DefaultPrompt, MaxPromptLength);
        var settings = new SamplingSettings(
            fields.Number("temperature", "Temperature", request.Temperature, d.Temperature, 0, SamplingSettings.MaxTemperature),
            fields.Integer("topK", "Top-k", request.TopK, d.TopK, 0, MaxTopK),
            fields.Number("topP", "Top-p", request.TopP, d.TopP, 0, 1),
            fields.Integer("maxTokens", "Max tokens", request.MaxTokens, d.MaxTokens, 1, MaxTokensInLab),
            fields.Integer("seed", "Seed", request.Seed, d.Seed, 0, int.MaxValue));

        // Core's own rules are the final word; anything it rejects is reported under its field.
        foreach (var error in settings.Validate())
        {
            fields.Add(char.ToLowerInvariant(error.Field[0]) + error.Field[1..], error.Message);
        }

        var samples = fields.Integer("samples", "Continuations", request.Samples, Default.Samples, 1, MaxSamples);
        return new SamplingQuery(prompt, settings, samples);
    }
}

/// <summary>What the model was trained on.</summary>
public sealed record LabModelInfo(string Revision, IReadOnlyList<int> Weeks, int Documents, int Sentences, int Tokens, int Vocabulary, double Discount);

/// <summary>The two context tokens the trigram model conditions on and how often it has seen them.</summary>
/// <param name="TrigramContextCount">c(u v ·): how often the pair was followed by anything in training.</param>
/// <param name="TrigramContextTypes">Distinct tokens seen after the pair.</param>
public sealed record SamplingContext(string U, string V, int TrigramContextCount, int TrigramContextTypes);

/// <summary>One bar group of the chart: a token at each stage.</summary>
/// <param name="AfterTopK">Tempered probability renormalised over the top-k survivors (what top-p looks at).</param>
/// <param name="CumulativeAfterTopK">Running total of <paramref name="AfterTopK"/> down to this row: top-p keeps rows until it reaches p.</param>
/// <param name="Final">Probability of being drawn.</param>
public sealed record SamplingTokenRow(
    int Rank,
    string Token,
    double Raw,
    double Tempered,
    bool KeptByTopK,
    double AfterTopK,
    double CumulativeAfterTopK,
    bool KeptByTopP,
    double Final);

/// <summary>One drawn token.</summary>
public sealed record SampledToken(string Token, double Raw, double Final, int Candidates);

/// <summary>One generated continuation.</summary>
/// <param name="StopReason">"end-of-sentence" or "max-tokens".</param>
public sealed record SampledContinuation(int Index, string Text, string StopReason, IReadOnlyList<SampledToken> Tokens);

/// <summary>The playground's answer: the next-token distribution at each stage and sampled continuations.</summary>
/// <param name="Argmax">The single most likely next token (what temperature 0 always picks).</param>
/// <param name="TokenCount">Tokens in the whole vocabulary distribution.</param>
/// <param name="KeptCount">Tokens that can still be drawn after all settings.</param>
/// <param name="KeptRawMass">Raw probability mass of those tokens.</param>
/// <param name="Rows">The most likely tokens by raw probability, for the chart.</param>
public sealed record SamplingReport(
    string Prompt,
    SamplingSettings Settings,
    int Samples,
    LabModelInfo Model,
    SamplingContext Context,
    string Argmax,
    int TokenCount,
    int KeptCount,
    double KeptRawMass,
    IReadOnlyList<SamplingTokenRow> Rows,
    IReadOnlyList<SampledContinuation> Continuations);

/// <summary>Runs the playground on the shared model.</summary>
public sealed class SamplingLab(LabModelProvider models)
{
    /// <summary>Bars shown in the chart.</summary>
    public const int ChartRows = 12;

    /// <summary>The report, or null when no visible week has text to train on.</summary>
    public SamplingReport? Run(SamplingQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trained = models.Current();
        if (trained is null)
        {
            return null;
        }

        var model = trained.Model;
        var distribution = model.NextTokenDistribution(query.Prompt);
        var probabilities = distribution.Tokens.Select(t => t.Probability).ToArray();
        var stages = Sampler.Apply(probabilities, query.Settings);
        var breakdown = Sampler.Explain(distribution, query.Settings, ChartRows);

        // The distribution comes most likely first, so row rank r is index r - 1 of the stages.
        var topKMass = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            topKMass += stages.KeptByTopK[i] ? stages.Tempered[i] : 0;
        }

        var cumulative = 0.0;
        var rows = new List<SamplingTokenRow>(breakdown.Rows.Count);
        foreach (var row in breakdown.Rows)
        {
            var afterTopK = row.KeptByTopK && topKMass > 0 ? row.TemperedProbability / topKMass : 0;
            cumulative += afterTopK;
            rows.Add(new SamplingTokenRow(
                row.Rank, row.Token, row.RawProbability, row.TemperedProbability, row.KeptByTopK,
                afterTopK, Math.Min(cumulative, 1), row.KeptByTopP, row.FinalProbability));
        }

        var generation = TextGenerator.Generate(model, query.Prompt, query.Settings, query.Samples);
        var continuations = generation.Continuations
            .Select(c => new SampledContinuation(
                c.Index,
                c.Text,
                c.StopReason == StopReason.EndOfSentence ? "end-of-sentence" : "max-tokens",
                [.. c.Tokens.Select(t => new SampledToken(t.Token, t.RawProbability, t.FinalProbability, t.CandidateCount))]))
            .ToList();

        var context = distribution.Context;
        return new SamplingReport(
            query.Prompt,
            query.Settings,
            query.Samples,
            new LabModelInfo(trained.Revision, trained.Weeks, trained.Documents, model.SentenceCount, model.TokenCount, model.Vocabulary.Count, model.Discount),
            new SamplingContext(context.U, context.V, context.TrigramContextCount, context.TrigramContextTypes),
            distribution.Tokens[0].Token,
            breakdown.TokenCount,
            breakdown.KeptCount,
            breakdown.KeptRawMass,
            rows,
            continuations);
    }
}
