using LlmCourse.Core.Lab;

namespace LlmCourse.Core.Tests.Lab;

public sealed class RougeTests
{
    // Lines 0 and 1 of rouge/testdata/target.txt and prediction.txt in google-research/google-research,
    // used by rouge_scorer_test.py's "AgainstRouge155" tests (values from manual ROUGE-1.5.5 runs).
    private const string Target0 = "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L";
    private const string Target1 = "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN";
    private const string Prediction0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi";
    private const string Prediction1 = "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD";

    [Fact]
    public void Score_TestRouge1_MatchesPublished()
    {
        // rouge_scorer_test.py testRouge1: score("testing one two", "testing") -> P 1, R 1/3, F 1/2.
        var rouge1 = Rouge.Score("testing one two", "testing").Rouge1;

        Assert.Equal(1.0, rouge1.Precision, 9);
        Assert.Equal(1.0 / 3, rouge1.Recall, 9);
        Assert.Equal(0.5, rouge1.F1, 9);
        Assert.Equal((1, 1, 3), (rouge1.Overlap, rouge1.PredictionCount, rouge1.TargetCount));
    }

    [Fact]
    public void Score_TestRouge2_MatchesPublished()
    {
        // rouge_scorer_test.py testRouge2: score("testing one two", "testing one") -> P 1, R 1/2, F 2/3.
        var rouge2 = Rouge.Score("testing one two", "testing one").Rouge2;

        Assert.Equal(1.0, rouge2.Precision, 9);
        Assert.Equal(0.5, rouge2.Recall, 9);
        Assert.Equal(2.0 / 3, rouge2.F1, 9);
    }

    [Theory]
    [InlineData("testing one")] // testRougeLConsecutive
    [InlineData("testing two")] // testRougeLNonConsecutive
    public void Score_TestRougeL_MatchesPublished(string prediction)
    {
        // rouge_scorer_test.py: P 1, R 2/3, F 4/5 for both.
        var rougeL = Rouge.Score("testing one two", prediction).RougeL;

        Assert.Equal(1.0, rougeL.Precision, 9);
        Assert.Equal(2.0 / 3, rougeL.Recall, 9);
        Assert.Equal(0.8, rougeL.F1, 9);
        Assert.Equal(2, rougeL.Overlap);
    }

    [Fact]
    public void Score_EmptyPrediction_IsZero()
    {
        // rouge_scorer_test.py testRougeEmpty: score("testing one two", "") -> 0, 0, 0 for every type.
        var result = Rouge.Score("testing one two", "");

        Assert.All([result.Rouge1, result.Rouge2, result.RougeL], s => Assert.Equal((0.0, 0.0, 0.0), (s.Precision, s.Recall, s.F1)));
    }

    [Theory]
    [InlineData(0, false, 0.40741, 0.68750, 0.51163, 0.30769, 0.53333, 0.39024, 0.40741, 0.68750, 0.51163)]
    [InlineData(1, false, 0.40476, 0.65385, 0.50000, 0.29268, 0.48000, 0.36364, 0.40476, 0.65385, 0.50000)]
    [InlineData(0, true, 0.40741, 0.68750, 0.51163, 0.30769, 0.53333, 0.39024, double.NaN, double.NaN, double.NaN)]
    [InlineData(1, true, 0.42857, 0.69231, 0.52941, 0.29268, 0.48000, 0.36364, double.NaN, double.NaN, double.NaN)]
    public void Score_AgainstRouge155_MatchesPublished(
        int line, bool stem, double r1R, double r1P, double r1F, double r2R, double r2P, double r2F, double rlR, double rlP, double rlF)
    {
        // rouge_scorer_test.py testRouge1/2/LAgainstRouge155 and ...WithStemming (assertAlmostEqual, 5 places);
        // rougeL is published only without stemming.
        var result = line == 0 ? Rouge.Score(Target0, Prediction0, stem) : Rouge.Score(Target1, Prediction1, stem);

        Assert.Equal((r1R, r1P, r1F), (Math.Round(result.Rouge1.Recall, 5), Math.Round(result.Rouge1.Precision, 5), Math.Round(result.Rouge1.F1, 5)));
        Assert.Equal((r2R, r2P, r2F), (Math.Round(result.Rouge2.Recall, 5), Math.Round(result.Rouge2.Precision, 5), Math.Round(result.Rouge2.F1, 5)));
        if (!double.IsNaN(rlR))
        {
            Assert.Equal((rlR, rlP, rlF), (Math.Round(result.RougeL.Recall, 5), Math.Round(result.RougeL.Precision, 5), Math.Round(result.RougeL.F1, 5)));
        }
    }

    [Fact]
    public void ScoreMulti_SeveralTargets_TakesBestF1PerType()
    {
        // Hand computed: prediction "the cat sat" vs "the dog" (R1 F = 2·(1/3·1/2)/(1/3+1/2) = 0.4) and
        // "the cat sat down" (R1 F = 2·(1·3/4)/(1+3/4) = 6/7); the second target wins.
        var result = Rouge.ScoreMulti(["the dog", "the cat sat down"], "the cat sat");

        Assert.Equal(1, result.Rouge1.TargetIndex);
        Assert.Equal(6.0 / 7, result.Rouge1.F1, 9);
        Assert.Equal(1, result.RougeL.TargetIndex);
    }

    [Fact]
    public void Score_TestRougeLsum_MatchesPublished()
    {
        // rouge_scorer_test.py testRougeLsum: score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5")
        // -> recall 0.8, precision 0.4, F 0.5333 (3 places). Union LCS {w1, w2} ∪ {w1, w3, w5} gives 4 hits.
        var lsum = Rouge.Score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5").RougeLsum;

        Assert.Equal(0.8, lsum.Recall, 12);
        Assert.Equal(0.4, lsum.Precision, 12);
        Assert.Equal(0.5333, lsum.F1, 3);
        Assert.Equal((4, 10, 5), (lsum.Overlap, lsum.PredictionCount, lsum.TargetCount));
    }

    [Theory]
    [InlineData("w1 w2 w3 w4 w5", "")]
    [InlineData("", "w1")]
    [InlineData("w1 w2 w3 w4 w5", "/")]
    public void Score_RougeLsumEmptyCases_AreZero(string target, string prediction)
    {
        // rouge_scorer_test.py testRougeLsum "Empty case" and "summary is all non-word characters", and testRougeEmpty.
        var lsum = Rouge.Score(target, prediction).RougeLsum;

        Assert.Equal((0.0, 0.0, 0.0), (lsum.Precision, lsum.Recall, lsum.F1));
    }

    [Fact]
    public void Score_RougeLsumAgainstRouge155WithStemming_MatchesPublished()
    {
        // rouge_scorer_test.py testRougeLSumAgainstRouge155WithStemming, on testdata/pyrouge_files/target_multi.0.txt
        // and prediction_multi.0.txt (four lines each, whose first two are Target0/1 and Prediction0/1 above):
        // recall 0.36538, precision 0.66667, F 0.47205 (5 places).
        const string target = Target0 + "\n" + Target1 + "\n"
            + "NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT\n"
            + "vMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n";
        const string prediction = Prediction0 + "\n" + Prediction1 + "\n"
            + "xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\n"
            + "VjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n";

        var lsum = Rouge.Score(target, prediction, useStemmer: true).RougeLsum;

        Assert.Equal((0.36538, 0.66667, 0.47205), (Math.Round(lsum.Recall, 5), Math.Round(lsum.Precision, 5), Math.Round(lsum.F1, 5)));
    }

    [Fact]
    public void SummaryLevelLcs_TestSummaryLevelLcs_MatchesPublished()
    {
        // rouge_scorer_test.py testSummaryLevelLcs: refs [[1..5]], cans [[1,2,6,7,8],[1,3,8,9,5]] -> R 0.8, P 0.4;
        // and a candidate the tokenizer emptied gives recall 0.
        IReadOnlyList<IReadOnlyList<string>> target = [["1", "2", "3", "4", "5"]];
        IReadOnlyList<IReadOnlyList<string>> prediction = [["1", "2", "6", "7", "8"], ["1", "3", "8", "9", "5"]];

        var score = Rouge.SummaryLevelLcs(target, prediction);

        Assert.Equal((0.8, 0.4), (score.Recall, score.Precision));
        Assert.Equal(0.0, Rouge.SummaryLevelLcs([["reference"]], [[]]).Recall);
    }

    [Fact]
    public void UnionLcs_TestUnionLcs_MatchesPublished()
    {
        // rouge_scorer_test.py testUnionLcs (Lin 2004, section 3.2): ref [1,2,3,4,5] with c1 [1,2,6,7,8] and
        // c2 [1,3,8,9,5] -> [1, 2, 3, 5].
        var union = Rouge.UnionLcs(["1", "2", "3", "4", "5"], [["1", "2", "6", "7", "8"], ["1", "3", "8", "9", "5"]]);

        Assert.Equal(["1", "2", "3", "5"], union);
    }

    [Fact]
    public void LcsIndices_TestLcsTable_MatchesPublished()
    {
        // rouge_scorer_test.py testLcsTable: ref [1,2,3,4,5], c1 [2,5,3,4] -> indices [1,2,3] (values 2,3,4);
        // with [8,9] nothing.
        Assert.Equal([1, 2, 3], Rouge.LcsIndices(["1", "2", "3", "4", "5"], ["2", "5", "3", "4"]));
        Assert.Empty(Rouge.LcsIndices(["1", "2", "3", "4", "5"], ["8", "9"]));
    }

    [Fact]
    public void SplitSentences_Newlines_OnlyNewlineSeparatesAndEmptyLinesGo()
    {
        Assert.Equal(["one. two.", " ", "three\r"], Rouge.SplitSentences("one. two.\n\n \nthree\r\n"));
    }

    [Theory]
    [InlineData("Hello, World! It's 2024.", false, new[] { "hello", "world", "it", "s", "2024" })]
    [InlineData("Running dogs are caring", true, new[] { "run", "dog", "are", "care" })]
    public void Tokenize_Text_FollowsRougeScore(string text, bool stem, string[] expected)
    {
        Assert.Equal(expected, Rouge.Tokenize(text, stem));
    }

    // Examples from Porter (1980) "An algorithm for suffix stripping" and NLTK's porter.py docstrings;
    // "dying" and "skies" are NLTK's irregular forms, "happy" -> "happi" and "enjoy" NLTK's step 1c.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")] // step 1b gives "agree", step 5a then drops the e
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("enjoy", "enjoy")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("triplicate", "triplic")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("adoption", "adopt")]
    [InlineData("generalizations", "gener")]
    [InlineData("dying", "die")]
    [InlineData("skies", "sky")]
    public void Stem_Word_MatchesPorter(string word, string expected)
    {
        Assert.Equal(expected, PorterStemmer.Stem(word));
    }
}
