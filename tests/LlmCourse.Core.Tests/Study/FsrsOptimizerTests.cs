using LlmCourse.Core.Study;
using Xunit.Abstractions;

namespace LlmCourse.Core.Tests.Study;

/// <summary>Synthetic logs shared by the slower optimiser tests, drawn once.</summary>
public sealed class FsrsSyntheticLogs
{
    /// <summary>200 learners × 20 cards over 200 days, seed 1 (about 28,000 reviews).</summary>
    public List<FsrsTrainingReview> Training { get; } = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 200, 20, 200, seed: 1);

    /// <summary>100 other learners (seed 999) no fit ever sees: a second, independent test population.</summary>
    public List<FsrsTrainingReview> FreshLearners { get; } = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 100, 20, 200, seed: 999);
}

public sealed class FsrsOptimizerTests(FsrsSyntheticLogs logs, ITestOutputHelper output) : IClassFixture<FsrsSyntheticLogs>
{
    private static readonly DateTimeOffset _start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    // The weights the data identifies, compared in units of fsrs-rs's PARAMS_STDDEV (how much each weight varies
    // between real users), so every weight counts on its own natural scale:
    // - w0..w3 (S0 per first rating): every card's first review a day or more later measures it directly;
    // - w9 (how stability growth shrinks as stability grows): the reviews span stabilities from about 1 to 100 days.
    // Not compared, because these logs cannot tell them apart from other weights (docs/scheduling.md):
    // w8 and w10 (growth ≈ e^w8·w10·(1 − R) when R is near the target, so only their product is pinned down),
    // w20 (the curve's shape trades off against the stability scale over the delays seen), w4..w7 and w12 (difficulty
    // is latent and acts only through (11 − D) and D^−w12), w11..w14 (few lapses, four weights in one product),
    // w15 and w16 (a minority of Hard and Easy answers) and w17..w19 (every card passes the same learning steps,
    // so same-day effects are confounded with S0).
    private static readonly int[] _identified = [0, 1, 2, 3, 9];

    private static double Distance(IReadOnlyList<double> w) =>
        Math.Sqrt(_identified.Sum(i => Math.Pow((w[i] - FsrsSimulation.TrueWeights[i]) / FsrsTrainer.ParameterSpread[i], 2)));

    [Fact]
    public void Optimize_LogsFromKnownWeights_GetsCloserThanDefaultsAndPredictsBetter()
    {
        var optimizer = new FsrsOptimizer();

        var result = optimizer.Optimize(logs.Training);

        var fitted = result.FittedParameters;
        var defaults = FsrsOptions.DefaultParameters;
        var truth = FsrsSimulation.TrueWeights;
        var freshDefault = optimizer.Evaluate(logs.FreshLearners, defaults)!;
        var freshFitted = optimizer.Evaluate(logs.FreshLearners, fitted)!;
        var freshTrue = optimizer.Evaluate(logs.FreshLearners, truth)!;
        var rTrue = FsrsSimulation.Predictions(logs.FreshLearners, truth);
        double Gap(IReadOnlyList<double> w) => FsrsSimulation.Predictions(logs.FreshLearners, w).Zip(rTrue).Average(x => Math.Abs(x.First - x.Second));
        output.WriteLine($"{logs.Training.Count} reviews; {result.TrainingReviews} scored for training, {result.HeldOutReviews} held out ({result.HoldOut})");
        output.WriteLine($"distance to truth on w0-w3, w9 (PARAMS_STDDEV units): defaults {Distance(defaults):0.000}, fitted {Distance(fitted):0.000}");
        output.WriteLine($"held-out log loss {result.HeldOutBefore!.LogLoss:0.0000} -> {result.HeldOutAfter!.LogLoss:0.0000}, RMSE(bins) {result.HeldOutBefore.RmseBins:0.0000} -> {result.HeldOutAfter.RmseBins:0.0000}");
        output.WriteLine($"fresh learners log loss: defaults {freshDefault.LogLoss:0.0000}, fitted {freshFitted.LogLoss:0.0000}, truth {freshTrue.LogLoss:0.0000}; RMSE(bins) {freshDefault.RmseBins:0.0000}, {freshFitted.RmseBins:0.0000}, {freshTrue.RmseBins:0.0000}");
        output.WriteLine($"mean |R - R_true| on fresh learners: defaults {Gap(defaults):0.0000}, fitted {Gap(fitted):0.0000}");
        output.WriteLine("w  true  default  fitted: " + string.Join("; ", Enumerable.Range(0, 21).Select(i => $"w{i} {truth[i]:0.###} {defaults[i]:0.###} {fitted[i]:0.###}")));

        Assert.Equal(FsrsOptimizationOutcome.Trained, result.Outcome);
        Assert.True(result.Adopted, result.Explanation);
        Assert.Equal(fitted, result.Parameters);
        Assert.True(Distance(fitted) <= 0.5 * Distance(defaults), $"fitted {Distance(fitted)} vs defaults {Distance(defaults)}");
        Assert.True(result.HeldOutAfter.LogLoss < result.HeldOutBefore.LogLoss);
        Assert.True(result.HeldOutAfter.RmseBins < result.HeldOutBefore.RmseBins);
        Assert.True(freshFitted.LogLoss < freshDefault.LogLoss);
        Assert.True(freshFitted.LogLoss - freshTrue.LogLoss < 0.5 * (freshDefault.LogLoss - freshTrue.LogLoss));
        Assert.True(Gap(fitted) <= 0.6 * Gap(defaults));
        Assert.Empty(FsrsScheduler.ParameterProblems(fitted));
    }

    // "Adopt only when they improve": when the course already schedules with the weights the learners' memory
    // follows, a refit on finite data predicts the held-out learners slightly worse and is not adopted.
    [Fact]
    public void Optimize_CurrentWeightsAreTheTruth_KeepsThem()
    {
        var result = new FsrsOptimizer().Optimize(logs.Training, FsrsSimulation.TrueWeights);

        output.WriteLine(result.Explanation);
        Assert.Equal(FsrsOptimizationOutcome.Trained, result.Outcome);
        Assert.False(result.Adopted);
        Assert.Equal(FsrsSimulation.TrueWeights, result.Parameters);
        Assert.NotEqual(FsrsSimulation.TrueWeights, result.FittedParameters);
        Assert.Contains("current weights stay", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_ByTime_HoldsOutTheLatestReviews()
    {
        var reviews = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 60, 15, 150, seed: 7);

        var result = new FsrsOptimizer(new FsrsOptimizerOptions(HoldOut: FsrsHoldOut.ByTime)).Optimize(reviews);

        var scored = new FsrsOptimizer().Evaluate(reviews, FsrsOptions.DefaultParameters)!.Reviews;
        Assert.Equal(FsrsHoldOut.ByTime, result.HoldOut);
        Assert.Equal(scored, result.TrainingReviews + result.HeldOutReviews);
        Assert.Equal(Math.Round(scored * 0.2), result.HeldOutReviews);
        Assert.Contains("latest", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimize_SameSeedAndData_GivesIdenticalWeights()
    {
        var reviews = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 60, 15, 150, seed: 3);
        var shuffled = reviews.OrderBy(r => r.ReviewedAt.Ticks % 97).ToList();

        var first = new FsrsOptimizer().Optimize(reviews);
        var second = new FsrsOptimizer().Optimize(shuffled);
        var otherSeed = new FsrsOptimizer(new FsrsOptimizerOptions(Seed: 11)).Optimize(reviews);

        Assert.Equal(first.FittedParameters, second.FittedParameters);
        Assert.Equal(first.HeldOutAfter, second.HeldOutAfter);
        Assert.NotEqual(first.FittedParameters, otherSeed.FittedParameters);
    }

    [Fact]
    public void Optimize_Progress_RunsThroughStagesToOne()
    {
        var reviews = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 60, 15, 150, seed: 5);
        var reports = new List<FsrsOptimizationProgress>();

        new FsrsOptimizer().Optimize(reviews, progress: new Collect(reports.Add));

        Assert.Equal(
            [FsrsOptimizationStage.Preparing, FsrsOptimizationStage.PretrainingInitialStability, FsrsOptimizationStage.Training, FsrsOptimizationStage.Evaluating],
            reports.Select(r => r.Stage).Distinct());
        Assert.Equal([1, 2, 3, 4, 5], reports.Where(r => r.Stage == FsrsOptimizationStage.Training).Select(r => r.Epoch).Distinct());
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second.Fraction >= pair.First.Fraction, $"{pair.First} then {pair.Second}"));
        Assert.Equal(0, reports[0].Fraction);
        Assert.Equal(1, reports[^1].Fraction, 12);
    }

    [Fact]
    public void Optimize_CancelledDuringTraining_Throws()
    {
        var reviews = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 60, 15, 150, seed: 5);
        using var cancellation = new CancellationTokenSource();
        var batches = 0;
        var progress = new Collect(p =>
        {
            if (p.Stage == FsrsOptimizationStage.Training && ++batches == 2)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => new FsrsOptimizer().Optimize(reviews, null, progress, cancellation.Token));
        Assert.Equal(2, batches);
    }

    [Fact]
    public void Optimize_FewReviews_KeepsCurrentWeights()
    {
        var current = FsrsOptions.DefaultParameters.ToArray();
        current[2] = 3.0;
        List<FsrsTrainingReview> reviews =
        [
            new("a", "c1", _start, Rating.Good), new("a", "c1", _start.AddDays(2), Rating.Good),
            new("b", "c1", _start, Rating.Again), new("b", "c1", _start.AddDays(1), Rating.Good),
        ];

        var result = new FsrsOptimizer().Optimize(reviews, current);

        Assert.Equal(FsrsOptimizationOutcome.NotEnoughData, result.Outcome);
        Assert.False(result.Adopted);
        Assert.Equal(current, result.Parameters);
        Assert.Equal(current, result.FittedParameters);
        Assert.Contains("Not enough data", result.Explanation, StringComparison.Ordinal);
    }

    // Between 8 and 63 training reviews fsrs-rs fits S0 only. 30 learners each review one card: Good first, again
    // 3 days later and 9 days after that. Six learners are held out, so 24 train: one delay group of 24 first
    // intervals (at least 20, so the outlier filter keeps it) plus 24 second intervals = 48 scored reviews.
    [Fact]
    public void Optimize_UnderSixtyFourReviews_FitsOnlyInitialStability()
    {
        var random = new Random(4);
        var reviews = new List<FsrsTrainingReview>();
        for (var l = 0; l < 30; l++)
        {
            var learner = $"l{l:D2}";
            reviews.Add(new(learner, "card", _start, Rating.Good));
            reviews.Add(new(learner, "card", _start.AddDays(3), random.NextDouble() < 0.85 ? Rating.Good : Rating.Again));
            reviews.Add(new(learner, "card", _start.AddDays(12), random.NextDouble() < 0.8 ? Rating.Good : Rating.Again));
        }

        var result = new FsrsOptimizer().Optimize(reviews);

        Assert.Equal(FsrsOptimizationOutcome.InitialStabilityOnly, result.Outcome);
        Assert.Equal(48, result.TrainingReviews);
        Assert.Equal(FsrsOptions.DefaultParameters.Skip(4), result.FittedParameters.Skip(4));
        Assert.NotEqual(FsrsOptions.DefaultParameters[2], result.FittedParameters[2]);

        // Only Good was seen first, so the other S0 scale with it (fsrs-rs smooth_and_fill, one rating known).
        var scale = result.FittedParameters[2] / FsrsOptions.DefaultParameters[2];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(FsrsOptions.DefaultParameters[i] * scale, result.FittedParameters[i], 9);
        }
    }

    // Same-day reviews shape the memory state but are never scored; the scored review's prediction is what the
    // scheduler computes after replaying the history.
    [Fact]
    public void Evaluate_LearningSteps_AreHistoryNotTargets()
    {
        List<FsrsTrainingReview> reviews =
        [
            new("a", "c", _start, Rating.Again), new("a", "c", _start.AddMinutes(1), Rating.Good),
            new("a", "c", _start.AddMinutes(11), Rating.Good), new("a", "c", _start.AddDays(2), Rating.Again),
        ];
        var scheduler = new FsrsScheduler();
        var card = CardState.CreateNew("c", _start);
        foreach (var review in reviews.Take(3))
        {
            card = scheduler.Review(card, review.Rating, review.ReviewedAt).Card;
        }

        var p = scheduler.Retrievability(card, reviews[3].ReviewedAt);
        var evaluation = new FsrsOptimizer().Evaluate(reviews, FsrsOptions.DefaultParameters)!;

        Assert.Equal(1, evaluation.Reviews);
        Assert.Equal(-Math.Log(1 - p), evaluation.LogLoss, 12);
        Assert.Equal(p, evaluation.RmseBins, 12);
        Assert.Null(new FsrsOptimizer().Evaluate(reviews.Take(3).ToList(), FsrsOptions.DefaultParameters));
    }

    // fsrs-rs dataset.rs compute_outlier_analysis, by hand. First rating Good, first delays: 30 cards at 2 days,
    // 10 at 3, 4 at 5, 7 at 150. Smallest first: 5 days (4, dropped: 4 < 20), 150 days (7, dropped: 11 < 20),
    // 3 days (10: 21 ≥ 20, kept), 2 days (kept). First rating Hard: 25 cards at 120 days — big enough, but longer
    // than 100 days, so dropped. First rating Easy: 25 at 200 days — kept (Easy may wait up to 365).
    [Fact]
    public void FilterOutliers_FsrsRsRules_DropRareAndLongFirstDelays()
    {
        var reviews = new List<FsrsTrainingReview>();
        var n = 0;
        void Cards(int count, Rating first, int delay)
        {
            for (var i = 0; i < count; i++, n++)
            {
                reviews.Add(new("l", $"c{n:D3}", _start, first));
                reviews.Add(new("l", $"c{n:D3}", _start.AddDays(delay), Rating.Good));
                reviews.Add(new("l", $"c{n:D3}", _start.AddDays(delay + 10), Rating.Good));
            }
        }

        Cards(30, Rating.Good, 2);
        Cards(10, Rating.Good, 3);
        Cards(4, Rating.Good, 5);
        Cards(7, Rating.Good, 150);
        Cards(25, Rating.Hard, 120);
        Cards(25, Rating.Easy, 200);
        var targets = FsrsTrainingData.Targets(FsrsTrainingData.Histories(reviews, FsrsDayBoundary.UtcMidnight, default));

        var (initialization, training) = FsrsTrainingData.FilterOutliers(targets);

        Assert.Equal(65, initialization.Count);
        Assert.Equal(
            [(Rating.Good, 2), (Rating.Good, 3), (Rating.Easy, 200)],
            initialization.Select(t => (t.Card.Ratings[0], t.ElapsedDays)).Distinct().Order());

        // Whole cards go: both scored reviews of every kept card train, none of a dropped card's.
        Assert.Equal(130, training.Count);
        Assert.DoesNotContain(training, t => t.Card.ElapsedDays[1] is 5 or 150 or 120);
    }

    // fsrs-rs dataset.rs recency_weighted_fsrs_items: 0.25 + 0.75·(i/(n − 1))³.
    [Fact]
    public void RecencyWeights_FiveReviews_RiseCubically() =>
        Assert.Equal([0.25, 0.26171875, 0.34375, 0.56640625, 1.0], FsrsTrainingData.RecencyWeights(5));

    [Fact]
    public void Optimize_InvalidInput_IsRejected()
    {
        var optimizer = new FsrsOptimizer();
        var bad = FsrsOptions.DefaultParameters.ToArray();
        bad[20] = 2;

        Assert.Throws<ArgumentException>(() => optimizer.Optimize([new("", "c", _start, Rating.Good)]));
        Assert.Throws<ArgumentException>(() => optimizer.Optimize([new("a", "c", _start, (Rating)7)]));
        Assert.Throws<ArgumentException>(() => optimizer.Optimize([], bad));
        Assert.Throws<ArgumentException>(() => new FsrsOptimizer(new FsrsOptimizerOptions(HoldOutFraction: 0.9)));
        Assert.Throws<ArgumentException>(() => new FsrsOptimizer(new FsrsOptimizerOptions(Epochs: 0)));
    }

    [Fact]
    public void Optimize_OneLearner_FallsBackToTimeSplit()
    {
        var reviews = FsrsSimulation.Reviews(FsrsSimulation.TrueWeights, 1, 40, 150, seed: 2);

        var result = new FsrsOptimizer().Optimize(reviews);

        Assert.Equal(FsrsHoldOut.ByTime, result.HoldOut);
        Assert.True(result.HeldOutReviews > 0);
    }

    private sealed class Collect(Action<FsrsOptimizationProgress> report) : IProgress<FsrsOptimizationProgress>
    {
        public void Report(FsrsOptimizationProgress value) => report(value);
    }
}
