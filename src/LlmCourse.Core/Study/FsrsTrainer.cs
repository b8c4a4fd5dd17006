namespace LlmCourse.Core.Study;

/// <summary>One card's scored reviews in a training batch: review indices (ascending) and their recency weights.</summary>
internal sealed record FsrsTrainingCard(FsrsCardHistory History, int[] Targets, double[] Weights);

/// <summary>
/// Gradient descent as fsrs-rs's trainer runs it (<c>src/training.rs</c> <c>train</c>): Adam on mini-batches of
/// about 512 scored reviews grouped by card, batch order shuffled each epoch from a fixed seed, a cosine-annealed
/// learning rate, an L2 pull toward the starting weights scaled by fsrs-rs's per-weight spreads, and the weights
/// clipped to their ranges after every step.
/// </summary>
internal static class FsrsTrainer
{
    /// <summary>fsrs-rs <c>PARAMS_STDDEV</c>: how far each weight typically varies between users; the L2 term divides by its square.</summary>
    public static IReadOnlyList<double> ParameterSpread { get; } =
    [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
        1.03, 0.31, 0.32, 0.14, 0.27,
    ];

    /// <summary>Runs the epochs and returns the final weights.</summary>
    public static double[] Train(
        IReadOnlyList<FsrsTrainingCard> cards,
        IReadOnlyList<double> initial,
        FsrsOptimizerOptions options,
        IProgress<FsrsOptimizationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var total = cards.Sum(c => c.Targets.Length);
        var batches = Batches(cards, options.BatchSize);
        var iterations = ((total / options.BatchSize) + 1) * options.Epochs;
        var random = new Random(options.Seed);
        var adam = new Adam();
        var w = initial.ToArray();
        var step = 0;
        var order = Enumerable.Range(0, batches.Count).ToArray();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Array.Sort(order);
            random.Shuffle(order);
            var done = 0;
            foreach (var index in order)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = batches[index];
                var gradient = new double[21];
                foreach (var card in batch)
                {
                    FsrsGradient.CardLoss(w, card.History, card.Targets, card.Weights, gradient);
                }

                var size = batch.Sum(c => c.Targets.Length);
                AddPriorGradient(w, initial, size, total, options.Gamma, gradient);
                adam.Step(w, gradient, LearningRate(options.LearningRate, step++, iterations));
                Clip(w, options.RelearningSteps);
                done += size;
                progress?.Report(new FsrsOptimizationProgress(FsrsOptimizationStage.Training, epoch, options.Epochs, done, total));
            }
        }

        return w;
    }

    /// <summary>
    /// Cards sorted by history length, packed into batches of at most <paramref name="batchSize"/> scored reviews
    /// (a longer card makes a batch of its own), as fsrs-rs's <c>build_windowed_batches</c> does.
    /// </summary>
    public static List<List<FsrsTrainingCard>> Batches(IReadOnlyList<FsrsTrainingCard> cards, int batchSize)
    {
        var batches = new List<List<FsrsTrainingCard>>();
        var current = new List<FsrsTrainingCard>();
        var count = 0;
        foreach (var card in cards.Select((c, i) => (c, i)).OrderBy(x => x.c.Targets[^1]).ThenBy(x => x.i).Select(x => x.c))
        {
            if (current.Count > 0 && count + card.Targets.Length > batchSize)
            {
                batches.Add(current);
                current = [];
                count = 0;
            }

            current.Add(card);
            count += card.Targets.Length;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    /// <summary>Cosine annealing from <paramref name="initial"/> to 0 over <paramref name="period"/> steps (PyTorch's CosineAnnealingLR, η_min = 0).</summary>
    public static double LearningRate(double initial, int step, int period) => initial * (1 + Math.Cos(Math.PI * step / period)) / 2;

    /// <summary>γ·(batch/total)·Σ((w − w₀)/σ)²: the pull toward the starting weights charged to one batch.</summary>
    public static double Prior(IReadOnlyList<double> w, IReadOnlyList<double> initial, int batchSize, int totalSize, double gamma)
    {
        var sum = 0.0;
        for (var i = 0; i < 21; i++)
        {
            var z = (w[i] - initial[i]) / ParameterSpread[i];
            sum += z * z;
        }

        return sum * gamma * batchSize / totalSize;
    }

    /// <summary>Adds the gradient of <see cref="Prior"/> to <paramref name="gradient"/>.</summary>
    public static void AddPriorGradient(IReadOnlyList<double> w, IReadOnlyList<double> initial, int batchSize, int totalSize, double gamma, double[] gradient)
    {
        var scale = gamma * batchSize / totalSize;
        for (var i = 0; i < 21; i++)
        {
            gradient[i] += 2 * (w[i] - initial[i]) / (ParameterSpread[i] * ParameterSpread[i]) * scale;
        }
    }

    /// <summary>
    /// fsrs-rs's training clamps (<c>parameter_clipper.rs</c>, short-term on): the scheduler's bounds, w19 ≥ 0.01, and with
    /// n &gt; 1 relearning steps w17, w18 ≤ √max(0.01, −(ln w11 + ln(2^w13 − 1) + 0.3·w14)/n) (at most 2), so n same-day
    /// Goods after a lapse cannot undo it. The ceiling is computed from w11, w13, w14 already clamped, as ts-fsrs ≥ 5.3.3 does.
    /// </summary>
    public static void Clip(double[] w, int relearningSteps)
    {
        var low = FsrsScheduler.LowerBounds;
        var high = FsrsScheduler.UpperBounds;
        var w11 = Math.Clamp(w[11], low[11], high[11]);
        var w13 = Math.Clamp(w[13], low[13], high[13]);
        var w14 = Math.Clamp(w[14], low[14], high[14]);
        var ceiling = relearningSteps > 1
            ? Math.Min(Math.Sqrt(Math.Max(0.01, -(Math.Log(w11) + Math.Log(Math.Pow(2, w13) - 1) + (0.3 * w14)) / relearningSteps)), 2.0)
            : 2.0;
        for (var i = 0; i < 21; i++)
        {
            var lower = i == 19 ? 0.01 : low[i];
            var upper = i is 17 or 18 ? ceiling : high[i];
            w[i] = Math.Clamp(w[i], lower, upper);
        }
    }

    /// <summary>Adam (β1 = 0.9, β2 = 0.999, ε = 1e−8) with bias correction, as fsrs-rs's <c>HostAdam</c>.</summary>
    public sealed class Adam
    {
        private readonly double[] _m = new double[21];
        private readonly double[] _v = new double[21];
        private int _t;

        public void Step(double[] w, IReadOnlyList<double> gradient, double learningRate)
        {
            const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
            _t++;
            var bias1 = 1 - Math.Pow(beta1, _t);
            var bias2 = 1 - Math.Pow(beta2, _t);
            for (var i = 0; i < 21; i++)
            {
                _m[i] = (beta1 * _m[i]) + ((1 - beta1) * gradient[i]);
                _v[i] = (beta2 * _v[i]) + ((1 - beta2) * gradient[i] * gradient[i]);
                w[i] -= learningRate * (_m[i] / bias1) / (Math.Sqrt(_v[i] / bias2) + epsilon);
            }
        }
    }
}
