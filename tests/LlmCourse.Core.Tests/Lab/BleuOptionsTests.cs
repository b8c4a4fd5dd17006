using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

/// <summary>
/// Every sacreBLEU BLEU option against the cases of sacreBLEU's own suite (github.com/mjpost/sacrebleu, test/
/// test_bleu.py and test/test_sentence_bleu.py, v2.6.0) and its README. Each test names the case it reproduces.
/// </summary>
public sealed class BleuOptionsTests
{
    // test_bleu.py's EPSILON for corpus BLEU (absolute, on the 0–100 score) and test_sentence_bleu.py's.
    private const double CorpusEpsilon = 1e-8;
    private const double SentenceEpsilon = 1e-3;

    // The README example, also test_bleu.py's _refs and _hyps.
    private static readonly IReadOnlyList<IReadOnlyList<string?>> _references =
    [
        ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
        ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
    ];

    private static readonly string[] _hypotheses =
        ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    // test_sentence_bleu.py, example from sacreBLEU issue #98.
    private const string Issue98Reference = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string Issue98Hypothesis = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    // sacreBLEU's compat.raw_corpus_bleu: tokenize "none", floor smoothing with the given value, effective order.
    private static BleuOptions Raw(double? floor = 0.01) => new()
    {
        Tokenizer = BleuTokenizer.None,
        Smoothing = BleuSmoothing.Floor,
        SmoothingValue = floor,
        EffectiveOrder = true,
    };

    [Theory]
    [InlineData(BleuTokenizer.None, BleuSmoothing.Exp, 49.1919566)]
    [InlineData(BleuTokenizer.Mteval13a, BleuSmoothing.Exp, 48.530827)]
    [InlineData(BleuTokenizer.International, BleuSmoothing.Exp, 43.91623493)]
    [InlineData(BleuTokenizer.Mteval13a, BleuSmoothing.None, 48.530827)]
    public void CorpusBleu_TestBleuCorpusCases_MatchSacreBleu(BleuTokenizer tokenizer, BleuSmoothing smoothing, double expected)
    {
        // test_bleu.py test_corpus_bleu_cases: {'tokenize': 'none'} 49.1919566, '13a' 48.530827, 'intl' 43.91623493,
        // {'smooth_method': 'none'} 48.530827.
        var result = SacreBleu.CorpusBleu(_hypotheses, _references, new BleuOptions { Tokenizer = tokenizer, Smoothing = smoothing });

        Assert.InRange(result.Score, expected - CorpusEpsilon, expected + CorpusEpsilon);
    }

    [Theory]
    [InlineData(new[] { "this is a test", "another test" }, new[] { "ref1", "ref2" }, 0.0)]
    [InlineData(new[] { "this is a test" }, new[] { "this is a test" }, 1.0)]
    [InlineData(new[] { "this is a fest" }, new[] { "this is a test" }, 0.223606797749979)]
    [InlineData(new[] { "test" }, new[] { "a test" }, 0.3678794411714425)]
    [InlineData(new[] { "a test" }, new[] { "a test" }, 1.0)]
    [InlineData(new[] { "a little test" }, new[] { "a test" }, 0.03218297948685433)]
    public void CorpusBleu_RawFloorEffectiveOrderCases_MatchSacreBleu(string[] hypotheses, string[] references, double expected)
    {
        // test_bleu.py test_raw_bleu_cases and test_case_effective_order: raw_corpus_bleu(hyps, refs, .01) / 100.
        var result = SacreBleu.CorpusBleu(hypotheses, [references], Raw());

        Assert.InRange(result.Score / 100, expected - CorpusEpsilon, expected + CorpusEpsilon);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(null, 0.1555722182)]
    [InlineData(0.1, 0.1555722182)]
    public void CorpusBleu_FloorOffset_MatchesTestOffset(double? floor, double expected)
    {
        // test_bleu.py test_offset: 0.1555722182 with the floor default (None → 0.1), 0 with floor 0.
        var result = SacreBleu.CorpusBleu(["am I am a character sequence"], [["I am a symbol string sequence a a"]], Raw(floor));

        Assert.InRange(result.Score / 100, expected - CorpusEpsilon, expected + CorpusEpsilon);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 4, 4, 2, 1 }, 0, 1, 0.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 10, 11, 12, 0 }, 14, 10, 0.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 0, 0, 0 }, 0, 0, 0.0)]
    [InlineData(new[] { 6, 5, 4, 0 }, new[] { 6, 5, 4, 3 }, 6, 6, 0.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 0, 0, 0 }, 0, 0, 0.1)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 0, 0, 0 }, 1, 5, 0.01)]
    public void Compute_DegenerateStatistics_AreExactlyZero(int[] matched, int[] totals, int hypLength, int refLength, double floor)
    {
        // test_bleu.py test_degenerate_statistics: floor smoothing with these offsets gives exactly 0.0.
        var result = SacreBleu.Compute(matched, totals, hypLength, refLength, BleuSmoothing.Floor, smoothingValue: floor);

        Assert.Equal(0.0, result.Score);
    }

    [Theory]
    [InlineData(1, "77.65")]
    [InlineData(2, "60.50")]
    [InlineData(3, "53.93")]
    [InlineData(4, "48.53")]
    [InlineData(5, "46.14")]
    [InlineData(6, "43.28")]
    public void CorpusBleu_MaxNGramOrder_MatchesTestMaxNGramOrder(int order, string expected)
    {
        // test_bleu.py test_max_ngram_order: f"{bleu.score:.2f}" for BLEU(max_ngram_order=order).
        var result = SacreBleu.CorpusBleu(_hypotheses, _references, new BleuOptions { MaxNGramOrder = order });

        Assert.Equal(expected, result.Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(order, result.Orders.Count);
    }

    [Theory]
    [InlineData(BleuSmoothing.Exp, null, false, BleuTokenizer.Mteval13a, 8.493)]
    [InlineData(BleuSmoothing.None, null, false, BleuTokenizer.Mteval13a, 0.0)]
    [InlineData(BleuSmoothing.Floor, null, false, BleuTokenizer.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.1, false, BleuTokenizer.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.5, false, BleuTokenizer.Mteval13a, 10.10)]
    [InlineData(BleuSmoothing.AddK, null, false, BleuTokenizer.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 1.0, false, BleuTokenizer.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 2.0, false, BleuTokenizer.Mteval13a, 21.389)]
    [InlineData(BleuSmoothing.Exp, null, false, BleuTokenizer.None, 7.347)]
    [InlineData(BleuSmoothing.Exp, null, false, BleuTokenizer.International, 8.493)]
    [InlineData(BleuSmoothing.Exp, null, false, BleuTokenizer.Character, 40.8759)]
    [InlineData(BleuSmoothing.Exp, null, true, BleuTokenizer.Character, 42.0267)]
    public void SentenceBleu_TestSentenceBleuCases_MatchSacreBleu(
        BleuSmoothing smoothing, double? value, bool lowercase, BleuTokenizer tokenizer, double expected)
    {
        // test_sentence_bleu.py test_cases (EPSILON 1e-3), effective order on.
        var options = BleuOptions.Sentence with { Smoothing = smoothing, SmoothingValue = value, Lowercase = lowercase, Tokenizer = tokenizer };

        var result = SacreBleu.SentenceBleu(Issue98Hypothesis, [Issue98Reference], options);

        Assert.InRange(result.Score, expected - SentenceEpsilon, expected + SentenceEpsilon);
    }

    [Theory]
    [InlineData(BleuSmoothing.Exp, null)]
    [InlineData(BleuSmoothing.None, null)]
    [InlineData(BleuSmoothing.Floor, null)]
    [InlineData(BleuSmoothing.Floor, 0.1)]
    [InlineData(BleuSmoothing.AddK, null)]
    [InlineData(BleuSmoothing.AddK, 1.0)]
    public void SentenceBleu_NoMatchUnderAnySmoothing_IsZero(BleuSmoothing smoothing, double? value)
    {
        // test_sentence_bleu.py test_cases_zero_bleu (issue #141): "this is a cat" vs "okay thanks" -> 0.0.
        var options = BleuOptions.Sentence with { Smoothing = smoothing, SmoothingValue = value };

        Assert.Equal(0.0, SacreBleu.SentenceBleu("this is a cat", ["okay thanks"], options).Score);
    }

    [Fact]
    public void CorpusBleu_EmptyFirstReference_MatchesReadmeVariableReferences()
    {
        // README "Variable Number of References": the first segment's first reference replaced by '' gives
        // BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19).
        var result = SacreBleu.CorpusBleu(
            _hypotheses,
            [["", "It was not unexpected.", "The man bit him first."], _references[1]],
            BleuOptions.Corpus);

        Assert.Equal("29.44", result.Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([82.4, 42.9, 27.3, 12.5], result.Orders.Select(o => Math.Round(o.Precision, 1)));
        Assert.Equal((17, 19), (result.HypothesisLength, result.ReferenceLength));
        Assert.Equal(0.889, result.BrevityPenalty, 3);
        Assert.Equal(0.895, result.Ratio, 3);
    }

    [Fact]
    public void CorpusBleu_EmptyAndMissingReferences_DifferInLengthOnly()
    {
        // sacreBLEU's code (metrics/base.py _cache_references) drops None references but keeps '' as a
        // reference of length 0, so the closest length for a one-token hypothesis is 0 with '' and 4 without it
        // (sacreBLEU 2.6.0 gives BP 1.000 and 0.050). The README says '' and None both mean "no reference".
        var withEmpty = SacreBleu.CorpusBleu(["a"], [[""], ["a b c d"]], BleuOptions.Corpus);
        var withMissing = SacreBleu.CorpusBleu(["a"], [[null], ["a b c d"]], BleuOptions.Corpus);

        Assert.Equal((0, 1.0), (withEmpty.ReferenceLength, withEmpty.BrevityPenalty));
        Assert.Equal(4, withMissing.ReferenceLength);
        Assert.Equal(Math.Exp(1 - 4.0), withMissing.BrevityPenalty, 12);
        Assert.StartsWith("nrefs:2|", withEmpty.Signature, StringComparison.Ordinal);
        Assert.StartsWith("nrefs:1|", withMissing.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void CorpusBleu_AddK_AddsToEveryOrderAboveTheFirst()
    {
        // sacreBLEU 2.6.0, BLEU(smooth_method='add-k').corpus_score on the README example: 52.70109002482467.
        // Hand check of the rule: order 2 is (8 + 1)/(14 + 1) etc., order 1 stays 14/17.
        var result = SacreBleu.CorpusBleu(_hypotheses, _references, new BleuOptions { Smoothing = BleuSmoothing.AddK });

        Assert.Equal(52.70109002482467, result.Score, 10);
        Assert.False(result.Orders[0].Smoothed);
        Assert.All(result.Orders.Skip(1), o => Assert.True(o.Smoothed));
        Assert.Equal(100.0 * (result.Orders[1].Matched + 1) / (result.Orders[1].Total + 1), result.Orders[1].Precision, 12);
    }

    [Theory]
    [InlineData(BleuSmoothing.Exp, null, false, false, BleuTokenizer.Mteval13a, "nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp")]
    [InlineData(BleuSmoothing.Floor, 0.5, false, false, BleuTokenizer.Mteval13a, "nrefs:2|case:mixed|eff:no|tok:13a|smooth:floor[0.50]")]
    [InlineData(BleuSmoothing.AddK, null, false, false, BleuTokenizer.Mteval13a, "nrefs:2|case:mixed|eff:no|tok:13a|smooth:add-k[1.00]")]
    [InlineData(BleuSmoothing.Exp, null, true, true, BleuTokenizer.International, "nrefs:2|case:lc|eff:yes|tok:intl|smooth:exp")]
    [InlineData(BleuSmoothing.None, null, false, false, BleuTokenizer.Character, "nrefs:2|case:mixed|eff:no|tok:char|smooth:none")]
    public void CorpusBleu_Signature_MatchesSacreBleuWithoutVersion(
        BleuSmoothing smoothing, double? value, bool lowercase, bool effective, BleuTokenizer tokenizer, string expected)
    {
        // Signatures printed by sacreBLEU 2.6.0's BLEU(...).get_signature(), minus "|version:2.6.0".
        var options = new BleuOptions { Smoothing = smoothing, SmoothingValue = value, Lowercase = lowercase, EffectiveOrder = effective, Tokenizer = tokenizer };

        Assert.Equal(expected, SacreBleu.CorpusBleu(_hypotheses, _references, options).Signature);
    }

    [Theory]
    [InlineData("Hello, world! It costs $3.50 (or 3,000¥).", "Hello , world ! It costs $ 3.50 ( or 3,000 ¥ ) .")]
    [InlineData("Released in 2024.", "Released in 2024.")]
    [InlineData("«Bonjour» — dit-il…", "« Bonjour » — dit - il …")]
    [InlineData("smile 😀!", "smile 😀 !")]
    [InlineData("a+b=c", "a + b = c")]
    [InlineData("e-mail: x@y.z", "e - mail : x @ y . z")]
    public void TokenizeInternational_Text_MatchesMteval14(string input, string expected)
    {
        // Outputs of sacreBLEU 2.6.0's TokenizerV14International; "2024." keeps its period, the mteval-v14
        // quirk its docstring describes, and the emoji (a symbol outside the BMP) is split off like "¥".
        Assert.Equal(expected, BleuTokenizers.TokenizeInternational(input));
    }

    [Fact]
    public void Tokens_CharacterTokenizer_OneTokenPerCodePoint()
    {
        // tokenizer_char.py joins every character with a space; whitespace then disappears in the split.
        var tokens = SacreBleu.Tokens("ab c😀", new BleuOptions { Tokenizer = BleuTokenizer.Character });

        Assert.Equal(["a", "b", "c", "😀"], tokens);
    }

    [Fact]
    public void Tokens_Lowercase_FollowsPythonLower()
    {
        // Python: "ΟΔΟΣ İstanbul".lower() == "οδος i̇stanbul" (final sigma; İ becomes i + combining dot).
        var tokens = SacreBleu.Tokens("ΟΔΟΣ İstanbul", new BleuOptions { Lowercase = true, Tokenizer = BleuTokenizer.None });

        Assert.Equal(["οδος", "i\u0307stanbul"], tokens);
    }

    [Theory]
    [InlineData("ΟΔΟΣ.", "οδος.")]
    [InlineData("Σ", "σ")]
    [InlineData("ΣΑ", "σα")]
    [InlineData("AΣ'", "aς'")]
    [InlineData("ABC\u001cDEF", "abc\u001cdef")]
    public void Lower_GreekSigma_FollowsFinalSigmaRule(string input, string expected)
    {
        // Python 3.11 str.lower() outputs.
        Assert.Equal(expected, PythonText.Lower(input));
    }

    [Fact]
    public void Tokens_PythonOnlyWhitespace_SplitsLikeStrSplit()
    {
        // U+001C..U+001F are whitespace to Python's str.split() but not to .NET's char.IsWhiteSpace.
        var tokens = SacreBleu.Tokens("a\u001fb", new BleuOptions { Tokenizer = BleuTokenizer.None });

        Assert.Equal(["a", "b"], tokens);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(BleuOptions.MaxNGramOrderLimit + 1)]
    public void CorpusBleu_OrderOutOfRange_Throws(int order)
    {
        var options = new BleuOptions { MaxNGramOrder = order };

        Assert.Single(options.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => SacreBleu.CorpusBleu(_hypotheses, _references, options));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_BadSmoothingValue_IsReported(double value)
    {
        var errors = new BleuOptions { Smoothing = BleuSmoothing.Floor, SmoothingValue = value }.Validate();

        Assert.Equal("smoothingValue", Assert.Single(errors).Field);
    }

    [Fact]
    public void CorpusBleu_SegmentWithoutReference_Throws()
    {
        Assert.Throws<ArgumentException>(() => SacreBleu.CorpusBleu(["a", "b"], [["a", null]], BleuOptions.Corpus));
    }

    [Theory]
    [InlineData("exp", BleuSmoothing.Exp)]
    [InlineData(" Floor ", BleuSmoothing.Floor)]
    [InlineData("add-k", BleuSmoothing.AddK)]
    [InlineData("none", BleuSmoothing.None)]
    public void TryParseSmoothing_SacreBleuNames_RoundTrip(string name, BleuSmoothing expected)
    {
        Assert.True(SacreBleu.TryParseSmoothing(name, out var smoothing));
        Assert.Equal(expected, smoothing);
        Assert.Equal(name.Trim().ToLowerInvariant(), SacreBleu.SmoothingName(smoothing));
    }

    [Theory]
    [InlineData("13a", BleuTokenizer.Mteval13a)]
    [InlineData("intl", BleuTokenizer.International)]
    [InlineData("char", BleuTokenizer.Character)]
    [InlineData("none", BleuTokenizer.None)]
    public void TryParseTokenizer_SacreBleuNames_RoundTrip(string name, BleuTokenizer expected)
    {
        Assert.True(BleuTokenizers.TryParse(name, out var tokenizer));
        Assert.Equal(expected, tokenizer);
        Assert.Equal(name, BleuTokenizers.Name(tokenizer));
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseTokenizer_Unsupported_IsRefused(string? name)
    {
        Assert.False(BleuTokenizers.TryParse(name, out _));
    }
}
