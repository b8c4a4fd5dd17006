using LlmCourse.Core.Lab;

namespace LlmCourse.Web.Lab;

/// <summary>Raw inputs of the accuracy tool: one label per line (several values are joined).</summary>
public sealed class AccuracyRequest
{
    /// <summary>The model's labels, one per line.</summary>
    public string[]? Predicted { get; set; }

    /// <summary>The correct labels, one per line, in the same order.</summary>
    public string[]? Gold { get; set; }
}

/// <summary>Raw inputs of the ROUGE/BLEU tool.</summary>
public sealed class TextMetricsRequest
{
    /// <summary>The model's text.</summary>
    public string? Candidate { get; set; }

    /// <summary>Human references: one per line, or the parameter repeated.</summary>
    public string[]? References { get; set; }

    /// <summary>Porter-stem ROUGE tokens longer than 3 characters (true/false).</summary>
    public string? Stemmer { get; set; }

    /// <summary>BLEU smoothing: exp (sacreBLEU's default) or none.</summary>
    public string? Smoothing { get; set; }
}

public sealed record AccuracyQuery(IReadOnlyList<string> Predicted, IReadOnlyList<string> Gold)
{
    public const int MaxLines = 200;
    public const int MaxLength = 10_000;

    public static AccuracyQuery Default { get; } = new(["positive", "negative", "positive", "positive", "neutral"], ["positive", "negative", "negative", "positive", "neutral"]);

    public static AccuracyQuery Parse(AccuracyRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        if (request.Predicted is null && request.Gold is null)
        {
            return Default;
        }

        var predicted = ReadLines(fields, "predicted", "The predictions", request.Predicted);
        var gold = ReadLines(fields, "gold", "The gold labels", request.Gold);
        if (predicted.Count > 0 && gold.Count > 0 && predicted.Count != gold.Count)
        {
            fields.Add("gold", $"Give one gold label per prediction: there are {predicted.Count} predictions but {gold.Count} gold labels.");
        }

        return new AccuracyQuery(predicted, gold);
    }

    private static IReadOnlyList<string> ReadLines(LabFields fields, string field, string label, string[]? raw)
    {
        var length = (raw ?? []).Sum(v => v?.Length ?? 0);
        if (length > MaxLength)
        {
            fields.Add(field, $"{label} are too long: at most {MaxLength:N0} characters (got {length:N0}).");
            return [];
        }

        var lines = LabFields.Lines(raw);
        if (lines.Count == 0)
        {
            fields.Add(field, $"{label} are empty: write one label per line.");
        }
        else if (lines.Count > MaxLines)
        {
            fields.Add(field, $"{label} have {lines.Count} lines; at most {MaxLines} are allowed.");
        }

        return lines;
    }
}

public sealed record TextMetricsQuery(string Candidate, IReadOnlyList<string> References, bool Stemmer, BleuSmoothing Smoothing)
{
    public const int MaxCandidateLength = 2_000;
    public const int MaxReferencesLength = 4_000;
    public const int MaxReferences = 10;

    public static TextMetricsQuery Default { get; } = new(
        "the cat sat on the mat",
        ["the cat is on the mat", "there is a cat on the mat"],
        false,
        BleuSmoothing.Exp);

    public static TextMetricsQuery Parse(TextMetricsRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        if (request.Candidate is null && request.References is null)
        {
            return Default with
            {
                Stemmer = fields.Flag("stemmer", "Stemmer", request.Stemmer, false),
                Smoothing = ParseSmoothing(request.Smoothing, fields),
            };
        }

        var candidate = fields.Text("candidate", "The candidate", request.Candidate, "", MaxCandidateLength, required: true).Trim();
        var referencesLength = (request.References ?? []).Sum(r => r?.Length ?? 0);
        IReadOnlyList<string> references = [];
        if (referencesLength > MaxReferencesLength)
        {
            fields.Add("references", $"The references are too long: at most {MaxReferencesLength:N0} characters (got {referencesLength:N0}).");
        }
        else
        {
            references = LabFields.Lines(request.References);
            if (references.Count == 0)
            {
                fields.Add("references", "Give at least one reference: one per line.");
            }
            else if (references.Count > MaxReferences)
            {
                fields.Add("references", $"There are {references.Count} references; at most {MaxReferences} are allowed.");
            }
        }

        return new TextMetricsQuery(candidate, references, fields.Flag("stemmer", "Stemmer", request.Stemmer, false), ParseSmoothing(request.Smoothing, fields));
    }

    private static BleuSmoothing ParseSmoothing(string? raw, LabFields fields)
    {
        switch ((raw ?? "").Trim().ToLowerInvariant())
        {
            case "" or "exp":
                return BleuSmoothing.Exp;
            case "none":
                return BleuSmoothing.None;
            default:
                fields.Add("smoothing", $"Smoothing must be exp or none (got \"{raw}\").");
                return BleuSmoothing.Exp;
        }
    }
}

public sealed record AccuracyItem(int Index, string Predicted, string Gold, bool Correct);

/// <summary>Accuracy = correct / total, with every comparison.</summary>
public sealed record AccuracyReport(int Correct, int Total, double Accuracy, IReadOnlyList<AccuracyItem> Items);

/// <summary>One ROUGE variant with the counts behind it.</summary>
/// <param name="Overlap">Shared n-grams (clipped) or the LCS length.</param>
/// <param name="CandidateCount">Candidate n-grams or tokens: precision's denominator.</param>
/// <param name="ReferenceCount">Reference n-grams or tokens: recall's denominator.</param>
/// <param name="Reference">1-based number of the reference that scored best.</param>
public sealed record RougeLine(string Name, int Overlap, int CandidateCount, int ReferenceCount, double Precision, double Recall, double F1, int Reference);

public sealed record RougeReport(
    IReadOnlyList<string> CandidateTokens,
    IReadOnlyList<IReadOnlyList<string>> ReferenceTokens,
    RougeLine Rouge1,
    RougeLine Rouge2,
    RougeLine RougeL);

/// <summary>One BLEU n-gram order.</summary>
/// <param name="Precision">Percent; smoothed when nothing matched.</param>
/// <param name="Smoothed">True when the precision came from smoothing rather than matches.</param>
/// <param name="Used">True when the order enters the geometric mean (effective order).</param>
public sealed record BleuOrderLine(int Order, int Matched, int Total, double Precision, bool Smoothed, bool Used);

/// <param name="Score">BLEU, 0 to 100.</param>
/// <param name="GeometricMean">exp(mean of the log precisions), in percent, before the brevity penalty.</param>
public sealed record BleuReport(
    double Score,
    IReadOnlyList<string> CandidateTokens,
    IReadOnlyList<IReadOnlyList<string>> ReferenceTokens,
    IReadOnlyList<BleuOrderLine> Orders,
    int CandidateLength,
    int ReferenceLength,
    double Ratio,
    double BrevityPenalty,
    int EffectiveOrder,
    double GeometricMean,
    string Smoothing);

public sealed record TextMetricsReport(string Candidate, IReadOnlyList<string> References, bool Stemmer, RougeReport Rouge, BleuReport Bleu);

/// <summary>Runs Core's metrics and reshapes them with the counts a learner needs to follow the arithmetic.</summary>
public static class EvaluationLab
{
    public static AccuracyReport Accuracy(AccuracyQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = LabelAccuracy.Compute(query.Predicted, query.Gold);
        return new AccuracyReport(
            result.Correct,
            result.Total,
            result.Accuracy,
            [.. result.Items.Select(i => new AccuracyItem(i.Index + 1, i.Predicted, i.Gold, i.Correct))]);
    }

    public static TextMetricsReport TextMetrics(TextMetricsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rouge = Rouge.ScoreMulti(query.References, query.Candidate, query.Stemmer);
        static RougeLine Line(string name, RougeScore s) =>
            new(name, s.Overlap, s.PredictionCount, s.TargetCount, s.Precision, s.Recall, s.F1, s.TargetIndex + 1);

        var bleu = SacreBleu.SentenceBleu(query.Candidate, query.References, query.Smoothing);
        var orders = bleu.Orders
            .Select(o => new BleuOrderLine(o.Order, o.Matched, o.Total, o.Precision, o.Matched == 0 && o.Precision > 0, o.Order <= bleu.EffectiveOrder))
            .ToList();
        var geometricMean = bleu.BrevityPenalty > 0 ? bleu.Score / bleu.BrevityPenalty : 0;

        return new TextMetricsReport(
            query.Candidate,
            query.References,
            query.Stemmer,
            new RougeReport(rouge.PredictionTokens, rouge.TargetTokens, Line("ROUGE-1", rouge.Rouge1), Line("ROUGE-2", rouge.Rouge2), Line("ROUGE-L", rouge.RougeL)),
            new BleuReport(
                bleu.Score,
                Tokens13a(query.Candidate),
                [.. query.References.Select(Tokens13a)],
                orders,
                bleu.HypothesisLength,
                bleu.ReferenceLength,
                bleu.Ratio,
                bleu.BrevityPenalty,
                bleu.EffectiveOrder,
                geometricMean,
                query.Smoothing == BleuSmoothing.Exp ? "exp" : "none"));
    }

    private static IReadOnlyList<string> Tokens13a(string text) =>
        SacreBleu.Tokenize13a(text.TrimEnd()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
