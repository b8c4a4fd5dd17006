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

/// <summary>
/// Raw inputs of the ROUGE/BLEU/chrF tool. The option names follow the reference packages: sacreBLEU's BLEU
/// (<c>tokenize</c>, <c>smooth_method</c>, <c>smooth_value</c>, <c>lowercase</c>, <c>max_ngram_order</c>,
/// <c>effective_order</c>), its CHRF (<c>char_order</c>, <c>word_order</c>, <c>beta</c>, <c>lowercase</c>,
/// <c>whitespace</c>, <c>eps_smoothing</c>) and rouge-score's <c>use_stemmer</c>.
/// </summary>
public sealed class TextMetricsRequest
{
    /// <summary>The model's text. Lines are the sentences ROUGE-Lsum compares.</summary>
    public string? Candidate { get; set; }

    /// <summary>Human references: one per line, or the parameter repeated.</summary>
    public string[]? References { get; set; }

    /// <summary>ROUGE: Porter-stem tokens longer than 3 characters (true/false).</summary>
    public string? Stemmer { get; set; }

    /// <summary>BLEU smoothing: exp (default), floor, add-k or none.</summary>
    public string? Smoothing { get; set; }

    /// <summary>BLEU smoothing value for floor (default 0.1) and add-k (default 1); ignored by exp and none.</summary>
    public string? SmoothValue { get; set; }

    /// <summary>BLEU tokenizer: 13a (default), intl, char or none.</summary>
    public string? Tokenize { get; set; }

    /// <summary>BLEU: lower-case both sides first (true/false).</summary>
    public string? Lowercase { get; set; }

    /// <summary>BLEU: highest n-gram order, 1 to 20 (default 4).</summary>
    public string? MaxNgramOrder { get; set; }

    /// <summary>BLEU: average only the orders the candidate has (true, the sentence default, or false).</summary>
    public string? EffectiveOrder { get; set; }

    /// <summary>chrF: character n-gram orders, 0 to 20 (default 6).</summary>
    public string? CharOrder { get; set; }

    /// <summary>chrF: word n-gram orders, 0 to 20 (default 0; 2 is chrF++).</summary>
    public string? WordOrder { get; set; }

    /// <summary>chrF: β, recall's weight against precision, 0 to 100 (default 2).</summary>
    public string? Beta { get; set; }

    /// <summary>chrF: lower-case both sides first (true/false).</summary>
    public string? ChrfLowercase { get; set; }

    /// <summary>chrF: keep whitespace inside character n-grams (true/false).</summary>
    public string? Whitespace { get; set; }

    /// <summary>chrF: chrF++.py's epsilon smoothing instead of sacreBLEU's effective-order averaging (true/false).</summary>
    public string? EpsSmoothing { get; set; }
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

        var predicted = fields.LinesOf("predicted", "The predictions", request.Predicted, MaxLength, MaxLines, "label");
        var gold = fields.LinesOf("gold", "The gold labels", request.Gold, MaxLength, MaxLines, "label");
        if (predicted.Count > 0 && gold.Count > 0 && predicted.Count != gold.Count)
        {
            fields.Add("gold", $"Give one gold label per prediction: there are {predicted.Count} predictions but {gold.Count} gold labels.");
        }

        return new AccuracyQuery(predicted, gold);
    }
}

/// <summary>The ROUGE/BLEU/chrF tool's inputs, read and checked: the texts and each metric's settings.</summary>
public sealed record TextMetricsQuery(string Candidate, IReadOnlyList<string> References, bool Stemmer, BleuOptions Bleu, ChrfOptions Chrf)
{
    public const int MaxCandidateLength = 2_000;
    public const int MaxReferencesLength = 4_000;
    public const int MaxReferences = 10;

    /// <summary>Largest smoothing value accepted (sacreBLEU sets none; floor and add-k use small ones).</summary>
    public const double MaxSmoothValue = 100;

    public static TextMetricsQuery Default { get; } = new(
        "the cat sat on the mat",
        ["the cat is on the mat", "there is a cat on the mat"],
        false,
        BleuOptions.Sentence,
        ChrfOptions.ChrF);

    public static TextMetricsQuery Parse(TextMetricsRequest request, LabFields fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        var stemmer = fields.Flag("stemmer", "Stemmer", request.Stemmer, false);
        var bleu = ParseBleu(request, fields);
        var chrf = ParseChrf(request, fields);
        if (request.Candidate is null && request.References is null)
        {
            return Default with { Stemmer = stemmer, Bleu = bleu, Chrf = chrf };
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

        return new TextMetricsQuery(candidate, references, stemmer, bleu, chrf);
    }

    // sacreBLEU's names; anything else is a message naming the accepted values.
    private static BleuOptions ParseBleu(TextMetricsRequest request, LabFields fields)
    {
        var smoothing = BleuSmoothing.Exp;
        if (!string.IsNullOrWhiteSpace(request.Smoothing) && !SacreBleu.TryParseSmoothing(request.Smoothing, out smoothing))
        {
            fields.Add("smoothing", $"Smoothing must be {Names(SacreBleu.SmoothingMethods.Select(SacreBleu.SmoothingName))} (got \"{LabFields.Shorten(request.Smoothing)}\").");
        }

        var tokenizer = BleuTokenizer.Mteval13a;
        if (!string.IsNullOrWhiteSpace(request.Tokenize) && !BleuTokenizers.TryParse(request.Tokenize, out tokenizer))
        {
            fields.Add("tokenize", $"The tokenizer must be {Names(BleuTokenizers.All.Select(BleuTokenizers.Name))} (got \"{LabFields.Shorten(request.Tokenize)}\").");
        }

        double? smoothValue = string.IsNullOrWhiteSpace(request.SmoothValue)
            ? null
            : fields.Number("smoothValue", "The smoothing value", request.SmoothValue, 0, 0, MaxSmoothValue);
        var options = new BleuOptions
        {
            Smoothing = smoothing,
            SmoothingValue = smoothValue,
            Tokenizer = tokenizer,
            Lowercase = fields.Flag("lowercase", "Lowercase", request.Lowercase, false),
            MaxNGramOrder = fields.Integer("maxNgramOrder", "The maximum n-gram order", request.MaxNgramOrder, SacreBleu.MaxOrder, 1, BleuOptions.MaxNGramOrderLimit),
            EffectiveOrder = fields.Flag("effectiveOrder", "Effective order", request.EffectiveOrder, true),
        };
        return options;
    }

    private static ChrfOptions ParseChrf(TextMetricsRequest request, LabFields fields)
    {
        var charOrder = fields.Integer("charOrder", "The character order", request.CharOrder, ChrfOptions.ChrF.CharOrder, 0, ChrfOptions.MaxOrderLimit);
        var wordOrder = fields.Integer("wordOrder", "The word order", request.WordOrder, ChrfOptions.ChrF.WordOrder, 0, ChrfOptions.MaxOrderLimit);
        var options = new ChrfOptions
        {
            CharOrder = charOrder,
            WordOrder = wordOrder,
            Beta = fields.Integer("beta", "β", request.Beta, ChrfOptions.ChrF.Beta, 0, ChrfOptions.MaxBeta),
            Lowercase = fields.Flag("chrfLowercase", "Lowercase (chrF)", request.ChrfLowercase, false),
            Whitespace = fields.Flag("whitespace", "Keep whitespace", request.Whitespace, false),
            EpsSmoothing = fields.Flag("epsSmoothing", "Epsilon smoothing", request.EpsSmoothing, false),
        };

        // The ranges above are Core's; what is left is the rule that some order must be counted.
        if (fields.ErrorFor("charOrder") is null && fields.ErrorFor("wordOrder") is null)
        {
            foreach (var error in options.Validate())
            {
                fields.Add(error.Field, error.Message);
            }
        }

        return options.Validate().Count == 0 ? options : ChrfOptions.ChrF;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
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

/// <param name="RougeLsum">Summary-level LCS over the lines of candidate and reference (rouge-score's rougeLsum).</param>
public sealed record RougeReport(
    IReadOnlyList<string> CandidateTokens,
    IReadOnlyList<IReadOnlyList<string>> ReferenceTokens,
    RougeLine Rouge1,
    RougeLine Rouge2,
    RougeLine RougeL,
    RougeLine RougeLsum);

/// <summary>One BLEU n-gram order.</summary>
/// <param name="Precision">Percent; smoothed when nothing matched.</param>
/// <param name="Smoothed">True when the precision came from smoothing rather than matches alone.</param>
/// <param name="Used">True when the order enters the geometric mean (effective order).</param>
public sealed record BleuOrderLine(int Order, int Matched, int Total, double Precision, bool Smoothed, bool Used);

/// <param name="Score">BLEU, 0 to 100.</param>
/// <param name="CandidateTokens">The candidate as the chosen tokenizer (and lower-casing) leaves it.</param>
/// <param name="GeometricMean">exp(mean of the log precisions), in percent, before the brevity penalty.</param>
/// <param name="Smoothing">sacreBLEU's name of the smoothing method.</param>
/// <param name="SmoothingValue">The floor or add-k value in use; null for exp and none.</param>
/// <param name="Tokenizer">sacreBLEU's name of the tokenizer.</param>
/// <param name="Signature">sacreBLEU's signature of the settings (without its version field).</param>
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
    string Smoothing,
    double? SmoothingValue,
    string Tokenizer,
    bool Lowercase,
    int MaxNgramOrder,
    bool UsesEffectiveOrder,
    string Signature);

/// <summary>One chrF n-gram order (character or word).</summary>
/// <param name="Kind">"character" or "word".</param>
/// <param name="Precision">Matched / candidate n-grams (0–1); null when the candidate has none.</param>
/// <param name="Recall">Matched / reference n-grams (0–1); null when the reference has none.</param>
/// <param name="FScore">F-β of this order (0–1); null when it is undefined.</param>
/// <param name="Effective">Both sides have n-grams of this order, so it enters the averages.</param>
public sealed record ChrfOrderLine(string Kind, int Order, int CandidateCount, int ReferenceCount, int Matched, double? Precision, double? Recall, double? FScore, bool Effective);

/// <param name="Name">chrF2, chrF2++, … as sacreBLEU prints it.</param>
/// <param name="Score">0 to 100.</param>
/// <param name="AveragePrecision">Mean precision over the effective orders (0–1).</param>
/// <param name="AverageRecall">Mean recall over the effective orders (0–1).</param>
/// <param name="Reference">1-based number of the reference whose statistics were used (best F).</param>
public sealed record ChrfReport(
    string Name,
    double Score,
    IReadOnlyList<ChrfOrderLine> Orders,
    double AveragePrecision,
    double AverageRecall,
    int EffectiveOrder,
    int Reference,
    int CharOrder,
    int WordOrder,
    int Beta,
    bool Lowercase,
    bool Whitespace,
    bool EpsSmoothing,
    string Signature);

public sealed record TextMetricsReport(string Candidate, IReadOnlyList<string> References, bool Stemmer, RougeReport Rouge, BleuReport Bleu, ChrfReport Chrf);

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

        var options = query.Bleu;
        var bleu = SacreBleu.SentenceBleu(query.Candidate, query.References, options);
        var chrf = Chrf.SentenceChrf(query.Candidate, query.References, query.Chrf);
        return new TextMetricsReport(
            query.Candidate,
            query.References,
            query.Stemmer,
            new RougeReport(
                rouge.PredictionTokens,
                rouge.TargetTokens,
                Line("ROUGE-1", rouge.Rouge1),
                Line("ROUGE-2", rouge.Rouge2),
                Line("ROUGE-L", rouge.RougeL),
                Line("ROUGE-Lsum", rouge.RougeLsum)),
            new BleuReport(
                bleu.Score,
                SacreBleu.Tokens(query.Candidate, options),
                [.. query.References.Select(r => SacreBleu.Tokens(r, options))],
                [.. bleu.Orders.Select(o => new BleuOrderLine(o.Order, o.Matched, o.Total, o.Precision, o.Smoothed, o.Used))],
                bleu.HypothesisLength,
                bleu.ReferenceLength,
                bleu.Ratio,
                bleu.BrevityPenalty,
                bleu.EffectiveOrder,
                bleu.GeometricMean,
                SacreBleu.SmoothingName(options.Smoothing),
                options.EffectiveSmoothingValue,
                BleuTokenizers.Name(options.Tokenizer),
                options.Lowercase,
                options.MaxNGramOrder,
                options.EffectiveOrder,
                bleu.Signature),
            new ChrfReport(
                chrf.Name,
                chrf.Score,
                [.. chrf.Orders.Select(o => new ChrfOrderLine(
                    o.Kind == ChrfNGramKind.Character ? "character" : "word", o.Order, o.HypothesisCount, o.ReferenceCount, o.Matched, o.Precision, o.Recall, o.FScore, o.Effective))],
                chrf.AveragePrecision,
                chrf.AverageRecall,
                chrf.EffectiveOrder,
                chrf.ReferenceIndices[0] + 1,
                query.Chrf.CharOrder,
                query.Chrf.WordOrder,
                query.Chrf.Beta,
                query.Chrf.Lowercase,
                query.Chrf.Whitespace,
                query.Chrf.EpsSmoothing,
                chrf.Signature));
    }
}
