using System.Globalization;

namespace LlmCourse.Core.Study;

/// <summary>One review of one card by one learner, as the optimiser reads the review logs.</summary>
public sealed record FsrsTrainingReview(string LearnerId, string CardId, DateTimeOffset ReviewedAt, Rating Rating);

/// <summary>How the reviews the new weights must do better on are held out of training.</summary>
public enum FsrsHoldOut
{
    /// <summary>Whole learners are held out (seeded): the weights must generalise to learners they never saw.</summary>
    ByLearner,

    /// <summary>The latest reviews are held out: the weights must predict the future from the past (srs-benchmark's split).</summary>
    ByTime,
}

/// <summary>Settings of <see cref="FsrsOptimizer"/>; the training defaults are fsrs-rs's <c>TrainingConfig</c>.</summary>
/// <param name="Epochs">Passes over the training reviews.</param>
/// <param name="BatchSize">Scored reviews per gradient step.</param>
/// <param name="LearningRate">Adam's initial step size, annealed to 0 along a cosine.</param>
/// <param name="MaxSequenceLength">Reviews of one card beyond this many are not trained on.</param>
/// <param name="Gamma">Strength of the pull toward the starting weights.</param>
/// <param name="Seed">Seeds the hold-out split and the batch order: the same seed and data give the same weights.</param>
/// <param name="HoldOut">How the held-out reviews are chosen; by learner falls back to by time when there is one learner.</param>
/// <param name="HoldOutFraction">Share of learners (or of the latest reviews) held out, 0.05 to 0.5.</param>
/// <param name="RelearningSteps">The course's relearning steps; with more than one, w17 and w18 are capped as fsrs-rs does.</param>
/// <param name="DayBoundary">How days between reviews are counted: the scheduler's, so the weights fit what it computes.</param>
public sealed record FsrsOptimizerOptions(
    int Epochs = 5,
    int BatchSize = 512,
    double LearningRate = 0.04,
    int MaxSequenceLength = 256,
    double Gamma = 1.0,
    int Seed = 2023,
    FsrsHoldOut HoldOut = FsrsHoldOut.ByLearner,
    double HoldOutFraction = 0.2,
    int RelearningSteps = 1,
    FsrsDayBoundary? DayBoundary = null);

/// <summary>The phases of an optimisation, in order.</summary>
public enum FsrsOptimizationStage
{
    Preparing,
    PretrainingInitialStability,
    Training,
    Evaluating,
}

/// <summary>Where a running optimisation is; <see cref="Fraction"/> goes from 0 to 1 across all stages.</summary>
/// <param name="Epoch">1-based epoch while training, else 0.</param>
/// <param name="Done">Reviews trained on in this epoch, or evaluations finished.</param>
public sealed record FsrsOptimizationProgress(FsrsOptimizationStage Stage, int Epoch, int Epochs, int Done, int Total)
{
    /// <summary>Overall completion: preparing 0–5 %, pre-training 5–10 %, training 10–90 %, evaluating 90–100 %.</summary>
    public double Fraction => Stage switch
    {
        FsrsOptimizationStage.Preparing => 0,
        FsrsOptimizationStage.PretrainingInitialStability => 0.05,
        FsrsOptimizationStage.Training => 0.1 + (0.8 * (((Math.Max(Epoch, 1) - 1) * (double)Total) + Done) / Math.Max(1.0, (double)Epochs * Total)),
        _ => 0.9 + (0.1 * Done / Math.Max(1, Total)),
    };
}

/// <summary>What the optimiser could do with the data it had.</summary>
public enum FsrsOptimizationOutcome
{
    /// <summary>Fewer than 8 training reviews a day or more after the previous one, or none after a first review: nothing fitted (fsrs-rs keeps its defaults).</summary>
    NotEnoughData,

    /// <summary>Fewer than 64 such reviews, or only first intervals: only S0 = w0..w3 was fitted, the rest are the defaults (as fsrs-rs).</summary>
    InitialStabilityOnly,

    /// <summary>All 21 weights were fitted by gradient descent.</summary>
    Trained,
}

/// <summary>The result of an optimisation: the weights to use from now on and the evidence for them.</summary>
/// <param name="FittedParameters">The weights fitted on the training part; the current ones when nothing could be fitted.</param>
/// <param name="Parameters">The weights to schedule with: <see cref="FittedParameters"/> if adopted, else <see cref="CurrentParameters"/>.</param>
/// <param name="Adopted">True when the fitted weights beat the current ones on the held-out reviews (lower log loss, RMSE (bins) no worse).</param>
/// <param name="HeldOutBefore">The current weights on the held-out reviews; null when none could be held out.</param>
/// <param name="HeldOutAfter">The fitted weights on the held-out reviews.</param>
/// <param name="TrainingBefore">The current weights on the training reviews (in-sample, what Anki reports).</param>
/// <param name="TrainingAfter">The fitted weights on the training reviews.</param>
/// <param name="HoldOut">The split actually used.</param>
/// <param name="Reviews">All reviews read.</param>
/// <param name="TrainingReviews">Scored reviews (a day or more after the previous) in the training part, before fsrs-rs's outlier filter.</param>
/// <param name="HeldOutReviews">Scored reviews held out.</param>
/// <param name="Explanation">One sentence for the instructor page and the CLI.</param>
public sealed record FsrsOptimizationResult(
    FsrsOptimizationOutcome Outcome,
    bool Adopted,
    IReadOnlyList<double> Parameters,
    IReadOnlyList<double> CurrentParameters,
    IReadOnlyList<double> FittedParameters,
    FsrsEvaluation? HeldOutBefore,
    FsrsEvaluation? HeldOutAfter,
    FsrsEvaluation? TrainingBefore,
    FsrsEvaluation? TrainingAfter,
    FsrsHoldOut HoldOut,
    int Reviews,
    int TrainingReviews,
    int HeldOutReviews,
    string Explanation);

/// <summary>
/// Fits the 21 FSRS-6 weights to the review logs of many learners (a deck's or a course's), as Anki's "Optimize"
/// does with fsrs-rs: minimise the binary cross-entropy of predicted recall over every review a day or more after
/// the previous one, starting from the defaults with S0 pre-trained from first intervals. The new weights are adopted
/// only when they predict held-out reviews better than the current ones. Pure and deterministic for a given seed;
/// CPU-bound, so callers run it on a background thread and pass a <see cref="CancellationToken"/>.
/// </summary>
public sealed class FsrsOptimizer
{
    /// <summary>Below this many training reviews nothing is fitted (fsrs-rs <c>compute_parameters</c>).</summary>
    public const int MinimumReviews = 8;

    /// <summary>Below this many training reviews only S0 is fitted (fsrs-rs <c>compute_parameters</c>).</summary>
    public const int MinimumReviewsForTraining = 64;

    /// <summary>Creates an optimiser.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public FsrsOptimizer(FsrsOptimizerOptions? options = null)
    {
        Options = options ?? new FsrsOptimizerOptions();
        var o = Options;
        if (o.Epochs < 1 || o.Epochs > 100)
        {
            throw new ArgumentException("Epochs must be between 1 and 100.", nameof(options));
        }

        if (o.BatchSize < 1)
        {
            throw new ArgumentException("The batch size must be at least 1.", nameof(options));
        }

        if (!(o.LearningRate > 0 && o.LearningRate <= 1))
        {
            throw new ArgumentException("The learning rate must be in (0, 1].", nameof(options));
        }

        if (!(o.Gamma >= 0 && double.IsFinite(o.Gamma)))
        {
            throw new ArgumentException("Gamma must be a finite number of at least 0.", nameof(options));
        }

        if (o.MaxSequenceLength < 2)
        {
            throw new ArgumentException("The maximum sequence length must be at least 2.", nameof(options));
        }

        if (!(o.HoldOutFraction >= 0.05 && o.HoldOutFraction <= 0.5))
        {
            throw new ArgumentException("The held-out fraction must be between 0.05 and 0.5.", nameof(options));
        }

        if (o.RelearningSteps < 0)
        {
            throw new ArgumentException("The number of relearning steps cannot be negative.", nameof(options));
        }

        if (o.DayBoundary?.Problem is { } dayProblem)
        {
            throw new ArgumentException(dayProblem, nameof(options));
        }

        if (!Enum.IsDefined(o.HoldOut))
        {
            throw new ArgumentException("Unknown hold-out split.", nameof(options));
        }
    }

    /// <summary>The settings in force.</summary>
    public FsrsOptimizerOptions Options { get; }

    private FsrsDayBoundary Days => Options.DayBoundary ?? FsrsDayBoundary.UtcMidnight;

    /// <summary>Log loss and RMSE (bins) of <paramref name="parameters"/> on every scored review in <paramref name="reviews"/>; null when none is scored.</summary>
    /// <exception cref="ArgumentException">A review or the parameters are invalid.</exception>
    public FsrsEvaluation? Evaluate(
        IReadOnlyList<FsrsTrainingReview> reviews,
        IReadOnlyList<double> parameters,
        CancellationToken cancellationToken = default)
    {
        CheckReviews(reviews);
        CheckParameters(parameters, nameof(parameters));
        var targets = FsrsTrainingData.Targets(FsrsTrainingData.Histories(reviews, Days, cancellationToken));
        return Score(targets, parameters, cancellationToken);
    }

    /// <summary>
    /// Fits weights to <paramref name="reviews"/> and decides whether they replace <paramref name="currentParameters"/>.
    /// </summary>
    /// <param name="reviews">Every review of the deck or course, any order, all learners.</param>
    /// <param name="currentParameters">The weights in use now; null means the defaults.</param>
    /// <param name="progress">Receives progress on the calling thread, after every batch.</param>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    /// <exception cref="ArgumentException">A review or the current parameters are invalid.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public FsrsOptimizationResult Optimize(
        IReadOnlyList<FsrsTrainingReview> reviews,
        IReadOnlyList<double>? currentParameters = null,
        IProgress<FsrsOptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        CheckReviews(reviews);
        var current = (currentParameters ?? FsrsOptions.DefaultParameters).ToArray();
        CheckParameters(current, nameof(currentParameters));
        progress?.Report(new FsrsOptimizationProgress(FsrsOptimizationStage.Preparing, 0, Options.Epochs, 0, 1));

        var histories = FsrsTrainingData.Histories(reviews, Days, cancellationToken);
        var (training, heldOut, split) = Split(histories);

        var (outcome, trained, reason) = Fit(training, progress, cancellationToken);
        var fitted = trained ?? current;

        var evaluations = 0;
        FsrsEvaluation? Evaluated(List<FsrsTarget> targets, IReadOnlyList<double> w)
        {
            var score = Score(targets, w, cancellationToken);
            progress?.Report(new FsrsOptimizationProgress(FsrsOptimizationStage.Evaluating, 0, Options.Epochs, ++evaluations, 4));
            return score;
        }

        var heldOutBefore = Evaluated(heldOut, current);
        var heldOutAfter = Evaluated(heldOut, fitted);
        var trainingBefore = Evaluated(training, current);
        var trainingAfter = Evaluated(training, fitted);

        var adopted = outcome != FsrsOptimizationOutcome.NotEnoughData
            && heldOutBefore is not null
            && heldOutAfter is not null
            && heldOutAfter.LogLoss < heldOutBefore.LogLoss
            && heldOutAfter.RmseBins <= heldOutBefore.RmseBins;
        var explanation = outcome == FsrsOptimizationOutcome.NotEnoughData
            ? reason
            : Explain(adopted, heldOutBefore, heldOutAfter, split);

        return new FsrsOptimizationResult(
            outcome,
            adopted,
            adopted ? fitted : current,
            current,
            fitted,
            heldOutBefore,
            heldOutAfter,
            trainingBefore,
            trainingAfter,
            split,
            reviews.Count,
            training.Count,
            heldOut.Count,
            explanation);
    }

    /// <summary>fsrs-rs's <c>compute_parameters</c> on the training part: filter, pre-train S0, then gradient descent.</summary>
    private (FsrsOptimizationOutcome Outcome, double[]? Fitted, string Reason) Fit(
        List<FsrsTarget> targets,
        IProgress<FsrsOptimizationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var defaults = FsrsOptions.DefaultParameters.ToArray();
        var (initialization, training) = FsrsTrainingData.FilterOutliers(targets);
        if (training.Count < MinimumReviews || initialization.Count == 0)
        {
            var why = string.Create(
                CultureInfo.InvariantCulture,
                $"Not enough data: {training.Count} training reviews a day or more after the previous one ({MinimumReviews} needed), {initialization.Count} of them first intervals (at least 1 needed). The current weights stay.");
            return (FsrsOptimizationOutcome.NotEnoughData, null, why);
        }

        progress?.Report(new FsrsOptimizationProgress(FsrsOptimizationStage.PretrainingInitialStability, 0, Options.Epochs, 0, 1));
        var averageRecall = training.Count(t => t.Recalled) / (double)training.Count;
        var (s0, counts) = FsrsInitialStability.Fit(initialization, averageRecall);
        var start = s0.Concat(defaults.Skip(4)).ToArray();
        if (training.Count == initialization.Count || training.Count < MinimumReviewsForTraining)
        {
            return (FsrsOptimizationOutcome.InitialStabilityOnly, start, string.Empty);
        }

        // Recency weights follow the reviews' time order across all learners (fsrs-rs sorts items by review id).
        var ordered = training
            .Select((t, i) => (t, i))
            .OrderBy(x => x.t.Time)
            .ThenBy(x => x.i)
            .Select(x => x.t)
            .ToList();
        var weights = FsrsTrainingData.RecencyWeights(ordered.Count);
        var weightOf = new Dictionary<FsrsTarget, double>();
        for (var i = 0; i < ordered.Count; i++)
        {
            weightOf[ordered[i]] = weights[i];
        }

        var cards = FsrsTrainingData.ByCard(ordered.Where(t => t.Index < Options.MaxSequenceLength))
            .Select(c => new FsrsTrainingCard(c.Card, [.. c.Indices], [.. c.Indices.Select(i => weightOf[new FsrsTarget(c.Card, i)])]))
            .ToList();

        var trained = FsrsTrainer.Train(cards, start, Options, progress, cancellationToken);

        // Trained S0 goes through the same monotone smoothing, ratings without first intervals refilled (fsrs-rs).
        var trainedS0 = Enumerable.Range(1, 4).ToDictionary(r => (Rating)r, r => trained[r - 1]);
        var smoothed = FsrsInitialStability.SmoothAndFill(trainedS0, counts);
        var fitted = smoothed.Concat(trained.Skip(4)).ToArray();
        if (fitted.Any(w => !double.IsFinite(w)) || FsrsScheduler.ParameterProblems(fitted).Count > 0)
        {
            throw new InvalidOperationException("Training produced weights outside their bounds; this is a bug in the optimiser.");
        }

        return (FsrsOptimizationOutcome.Trained, fitted, string.Empty);
    }

    /// <summary>Training and held-out scored reviews, and the split used.</summary>
    private (List<FsrsTarget> Training, List<FsrsTarget> HeldOut, FsrsHoldOut Split) Split(List<FsrsCardHistory> histories)
    {
        var random = new Random(Options.Seed);
        var learners = histories.Select(h => h.LearnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (Options.HoldOut == FsrsHoldOut.ByLearner && learners.Length >= 2)
        {
            random.Shuffle(learners);
            var count = Math.Clamp((int)Math.Round(learners.Length * Options.HoldOutFraction), 1, learners.Length - 1);
            var held = learners.Take(count).ToHashSet(StringComparer.Ordinal);
            return (
                FsrsTrainingData.Targets(histories.Where(h => !held.Contains(h.LearnerId))),
                FsrsTrainingData.Targets(histories.Where(h => held.Contains(h.LearnerId))),
                FsrsHoldOut.ByLearner);
        }

        var targets = FsrsTrainingData.Targets(histories)
            .Select((t, i) => (t, i))
            .OrderBy(x => x.t.Time)
            .ThenBy(x => x.i)
            .Select(x => x.t)
            .ToList();
        if (targets.Count < 2)
        {
            return (targets, [], FsrsHoldOut.ByTime);
        }

        var cut = targets.Count - Math.Max(1, (int)Math.Round(targets.Count * Options.HoldOutFraction));
        return (targets[..cut], targets[cut..], FsrsHoldOut.ByTime);
    }

    /// <summary>Predictions of <paramref name="w"/> for the targets (one forward pass per card) and their metrics; null for no targets.</summary>
    private static FsrsEvaluation? Score(IReadOnlyList<FsrsTarget> targets, IReadOnlyList<double> w, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return null;
        }

        var factor = FsrsFormulas.Factor(w[20]);
        var predictions = new List<FsrsPrediction>(targets.Count);
        foreach (var (history, indices) in FsrsTrainingData.ByCard(targets))
        {
            cancellationToken.ThrowIfCancellationRequested();
            (double Stability, double Difficulty)? state = null;
            int longTerm = 0, lapses = 0, next = 0;
            for (var i = 0; i <= indices[^1]; i++)
            {
                if (indices[next] == i)
                {
                    var p = FsrsFormulas.Retrievability(history.ElapsedDays[i], state!.Value.Stability, w[20], factor);
                    predictions.Add(new FsrsPrediction(p, history.Ratings[i] != Rating.Again, history.ElapsedDays[i], longTerm + 2, lapses));
                    next++;
                }

                if (i > 0 && history.ElapsedDays[i] > 0)
                {
                    longTerm++;
                    lapses += history.Ratings[i] == Rating.Again ? 1 : 0;
                }

                state = FsrsFormulas.Step(w, factor, state, history.ElapsedDays[i], history.Ratings[i]);
            }
        }

        return FsrsMetrics.Evaluate(predictions);
    }

    private static string Explain(bool adopted, FsrsEvaluation? before, FsrsEvaluation? after, FsrsHoldOut split)
    {
        if (before is null || after is null)
        {
            return "No reviews could be held out to compare the weights on, so the current weights stay.";
        }

        var on = split == FsrsHoldOut.ByLearner
            ? string.Create(CultureInfo.InvariantCulture, $"on {after.Reviews} reviews by held-out learners")
            : string.Create(CultureInfo.InvariantCulture, $"on the latest {after.Reviews} reviews");
        var figures = string.Create(
            CultureInfo.InvariantCulture,
            $"{on} (log loss {before.LogLoss:0.0000} → {after.LogLoss:0.0000}, RMSE (bins) {before.RmseBins:0.0000} → {after.RmseBins:0.0000})");
        return adopted
            ? $"The fitted weights predict better {figures}; they replace the current weights."
            : $"The fitted weights do not predict better {figures}; the current weights stay.";
    }

    private static void CheckReviews(IReadOnlyList<FsrsTrainingReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        for (var i = 0; i < reviews.Count; i++)
        {
            var review = reviews[i];
            if (review is null || string.IsNullOrEmpty(review.LearnerId) || string.IsNullOrEmpty(review.CardId) || !Enum.IsDefined(review.Rating))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Review {i} needs a learner, a card and a rating from Again to Easy."),
                    nameof(reviews));
            }
        }
    }

    private static void CheckParameters(IReadOnlyList<double> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters, name);
        var problems = FsrsScheduler.ParameterProblems(parameters);
        if (problems.Count > 0)
        {
            throw new ArgumentException("FSRS parameters are invalid: " + string.Join("; ", problems), name);
        }
    }
}
