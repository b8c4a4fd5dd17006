using LlmCourse.Core.Lab;

namespace LlmCourse.Web.Lab;

/// <summary>Raw inputs of ROUGE over several pairs: candidate and reference on the same line number make a pair.</summary>
public sealed class RougePairsRequest
{
    /// <summary>The model's texts, one per line (or the parameter repeated).</summary>
    public string[]? Candidates { get; set; }

    /// <summary>The human references, one per line, in the candidates' order.</summary>
    public string[]? References { get; set; }

    /// <summary>Porter-stem tokens longer than 3 characters (true/false), rouge-score's <c>use_stemmer</c>.</summary>
    public string? Stemmer { get; set; }
}

/// <summary>The pairs, read and checked.</summary>
public sealed record RougePairsQuery(IReadOnlyList<string> Candidates, IReadOnlyList<string> References, bool Stemmer)
{
    public const int MaxPairs = 200;
    public const int MaxLength = 20_000;

    /// <summary>
    /// The bootstrap the page and the API run: rouge-score's defaults (95 % interval, 1,000 resamples) with its tests'
    /// seed, fixed so that the same pairs always give the same interval.
    /// </summary>
    public static BootstrapSettings Bootstrap { get; } = new();

    public static RougePairsQuery Default { get; } = new(
        ["the cat sat on the mat", "a dog barked at the postman", "rain is expected tomorrow afternoon", "the meeting moved to friday"],
        ["the cat is on the mat", "the dog barked loudly at the mailman", "tomorrow afternoon will be rainy", "the meeting was moved to friday morning"],
        false);

    public static RougePairsQuery Parse(RougePairsRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        var stemmer = fields.Flag("stemmer", "Stemmer", request.Stemmer, false);
        if (request.Candidates is null && request.References is null)
        {
            return Default with { Stemmer = stemmer };
        }

        var candidates = fields.LinesOf("candidates", "The candidates", request.Candidates, MaxLength, MaxPairs, "text");
        var references = fields.LinesOf("references", "The references", request.References, MaxLength, MaxPairs, "text");
        if (candidates.Count > 0 && references.Count > 0 && candidates.Count != references.Count)
        {
            fields.Add("references", $"Give one reference per candidate: there are {candidates.Count} candidates but {references.Count} references.");
        }

        return new RougePairsQuery(candidates, references, stemmer);
    }
}

/// <summary>One pair's F1 for each ROUGE type: what the bootstrap resamples.</summary>
public sealed record RougePairLine(int Index, string Candidate, string Reference, double Rouge1, double Rouge2, double RougeL, double RougeLsum);

/// <summary>
/// ROUGE over a set of pairs: each pair's scores and, per ROUGE type, the bootstrap interval of the mean precision,
/// recall and F1 (low, mid, high), with the settings that produced it.
/// </summary>
/// <param name="ConfidenceInterval">The interval's width, 0–1 (0.95: the 2.5th and 97.5th percentiles).</param>
/// <param name="Samples">Bootstrap resamples.</param>
/// <param name="Seed">Seed of NumPy's legacy random stream, as <c>np.random.seed</c> takes it.</param>
public sealed record RougePairsReport(
    int Pairs,
    bool Stemmer,
    double ConfidenceInterval,
    int Samples,
    uint Seed,
    IReadOnlyList<RougePairLine> Scores,
    IReadOnlyList<RougeAggregate> Intervals);

/// <summary>Scores each pair with Core's ROUGE and aggregates with Core's bootstrap (rouge-score's BootstrapAggregator).</summary>
public static class RougePairsLab
{
    public static RougePairsReport Run(RougePairsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var results = query.Candidates.Select((candidate, i) => Rouge.Score(query.References[i], candidate, query.Stemmer)).ToList();
        var settings = RougePairsQuery.Bootstrap;
        return new RougePairsReport(
            results.Count,
            query.Stemmer,
            settings.ConfidenceInterval,
            settings.Samples,
            settings.Seed,
            [.. results.Select((r, i) => new RougePairLine(i + 1, query.Candidates[i], query.References[i], r.Rouge1.F1, r.Rouge2.F1, r.RougeL.F1, r.RougeLsum.F1))],
            RougeBootstrap.Aggregate(results, settings));
    }
}
