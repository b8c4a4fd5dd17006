using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

/// <summary>chrF and chrF++ against sacreBLEU's test/test_chrf.py (v2.6.0, EPSILON 1e-4) and its README.</summary>
public sealed class ChrfTests
{
    private const double Epsilon = 1e-4;

    private static readonly IReadOnlyList<IReadOnlyList<string?>> _readmeReferences =
    [
        ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
        ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
    ];

    private static readonly string[] _readmeHypotheses =
        ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    private const string RiskHypothesis = " risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .";
    private const string RiskReference = "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .";

    // test_chrf.py test_cases: corpus_chrf(hyps, [refs], char_order=6, word_order=0, beta=3, eps_smoothing=True).
    [Theory]
    [InlineData(new[] { "abcdefg" }, new[] { "hijklmnop" }, 0.0)]
    [InlineData(new[] { "a" }, new[] { "b" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "b" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "ref" }, 0.0)]
    [InlineData(new[] { "" }, new[] { "reference" }, 0.0)]
    [InlineData(new[] { "aa" }, new[] { "ab" }, 8.3333)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" }, 8.3333)]
    [InlineData(new[] { "a" }, new[] { "a" }, 16.6667)]
    [InlineData(new[] { "a b c" }, new[] { "a b c" }, 50.0)]
    [InlineData(new[] { "a b c" }, new[] { "abc" }, 50.0)]
    [InlineData(new[] { RiskHypothesis }, new[] { RiskReference }, 63.361730)]
    [InlineData(
        new[] { " Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. " },
        new[] { "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich." },
        64.1302698)]
    [InlineData(
        new[] { "Niemand hat die Absicht, eine Mauer zu errichten" },
        new[] { "Niemand hat die Absicht, eine Mauer zu errichten" },
        100.0)]
    public void CorpusChrf_EpsSmoothingCases_MatchTestChrf(string[] hypotheses, string[] references, double expected)
    {
        var result = Chrf.CorpusChrf(hypotheses, [references], new ChrfOptions { Beta = 3, EpsSmoothing = true });

        Assert.InRange(result.Score, expected - Epsilon, expected + Epsilon);
    }

    // test_chrf.py test_cases_effective_order (sacreBLEU < 2.0 mode, the default): beta=3, eps_smoothing=False.
    [Theory]
    [InlineData(new[] { "a" }, new[] { "a" }, 100.0)]
    [InlineData(new[] { "" }, new[] { "reference" }, 0.0)]
    [InlineData(new[] { "a b c" }, new[] { "a b c" }, 100.0)]
    [InlineData(new[] { "a b c" }, new[] { "abc" }, 100.0)]
    [InlineData(new[] { "" }, new[] { "c" }, 0.0)]
    [InlineData(new[] { "a", "b" }, new[] { "a", "c" }, 50.0)]
    [InlineData(new[] { "aa" }, new[] { "ab" }, 25.0)]
    public void CorpusChrf_EffectiveOrderCases_MatchTestChrf(string[] hypotheses, string[] references, double expected)
    {
        var result = Chrf.CorpusChrf(hypotheses, [references], new ChrfOptions { Beta = 3 });

        Assert.InRange(result.Score, expected - Epsilon, expected + Epsilon);
    }

    // test_chrf.py test_cases_keep_whitespace: beta=3, remove_whitespace=False.
    [Theory]
    [InlineData(
        "Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.",
        67.3481606)]
    [InlineData(
        "risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        RiskReference,
        65.2414427)]
    public void CorpusChrf_KeepWhitespace_MatchesTestChrf(string hypothesis, string reference, double expected)
    {
        var result = Chrf.CorpusChrf([hypothesis], [[reference]], new ChrfOptions { Beta = 3, Whitespace = true });

        Assert.InRange(result.Score, expected - Epsilon, expected + Epsilon);
    }

    // test_chrf.py test_sentence_level_chrf: sentence_chrf(hyp, refs, eps_smoothing=True), defaults otherwise (chrF2).
    [Theory]
    [InlineData(
        "Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.",
        39.14078509)]
    [InlineData(
        "Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.",
        31.22557079)]
    [InlineData(
        "Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
        "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.",
        57.15704367)]
    public void SentenceChrf_SentenceLevelCases_MatchTestChrf(string hypothesis, string reference, double expected)
    {
        var result = Chrf.SentenceChrf(hypothesis, [reference], ChrfOptions.ChrF with { EpsSmoothing = true });

        Assert.InRange(result.Score, expected - Epsilon, expected + Epsilon);
    }

    [Fact]
    public void CorpusChrf_ReadmeExample_Is59_73()
    {
        // README "Using SacreBLEU from Python": CHRF().corpus_score(sys, refs) -> chrF2 = 59.73
        // (59.72751782684763 from sacreBLEU 2.6.0).
        var result = Chrf.CorpusChrf(_readmeHypotheses, _readmeReferences, ChrfOptions.ChrF);

        Assert.Equal(59.72751782684763, result.Score, 10);
        Assert.Equal("chrF2", result.Name);
        Assert.Equal("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no", result.Signature);
    }

    [Theory]
    [InlineData(false, 59.15310444399262)]
    [InlineData(true, 59.134638657694325)]
    public void CorpusChrfPlusPlus_ReadmeExample_MatchesSacreBleu(bool eps, double expected)
    {
        // sacreBLEU's suite has no chrF++ vector; these are sacreBLEU 2.6.0's CHRF(word_order=2[, eps_smoothing=True])
        // .corpus_score on the README example (signature nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no).
        var result = Chrf.CorpusChrf(_readmeHypotheses, _readmeReferences, ChrfOptions.ChrFPlusPlus with { EpsSmoothing = eps });

        Assert.Equal(expected, result.Score, 10);
        Assert.Equal("chrF2++", result.Name);
        Assert.Equal(8, result.Orders.Count);
        Assert.Equal([ChrfNGramKind.Word, ChrfNGramKind.Word], result.Orders.Skip(6).Select(o => o.Kind));
    }

    [Fact]
    public void SentenceChrfPlusPlus_TwoReferences_PicksBestAndMatchesSacreBleu()
    {
        // sacreBLEU 2.6.0: CHRF(word_order=2).sentence_score("It wasn't surprising.",
        // ["It was not unexpected.", "No one was surprised."]) -> 29.14513880802484.
        var result = Chrf.SentenceChrf("It wasn't surprising.", ["It was not unexpected.", "No one was surprised."], ChrfOptions.ChrFPlusPlus);

        Assert.Equal(29.14513880802484, result.Score, 10);
        Assert.Single(result.ReferenceIndices);
    }

    [Fact]
    public void CorpusChrf_EqualText_PerOrderStatisticsAreComplete()
    {
        // Hand computed: "abc" has 3, 2, 1 character n-grams of orders 1–3 and none above; all match.
        var result = Chrf.SentenceChrf("abc", ["abc"], ChrfOptions.ChrF);

        Assert.Equal(100.0, result.Score, 12);
        Assert.Equal([3, 2, 1, 0, 0, 0], result.Orders.Select(o => o.HypothesisCount));
        Assert.Equal(3, result.EffectiveOrder);
        Assert.Null(result.Orders[3].Precision);
        Assert.Equal(1.0, result.Orders[0].FScore);
    }

    [Theory]
    [InlineData("(hi)", new[] { "(hi", ")" })]
    [InlineData("hello, world!", new[] { "hello", ",", "world", "!" })]
    [InlineData("'quoted", new[] { "'", "quoted" })]
    [InlineData("a . b", new[] { "a", ".", "b" })]
    [InlineData("😀.", new[] { "😀", "." })]
    public void Words_Punctuation_SplitOffOneEndAsSacreBleu(string sentence, string[] expected)
    {
        // chrf.py _remove_punctuation: "This splits '(hi)' to '(hi' and ')' (issue #124)".
        Assert.Equal(expected, Chrf.Words(sentence));
    }

    [Theory]
    [InlineData(6, 0, 2, "chrF2")]
    [InlineData(6, 2, 2, "chrF2++")]
    [InlineData(6, 1, 3, "chrF3+")]
    public void Name_Options_FollowsSacreBleu(int charOrder, int wordOrder, int beta, string expected)
    {
        Assert.Equal(expected, new ChrfOptions { CharOrder = charOrder, WordOrder = wordOrder, Beta = beta }.Name);
    }

    [Fact]
    public void CorpusChrf_NoOrders_Throws()
    {
        var options = new ChrfOptions { CharOrder = 0, WordOrder = 0 };

        Assert.NotEmpty(options.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Chrf.SentenceChrf("a", ["a"], options));
    }
}
