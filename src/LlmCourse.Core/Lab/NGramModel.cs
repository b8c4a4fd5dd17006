namespace LlmCourse.Core.Lab;

/// <summary>
/// A word-level trigram language model with interpolated Kneser-Ney smoothing, trained once from texts.
/// </summary>
/// <remarks>
/// Formulation (Chen &amp; Goodman 1998, "An Empirical Study of Smoothing Techniques for Language Modeling",
/// TR-10-98, sec. 2.7 and 3; Jurafsky &amp; Martin, SLP3 ch. 3 "N-gram Language Models", interpolated
/// Kneser-Ney equations), with one absolute discount D for every order:
/// <code>
/// P3(w|u v) = max(c(u v w) - D, 0) / c(u v ·)  +  D · N1+(u v ·) / c(u v ·) · P2(w|v)
/// P2(w|v)   = max(N1+(· v w) - D, 0) / N1+(· v ·)  +  D · N1+(v ·)' / N1+(· v ·) · P1(w)
/// P1(w)     = max(N1+(· w) - D, 0) / N1+(· ·)  +  D · |{w : N1+(· w) &gt; 0}| / N1+(· ·) · 1/|V|
/// </code>
/// c = raw counts (top order only); N1+(· v w) = number of distinct words u seen before the bigram "v w"
/// (continuation count); N1+(v ·)' = number of distinct w with N1+(· v w) &gt; 0; N1+(· ·) = number of
/// distinct bigram types. When a context was never seen the level's first term is 0 and its weight is 1,
/// so the mass passes entirely to the lower order. The final uniform term (SLP3's λ(ε)/|V|) keeps every
/// vocabulary token strictly positive. V is every token seen in training plus &lt;/s&gt;, without &lt;s&gt;.
/// Each sentence is padded as "&lt;s&gt; &lt;s&gt; w1 … wn &lt;/s&gt;"; bigram types are the suffixes of the
/// trigram types, so (&lt;s&gt;, &lt;s&gt;) is not a bigram and &lt;s&gt; never gets probability.
/// </remarks>
public sealed class NGramModel
{
    /// <summary>The discount used unless another is given (Chen &amp; Goodman's usual fixed value).</summary>
    public const double DefaultDiscount = 0.75;

    private readonly Dictionary<(string U, string V), Dictionary<string, int>> _trigrams;
    private readonly Dictionary<(string U, string V), int> _trigramContextTotals;
    private readonly Dictionary<string, Dictionary<string, int>> _bigramContinuations;
    private readonly Dictionary<string, int> _bigramContextTotals;
    private readonly Dictionary<string, int> _unigramContinuations;
    private readonly int _bigramTypeCount;

    private NGramModel(
        double discount,
        IReadOnlyList<string> vocabulary,
        Dictionary<(string U, string V), Dictionary<string, int>> trigrams,
        Dictionary<string, Dictionary<string, int>> bigramContinuations,
        Dictionary<string, int> unigramContinuations,
        int sentenceCount,
        int tokenCount)
    {
        Discount = discount;
        Vocabulary = vocabulary;
        _trigrams = trigrams;
        _trigramContextTotals = trigrams.ToDictionary(kv => kv.Key, kv => kv.Value.Values.Sum());
        _bigramContinuations = bigramContinuations;
        _bigramContextTotals = bigramContinuations.ToDictionary(kv => kv.Key, kv => kv.Value.Values.Sum());
        _unigramContinuations = unigramContinuations;
        _bigramTypeCount = unigramContinuations.Values.Sum();
        SentenceCount = sentenceCount;
        TokenCount = tokenCount;
    }

    /// <summary>The absolute discount D applied at every order.</summary>
    public double Discount { get; }

    /// <summary>Every token the model can predict (sorted ordinally; includes &lt;/s&gt;, excludes &lt;s&gt;).</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>Number of training sentences.</summary>
    public int SentenceCount { get; }

    /// <summary>Number of training tokens, counting each sentence's &lt;/s&gt; but not the &lt;s&gt; padding.</summary>
    public int TokenCount { get; }

    /// <summary>Number of distinct trigrams seen in training.</summary>
    public int TrigramTypeCount => _trigrams.Values.Sum(d => d.Count);

    /// <summary>Trains the model on <paramref name="texts"/> (e.g. the course's published text).</summary>
    /// <exception cref="ArgumentException">The texts contain no tokens at all.</exception>
    public static NGramModel Train(IEnumerable<string> texts, double discount = DefaultDiscount)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (discount is <= 0 or >= 1 || double.IsNaN(discount))
        {
            throw new ArgumentOutOfRangeException(nameof(discount), discount, "The discount must be strictly between 0 and 1.");
        }

        var trigrams = new Dictionary<(string U, string V), Dictionary<string, int>>();
        var vocabulary = new HashSet<string>(StringComparer.Ordinal) { LabTokenizer.EndToken };
        var sentenceCount = 0;
        var tokenCount = 0;
        foreach (var text in texts)
        {
            foreach (var sentence in LabTokenizer.SplitSentences(text ?? ""))
            {
                sentenceCount++;
                var u = LabTokenizer.StartToken;
                var v = LabTokenizer.StartToken;
                foreach (var w in sentence.Append(LabTokenizer.EndToken))
                {
                    vocabulary.Add(w);
                    tokenCount++;
                    if (!trigrams.TryGetValue((u, v), out var followers))
                    {
                        followers = new Dictionary<string, int>(StringComparer.Ordinal);
                        trigrams[(u, v)] = followers;
                    }

                    followers[w] = followers.GetValueOrDefault(w) + 1;
                    (u, v) = (v, w);
                }
            }
        }

        if (sentenceCount == 0)
        {
            throw new ArgumentException("The training texts contain no tokens.", nameof(texts));
        }

        // Continuation counts: each distinct trigram (u, v, w) is one distinct left context u for "v w".
        var bigramContinuations = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((_, v), followers) in trigrams)
        {
            if (!bigramContinuations.TryGetValue(v, out var byWord))
            {
                byWord = new Dictionary<string, int>(StringComparer.Ordinal);
                bigramContinuations[v] = byWord;
            }

            foreach (var w in followers.Keys)
            {
                byWord[w] = byWord.GetValueOrDefault(w) + 1;
            }
        }

        // Each distinct bigram type (v, w) is one distinct left context v for w.
        var unigramContinuations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var byWord in bigramContinuations.Values)
        {
            foreach (var w in byWord.Keys)
            {
                unigramContinuations[w] = unigramContinuations.GetValueOrDefault(w) + 1;
            }
        }

        var sortedVocabulary = vocabulary.Order(StringComparer.Ordinal).ToList();
        return new NGramModel(discount, sortedVocabulary, trigrams, bigramContinuations, unigramContinuations, sentenceCount, tokenCount);
    }

    /// <summary>
    /// The two-token context the model conditions on after <paramref name="prompt"/>: the last two tokens of
    /// its unfinished last sentence, padded with &lt;s&gt;. A prompt ending in <c>. ! ?</c> starts a new sentence.
    /// </summary>
    public static (string U, string V) ContextOf(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var sentences = LabTokenizer.SplitSentences(prompt);
        if (sentences.Count == 0 || LabTokenizer.IsSentenceTerminator(sentences[^1][^1]))
        {
            return (LabTokenizer.StartToken, LabTokenizer.StartToken);
        }

        var last = sentences[^1];
        return last.Count == 1 ? (LabTokenizer.StartToken, last[0]) : (last[^2], last[^1]);
    }

    /// <summary>
    /// The probability of every vocabulary token following <paramref name="prompt"/>, most likely first,
    /// with every intermediate number of the interpolation.
    /// </summary>
    public TokenDistribution NextTokenDistribution(string prompt)
    {
        var (u, v) = ContextOf(prompt);
        return NextTokenDistribution(u, v, prompt);
    }

    /// <summary>The distribution after the explicit context "<paramref name="u"/> <paramref name="v"/>".</summary>
    public TokenDistribution NextTokenDistribution(string u, string v) => NextTokenDistribution(u, v, $"{u} {v}");

    private TokenDistribution NextTokenDistribution(string u, string v, string prompt)
    {
        var d = Discount;
        var vocabularySize = Vocabulary.Count;

        var unigramWeight = d * _unigramContinuations.Count / _bigramTypeCount;

        var bigramFollowers = _bigramContinuations.GetValueOrDefault(v);
        var bigramTotal = _bigramContextTotals.GetValueOrDefault(v);
        var bigramTypes = bigramFollowers?.Count ?? 0;
        var bigramWeight = bigramTotal > 0 ? d * bigramTypes / bigramTotal : 1.0;

        var trigramFollowers = _trigrams.GetValueOrDefault((u, v));
        var trigramTotal = _trigramContextTotals.GetValueOrDefault((u, v));
        var trigramTypes = trigramFollowers?.Count ?? 0;
        var trigramWeight = trigramTotal > 0 ? d * trigramTypes / trigramTotal : 1.0;

        var context = new KneserNeyContext(
            u, v, d, vocabularySize,
            trigramTotal, trigramTypes, trigramWeight,
            bigramTotal, bigramTypes, bigramWeight,
            _bigramTypeCount, _unigramContinuations.Count, unigramWeight);

        var tokens = new List<TokenProbability>(vocabularySize);
        foreach (var w in Vocabulary)
        {
            var unigramCount = _unigramContinuations.GetValueOrDefault(w);
            var unigramTerm = Math.Max(unigramCount - d, 0) / _bigramTypeCount;
            var unigramProbability = unigramTerm + (unigramWeight / vocabularySize);

            var bigramCount = bigramFollowers?.GetValueOrDefault(w) ?? 0;
            var bigramTerm = bigramTotal > 0 ? Math.Max(bigramCount - d, 0) / bigramTotal : 0;
            var bigramProbability = bigramTerm + (bigramWeight * unigramProbability);

            var trigramCount = trigramFollowers?.GetValueOrDefault(w) ?? 0;
            var trigramTerm = trigramTotal > 0 ? Math.Max(trigramCount - d, 0) / trigramTotal : 0;
            var probability = trigramTerm + (trigramWeight * bigramProbability);

            tokens.Add(new TokenProbability(
                w, probability,
                trigramCount, trigramTerm,
                bigramCount, bigramTerm, bigramProbability,
                unigramCount, unigramTerm, unigramProbability));
        }

        tokens.Sort(TokenProbability.MostLikelyFirst);
        return new TokenDistribution(prompt, context, tokens);
    }
}

/// <summary>The context-level numbers of one Kneser-Ney prediction (see <see cref="NGramModel"/>).</summary>
/// <param name="U">Second-to-last context token.</param>
/// <param name="V">Last context token.</param>
/// <param name="Discount">D.</param>
/// <param name="VocabularySize">|V|.</param>
/// <param name="TrigramContextCount">c(u v ·): how often the context was followed by anything.</param>
/// <param name="TrigramContextTypes">N1+(u v ·): distinct words seen after the context.</param>
/// <param name="TrigramBackoffWeight">λ3 = D·N1+(u v ·)/c(u v ·), or 1 for an unseen context.</param>
/// <param name="BigramContextTotal">N1+(· v ·): distinct trigram types with v in the middle.</param>
/// <param name="BigramContextTypes">N1+(v ·)': distinct w with a continuation count after v.</param>
/// <param name="BigramBackoffWeight">λ2, or 1 when v never appeared as a context.</param>
/// <param name="BigramTypeCount">N1+(· ·): distinct bigram types.</param>
/// <param name="UnigramTypes">Distinct words with a continuation count.</param>
/// <param name="UnigramBackoffWeight">λ1, the mass spread uniformly over V.</param>
public sealed record KneserNeyContext(
    string U,
    string V,
    double Discount,
    int VocabularySize,
    int TrigramContextCount,
    int TrigramContextTypes,
    double TrigramBackoffWeight,
    int BigramContextTotal,
    int BigramContextTypes,
    double BigramBackoffWeight,
    int BigramTypeCount,
    int UnigramTypes,
    double UnigramBackoffWeight);

/// <summary>One token's probability and the terms it is built from (see <see cref="NGramModel"/>).</summary>
/// <param name="Token">The predicted token.</param>
/// <param name="Probability">P3(w|u v), the final interpolated probability.</param>
/// <param name="TrigramCount">c(u v w).</param>
/// <param name="TrigramTerm">max(c(u v w) − D, 0)/c(u v ·).</param>
/// <param name="BigramContinuationCount">N1+(· v w).</param>
/// <param name="BigramTerm">max(N1+(· v w) − D, 0)/N1+(· v ·).</param>
/// <param name="BigramProbability">P2(w|v).</param>
/// <param name="UnigramContinuationCount">N1+(· w).</param>
/// <param name="UnigramTerm">max(N1+(· w) − D, 0)/N1+(· ·).</param>
/// <param name="UnigramProbability">P1(w).</param>
public sealed record TokenProbability(
    string Token,
    double Probability,
    int TrigramCount,
    double TrigramTerm,
    int BigramContinuationCount,
    double BigramTerm,
    double BigramProbability,
    int UnigramContinuationCount,
    double UnigramTerm,
    double UnigramProbability)
{
    /// <summary>Orders by probability descending, then token ordinally, so ties are deterministic.</summary>
    public static int MostLikelyFirst(TokenProbability a, TokenProbability b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byProbability = b.Probability.CompareTo(a.Probability);
        return byProbability != 0 ? byProbability : string.CompareOrdinal(a.Token, b.Token);
    }
}

/// <summary>The model's next-token distribution after a prompt, most likely token first.</summary>
/// <param name="Prompt">The prompt as given.</param>
/// <param name="Context">The context-level numbers.</param>
/// <param name="Tokens">Every vocabulary token with its probability; the probabilities sum to 1.</param>
public sealed record TokenDistribution(string Prompt, KneserNeyContext Context, IReadOnlyList<TokenProbability> Tokens);
