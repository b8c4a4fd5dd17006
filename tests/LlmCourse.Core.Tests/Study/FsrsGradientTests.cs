using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class FsrsGradientTests
{
    // fsrs-rs src/training.rs test_loss_and_grad: four histories (columns of its t_historys / r_historys), each then
    // predicted delta_ts = 4, 11, 12, 23 days later with labels 1, 1, 1, 0. The target rating only carries the label.
    private static readonly (int[] Days, int[] Ratings)[] _batch =
    [
        ([0, 0, 0, 0, 1, 3, 4], [1, 3, 1, 4, 3, 2, 3]),
        ([0, 0, 0, 1, 3, 6, 11], [2, 4, 4, 3, 1, 3, 3]),
        ([0, 0, 0, 1, 3, 6, 12], [3, 2, 4, 3, 3, 3, 3]),
        ([0, 0, 1, 3, 5, 12, 23], [4, 4, 3, 3, 3, 4, 1]),
    ];

    // Its expected summed loss and gradient at the default weights.
    private const double FirstLoss = 4.0466027;

    private static readonly double[] _firstGradient =
    [
        -0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335, 0.0593964, -2.1474836,
        0.57626534, -2.8751316, 0.7154875, -0.028993709, 0.0099172965, -0.2189217, -0.0017800558, -0.089381434,
        0.299141, 0.068104014, -0.011605468, -0.25398168, 0.27700496,
    ];

    // The weights after one Adam step (lr 0.04) on that gradient and fsrs-rs's clipping.
    private static readonly double[] _afterOneStep =
    [
        0.252, 1.3331, 2.3464994, 8.2556, 6.3733, 0.87340003, 2.9794, 0.040999997, 1.8322, 0.20660001, 0.756,
        1.5235, 0.021400042, 0.3029, 1.6882998, 0.64140004, 1.8329, 0.5025, 0.13119997, 0.1058, 0.1142,
    ];

    // The same batch's loss and gradient at those weights.
    private const double SecondLoss = 3.767796;

    private static readonly double[] _secondGradient =
    [
        -0.040530164, -0.0041278866, -0.0010157757, 0.007239434, 0.009321215, -0.120117955, 0.039143264, -0.8628009,
        0.5794302, -2.5713828, 0.7669307, -0.024242667, 0.0, -0.16912507, -0.0017008218, -0.061857328, 0.28093633,
        0.064058185, 0.0063592787, -0.1903223, 0.6257775,
    ];

    // The weights after a second Adam step on it.
    private static readonly double[] _afterTwoSteps =
    [
        0.2882918, 1.3726242, 2.3861322, 8.215636, 6.339965, 0.9130969, 2.940639, 0.07696985, 1.7921946, 0.2464217,
        0.71595186, 1.5631561, 0.001, 0.34230903, 1.7282416, 0.68038, 1.7929853, 0.46258268, 0.14039303, 0.14509967, 0.1,
    ];

    private static (double Loss, double[] Gradient) BatchLoss(IReadOnlyList<double> w)
    {
        var gradient = new double[21];
        var loss = 0.0;
        foreach (var (days, ratings) in _batch)
        {
            var card = History(days, ratings);
            loss += FsrsGradient.CardLoss(w, card, [days.Length - 1], [1.0], gradient);
        }

        return (loss, gradient);
    }

    internal static FsrsCardHistory History(int[] days, int[] ratings)
    {
        var start = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var times = new DateTimeOffset[days.Length];
        for (var i = 0; i < days.Length; i++)
        {
            times[i] = (i == 0 ? start : times[i - 1].AddDays(days[i])).AddMinutes(i == 0 ? 0 : 1);
        }

        return new FsrsCardHistory("learner", "card", [.. ratings.Select(r => (Rating)r)], days, times);
    }

    // fsrs-rs's test helper compares with an absolute tolerance of 1e-4; its numbers are f32, ours f64.
    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"w{i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void CardLoss_FsrsRsBatchAtDefaults_MatchesReferenceLossAndGradient()
    {
        var (loss, gradient) = BatchLoss(FsrsOptions.DefaultParameters);

        Assert.Equal(FirstLoss, loss, 1e-5);
        AssertClose(_firstGradient, gradient);
    }

    [Fact]
    public void AdamAndClip_TwoStepsOnFsrsRsBatch_MatchReferenceWeights()
    {
        var w = FsrsOptions.DefaultParameters.ToArray();
        var adam = new FsrsTrainer.Adam();

        var (_, first) = BatchLoss(w);
        adam.Step(w, first, 0.04);
        FsrsTrainer.Clip(w, relearningSteps: 1);
        AssertClose(_afterOneStep, w);

        var (loss, second) = BatchLoss(w);
        Assert.Equal(SecondLoss, loss, 1e-4);
        AssertClose(_secondGradient, second);

        adam.Step(w, second, 0.04);
        FsrsTrainer.Clip(w, relearningSteps: 1);
        AssertClose(_afterTwoSteps, w);
    }

    // fsrs-rs test_loss_and_grad: l2_regularization(init = defaults, PARAMS_STDDEV, batch 512, total 1000, gamma 2)
    // at the weights after one step is 0.67711145, with this gradient.
    [Fact]
    public void Prior_FsrsRsCase_MatchesReferencePenaltyAndGradient()
    {
        double[] expectedGradient =
        [
            0.0019813816, 0.00087788026, 0.00026506148, -0.000105618295, -0.25213888, 1.0448985, -0.22755535, 5.688889,
            -0.5385926, 2.5283954, -0.75225013, 0.9102214, -10.113569, 3.1999993, 0.2521374, 1.3107208, -0.07721739,
            -0.85244584, 0.79999936, 4.1795917, -1.1237311,
        ];
        var gradient = new double[21];

        var penalty = FsrsTrainer.Prior(_afterOneStep, FsrsOptions.DefaultParameters, 512, 1000, 2.0);
        FsrsTrainer.AddPriorGradient(_afterOneStep, FsrsOptions.DefaultParameters, 512, 1000, 2.0, gradient);

        Assert.Equal(0.67711145, penalty, 1e-5);
        AssertClose(expectedGradient, gradient, 1e-3);
    }

    // Central differences on histories that take every branch: first review, same-day Again/Hard (floored and
    // not), long-term recall with Hard penalty and Easy bonus, lapses with and without the S/e^(w17·w18) ceiling.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CardLoss_EveryBranch_GradientMatchesFiniteDifferences(bool otherWeights)
    {
        double[] w = otherWeights
            ? [0.5, 2.2, 4.0, 15.0, 6.0, 0.9, 2.5, 0.02, 1.6, 0.25, 1.1, 1.2, 0.08, 0.35, 1.9, 0.45, 2.4, 0.6, 0.12, 0.08, 0.25]
            : [.. FsrsOptions.DefaultParameters];
        (int[] Days, int[] Ratings)[] cards =
        [
            ([0, 0, 0, 2, 0, 5, 9, 1, 0, 3, 30], [1, 1, 2, 3, 4, 1, 2, 4, 3, 1, 3]),
            ([0, 0, 1, 4, 10, 25, 60], [3, 2, 3, 4, 1, 3, 2]),
            ([0, 3, 0, 0, 7, 2, 40], [2, 1, 2, 3, 3, 1, 4]),
            ([0, 0, 12, 1, 0, 3], [4, 1, 3, 2, 2, 1]),
        ];
        double Loss(double[] weights, double[]? gradient) => cards.Sum(c =>
        {
            var history = History(c.Days, c.Ratings);
            int[] targets = [.. Enumerable.Range(1, c.Days.Length - 1).Where(i => c.Days[i] > 0)];
            return FsrsGradient.CardLoss(weights, history, targets, [.. targets.Select(i => 0.5 + (i * 0.1))], gradient);
        });

        var analytic = new double[21];
        Loss(w, analytic);

        for (var i = 0; i < 21; i++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(w[i]));
            var up = w.ToArray();
            var down = w.ToArray();
            up[i] += h;
            down[i] -= h;
            var numeric = (Loss(up, null) - Loss(down, null)) / (2 * h);
            Assert.True(
                Math.Abs(numeric - analytic[i]) <= 1e-5 + (1e-4 * Math.Abs(numeric)),
                $"w{i}: finite difference {numeric}, analytic {analytic[i]}");
        }
    }

    // The forward pass is the scheduler's own: the loss's prediction for a review equals the scheduler's
    // retrievability of the card at that moment.
    [Fact]
    public void CardLoss_Prediction_EqualsSchedulerRetrievability()
    {
        var scheduler = new FsrsScheduler();
        var history = History([0, 0, 2, 0, 6, 15], [1, 3, 3, 2, 4, 3]);
        var card = CardState.CreateNew("card", history.Times[0]);
        for (var i = 0; i < history.Count - 1; i++)
        {
            card = scheduler.Review(card, history.Ratings[i], history.Times[i]).Card;
        }

        var r = scheduler.Retrievability(card, history.Times[^1]);
        var loss = FsrsGradient.CardLoss(FsrsOptions.DefaultParameters, history, [history.Count - 1], [1.0], null);

        Assert.Equal(-Math.Log(r), loss, 12);
    }

    [Fact]
    public void CrossEntropy_PredictionBeyondClamp_HasNoGradient()
    {
        var (loss, gradient) = FsrsGradient.CrossEntropy(1.0, recalled: false, weight: 1);

        Assert.Equal(-Math.Log(FsrsGradient.MinProbability), loss, 9);
        Assert.Equal(0, gradient);
    }

    // fsrs-rs src/cosine_annealing.rs test_lr_scheduler: T_max = 5, lr 0.04, steps 0..10.
    [Fact]
    public void LearningRate_FsrsRsSchedule_MatchesReference()
    {
        double[] expected =
        [
            0.04, 0.03618033988749895, 0.026180339887498946, 0.013819660112501051, 0.0038196601125010526, 0.0,
            0.003819660112501051, 0.013819660112501048, 0.026180339887498943, 0.03618033988749895, 0.039999999999999994,
        ];

        AssertClose(expected, [.. Enumerable.Range(0, 11).Select(step => FsrsTrainer.LearningRate(0.04, step, 5))], 1e-12);
    }

    // fsrs-rs src/parameter_clipper.rs test_parameter_clipper_works_with_num_relearning_steps: with two relearning
    // steps the defaults' w17..w19 already satisfy the ceiling and stay 0.5425, 0.0912, 0.0658.
    [Fact]
    public void Clip_TwoRelearningStepsAtDefaults_KeepsShortTermWeights()
    {
        var w = FsrsOptions.DefaultParameters.ToArray();

        FsrsTrainer.Clip(w, relearningSteps: 2);

        AssertClose([0.5425, 0.0912, 0.0658], w[17..20], 1e-9);
    }

    // The same file's test_parameter_clipper_works on the first nine weights, plus w19's short-term floor and a
    // ceiling that binds: with w11 = 5, w13 = 0.9, w14 = 4 and three steps, √max(0.01, −(ln 5 + ln(2^0.9 − 1) + 1.2)/3) = 0.1.
    [Fact]
    public void Clip_OutOfRangeWeights_AreClampedToFsrsRsRanges()
    {
        double[] w = [0.0, -1000.0, 1000.0, 0.0, 1000.0, -1000.0, 1.0, 0.25, -0.1, 0.1, 1, 5, 0.1, 0.9, 4, 0.5, 2, 1.5, 1.5, 0, 0.5];

        FsrsTrainer.Clip(w, relearningSteps: 3);

        AssertClose([0.001, 0.001, 100.0, 0.001, 10.0, 0.001, 1.0, 0.25, 0.0], w[..9], 1e-12);
        Assert.Equal(0.01, w[19]);
        Assert.Equal(0.1, w[17], 12);
        Assert.Equal(0.1, w[18], 12);
    }
}
