using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class BleuTests
{
    // sacreBLEU README "Using SacreBLEU from Python" example, also test/test_bleu.py (_refs/_hyps):
    // BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18),
    // exact score 48.530827 in test_bleu.py's test_corpus_bleu_cases.
    private static readonly IReadOnlyList<IReadOnlyList<string>> _readmeReferences =
    [
        ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
        ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
    ];

    private static readonly string[] _readmeHypotheses =
        ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    [Theory]
    [InlineData(BleuSmoothing.Exp)]
    [InlineData(BleuSmoothing.None)]
    public void CorpusBleu_SacreBleuReadmeExample_Matches48_530827(BleuSmoothing smoothing)
    {
        var result = SacreBleu.CorpusBleu(_readmeHypotheses, _readmeReferences, smoothing);

        Assert.Equal(48.530827, result.Score, 6);
    }

    [Fact]
    public void CorpusBleu_SacreBleuReadmeExample_ReportsPublishedStatistics()
    {
        var result = SacreBleu.CorpusBleu(_readmeHypotheses, _readmeReferences);

        Assert.Equal(17, result.HypothesisLength);
        Assert.Equal(18, result.ReferenceLength);
        Assert.Equal(0.943, result.BrevityPenalty, 3);
        Assert.Equal(0.944, result.Ratio, 3);
        Assert.Equal(new[] { 82.4, 50.0, 45.5, 37.5 }, result.Orders.Select(o => Math.Round(o.Precision, 1)));
        Assert.Equal(4, result.EffectiveOrder);
    }

    [Fact]
    public void CorpusBleu_EmptyHypotheses_IsZero()
    {
        // sacreBLEU test_bleu.py: (('', '', ''), _refs, {}, 0.0), "ensure that empty hypotheses are not removed".
        var result = SacreBleu.CorpusBleu(["", "", ""], _readmeReferences);

        Assert.Equal(0.0, result.Score);
        Assert.Equal(0, result.HypothesisLength);
        Assert.Equal(0.0, result.BrevityPenalty);
    }

    [Fact]
    public void CorpusBleu_StatisticsCase_MatchesPublishedCounts()
    {
        // sacreBLEU test_bleu.py test_case_statistics: counts [4, 2, 1, 0], totals [6, 5, 4, 3].
        var result = SacreBleu.CorpusBleu(["am I am a character sequence"], [["I am a symbol string sequence a a"]]);

        Assert.Equal(new[] { 4, 2, 1, 0 }, result.Orders.Select(o => o.Matched));
        Assert.Equal(new[] { 6, 5, 4, 3 }, result.Orders.Select(o => o.Total));
    }

    [Fact]
    public void Compute_PublishedStatistics_Matches0_8375922397()
    {
        // sacreBLEU test_bleu.py test_case_scoring: compute_bleu([9,7,5,3], [10,8,6,4], 11, 11) -> 0.8375922397 (x100).
        var result = SacreBleu.Compute([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, BleuSmoothing.None);

        Assert.Equal(83.75922397, result.Score, 6);
        Assert.Equal(1.0, result.BrevityPenalty);
    }

    [Theory]
    [InlineData(BleuSmoothing.Exp, 8.493)]
    [InlineData(BleuSmoothing.None, 0.0)]
    public void SentenceBleu_SacreBleuIssue98Example_MatchesPublished(BleuSmoothing smoothing, double expected)
    {
        // sacreBLEU test/test_sentence_bleu.py (example from issue #98), tokenizer 13a, effective order,
        // checked there with EPSILON 1e-3.
        const string reference = "producţia de zahăr brut se exprimă în zahăr alb;";
        const string hypothesis = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

        var result = SacreBleu.SentenceBleu(hypothesis, [reference], smoothing);

        Assert.InRange(result.Score, expected - 1e-3, expected + 1e-3);
    }

    [Fact]
    public void SentenceBleu_NoMatches_IsZero()
    {
        // sacreBLEU test/test_sentence_bleu.py test_cases_zero_bleu (issue #141): "this is a cat" vs "okay thanks" -> 0.0.
        Assert.Equal(0.0, SacreBleu.SentenceBleu("this is a cat", ["okay thanks"]).Score);
    }

    [Fact]
    public void SentenceBleu_ShortHypothesis_UsesEffectiveOrder()
    {
        // Hand computed: "a test" vs "a test": 2/2 unigrams, 1/1 bigram, no 3- or 4-grams, so the
        // effective order is 2 and BLEU = 100 · sqrt(1 · 1) = 100.
        var result = SacreBleu.SentenceBleu("a test", ["a test"]);

        Assert.Equal(100.0, result.Score, 9);
        Assert.Equal(2, result.EffectiveOrder);
    }

    [Fact]
    public void Compute_ExpSmoothing_HalvesEachZeroOrder()
    {
        // Hand computed from sacreBLEU's exp rule: order 3 and 4 have no matches, so their precisions are
        // 100/(2·4) = 12.5 and 100/(4·3) = 8.333…; BLEU = (100 · 50 · 12.5 · 8.333…)^(1/4) = 26.0847…
        var result = SacreBleu.Compute([6, 3, 0, 0], [6, 5, 4, 3], 6, 6, BleuSmoothing.Exp);

        Assert.Equal(12.5, result.Orders[2].Precision, 9);
        Assert.Equal(100.0 / 12, result.Orders[3].Precision, 9);
        Assert.Equal(Math.Pow(100 * 60.0 * 12.5 * (100.0 / 12), 0.25), result.Score, 9);
    }

    [Theory]
    [InlineData(5, new[] { 4, 6 }, 4)]
    [InlineData(5, new[] { 6, 4 }, 4)]
    [InlineData(5, new[] { 7, 3, 5 }, 5)]
    public void ClosestReferenceLength_Tie_PrefersShorter(int hypothesis, int[] references, int expected)
    {
        Assert.Equal(expected, SacreBleu.ClosestReferenceLength(hypothesis, references));
    }

    // Expected outputs derived by hand from the mteval-v13a regexes in sacrebleu/tokenizers/tokenizer_re.py.
    [Theory]
    [InlineData("Hello, world!", "Hello , world !")]
    [InlineData("It costs $3.50, i.e. 1,000 cents.", "It costs $ 3.50 , i . e . 1,000 cents .")]
    [InlineData("pages 5-6 and e-mail", "pages 5 - 6 and e-mail")]
    [InlineData("&quot;A&amp;B&quot; &lt;tag&gt;", "\" A & B \" < tag >")]
    [InlineData("line-\nbreak<skipped> here\nnow", "linebreak here now")]
    [InlineData("(a+b)/c {x} [y] ~`^_@#%", "( a + b ) / c { x } [ y ] ~ ` ^ _ @ # %")]
    [InlineData("U.S.A. isn't", "U . S . A . isn't")]
    public void Tokenize13a_Text_SeparatesPunctuationLikeMteval(string input, string expected)
    {
        Assert.Equal(expected, SacreBleu.Tokenize13a(input));
    }

    [Fact]
    public void CorpusBleu_MismatchedStreams_Throws()
    {
        Assert.Throws<ArgumentException>(() => SacreBleu.CorpusBleu(["a", "b"], [["a"]]));
    }
}
