namespace LlmCourse.Core.Study;

/// <summary>
/// The FSRS-6 spaced-repetition scheduler: a pure function from (card state, rating, time) to the next state.
/// Written from the published algorithm (open-spaced-repetition: the FSRS-6 description on the fsrs4anki wiki
/// and py-fsrs v6 <c>fsrs/scheduler.py</c>), and checked against py-fsrs's <c>tests/test_basic.py</c> vectors.
/// </summary>
/// <remarks>
/// Model: retrievability R(t, S) = (1 + f·t/S)^(−w20) with f = 0.9^(−1/w20) − 1, so R(S, S) = 0.9.
/// Elapsed time t counts whole days, as the reference does; a review less than a whole day after the last one
/// takes the same-day (short-term) stability step instead of the long-term one. Thread-safe unless a shared
/// <see cref="Random"/> is injected for fuzz.
/// </remarks>
public sealed class FsrsScheduler
{
    /// <summary>Stability never goes below this many days (py-fsrs <c>STABILITY_MIN</c>).</summary>
    public const double MinStability = 0.001;

    public const double MinDifficulty = 1.0;
    public const double MaxDifficulty = 10.0;

    // py-fsrs v6 LOWER_BOUNDS_PARAMETERS / UPPER_BOUNDS_PARAMETERS: the ranges an optimiser may move each weight in.
    private static readonly double[] _lowerBounds =
    [
        MinStability, MinStability, MinStability, MinStability, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ];

    private static readonly double[] _upperBounds =
    [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ];

    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;
    private readonly TimeSpan[] _learningSteps;
    private readonly TimeSpan[] _relearningSteps;
    private readonly Random? _fuzzRandom;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="options">Settings; null means all defaults (fuzz off).</param>
    /// <param name="fuzzRandom">
    /// Source of fuzz when <see cref="FsrsOptions.EnableFuzz"/> is on. Null derives a seed from the card id and
    /// the review time, so the same review always gets the same fuzz (and <see cref="Preview"/> matches it).
    /// </param>
    /// <exception cref="ArgumentException">A parameter, the retention, a step or the maximum interval is out of range.</exception>
    public FsrsScheduler(FsrsOptions? options = null, Random? fuzzRandom = null)
    {
        Options = options ?? new FsrsOptions();
        var parameters = Options.Parameters ?? FsrsOptions.DefaultParameters;
        if (parameters.Count != _lowerBounds.Length)
        {
            throw new ArgumentException($"FSRS-6 needs {_lowerBounds.Length} parameters, got {parameters.Count}.", nameof(options));
        }

        var outOfBounds = Enumerable.Range(0, parameters.Count)
            .Where(i => !(parameters[i] >= _lowerBounds[i] && parameters[i] <= _upperBounds[i]))
            .Select(i => $"w{i} = {parameters[i]} is outside [{_lowerBounds[i]}, {_upperBounds[i]}]")
            .ToList();
        if (outOfBounds.Count > 0)
        {
            throw new ArgumentException("FSRS parameters out of bounds: " + string.Join("; ", outOfBounds), nameof(options));
        }

        if (!(Options.DesiredRetention >= FsrsOptions.MinRetention && Options.DesiredRetention <= FsrsOptions.MaxRetention))
        {
            throw new ArgumentException(
                $"Desired retention must be between {FsrsOptions.MinRetention} and {FsrsOptions.MaxRetention}, got {Options.DesiredRetention}.",
                nameof(options));
        }

        if (Options.MaximumInterval < 1)
        {
            throw new ArgumentException("The maximum interval must be at least one day.", nameof(options));
        }

        _learningSteps = [.. Options.LearningSteps ?? [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)]];
        _relearningSteps = [.. Options.RelearningSteps ?? [TimeSpan.FromMinutes(10)]];
        if (_learningSteps.Concat(_relearningSteps).Any(s => s <= TimeSpan.Zero))
        {
            throw new ArgumentException("Learning and relearning steps must be positive.", nameof(options));
        }

        _w = [.. parameters];
        _decay = -_w[20];
        _factor = Math.Pow(0.9, 1 / _decay) - 1;
        _fuzzRandom = fuzzRandom;
    }

    /// <summary>The settings in force.</summary>
    public FsrsOptions Options { get; }

    /// <summary>Reviews <paramref name="card"/> with <paramref name="rating"/> at <paramref name="now"/>.</summary>
    public ReviewResult Review(CardState card, Rating rating, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Enum.IsDefined(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "Rating must be Again, Hard, Good or Easy.");
        }

        int? elapsed = card.LastReview is { } last ? WholeDays(now - last) : null;
        var (stability, difficulty) = NextMemory(card, rating, elapsed);
        var (state, step, interval) = NextSchedule(card, rating, stability);

        if (Options.EnableFuzz && state == CardLearningState.Review)
        {
            interval = Fuzz(interval, card.CardId, now);
        }

        var due = now + interval;
        var next = card with
        {
            State = state,
            Step = step,
            Stability = stability,
            Difficulty = difficulty,
            Due = due,
            LastReview = now,
        };
        var log = new ReviewLog(
            card.CardId,
            rating,
            now,
            Math.Max(0, elapsed ?? 0),
            WholeDays(interval),
            interval,
            card.State,
            state,
            card.Stability,
            stability,
            card.Difficulty,
            difficulty);
        return new ReviewResult(next, log);
    }

    /// <summary>The interval each rating would give <paramref name="card"/> if reviewed at <paramref name="now"/>.</summary>
    public IntervalPreview Preview(CardState card, DateTimeOffset now)
    {
        TimeSpan IntervalFor(Rating rating) => Review(card, rating, now).Card.Due - now;
        return new IntervalPreview(IntervalFor(Rating.Again), IntervalFor(Rating.Hard), IntervalFor(Rating.Good), IntervalFor(Rating.Easy));
    }

    /// <summary>
    /// The predicted probability that the learner recalls <paramref name="card"/> at <paramref name="now"/>,
    /// counting whole days since the last review as the reference does; 0 for a card never reviewed.
    /// </summary>
    public double Retrievability(CardState card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.LastReview is not { } last || card.Stability is not { } stability)
        {
            return 0;
        }

        return ForgettingCurve(Math.Max(0, WholeDays(now - last)), stability);
    }

    /// <summary>R(t, S) = (1 + f·t/S)^(−w20): the chance of recall t days after a review that left stability S.</summary>
    public double ForgettingCurve(double elapsedDays, double stability) =>
        Math.Pow(1 + (_factor * Math.Max(0, elapsedDays) / stability), _decay);

    /// <summary>The whole-day interval the model gives a stability, before fuzz: I = S/f·(r^(1/decay) − 1), at least 1.</summary>
    public int NextIntervalDays(double stability)
    {
        var days = stability / _factor * (Math.Pow(Options.DesiredRetention, 1 / _decay) - 1);

        // Python's round() rounds halves to even; MidpointRounding.ToEven keeps the reference's intervals.
        var rounded = Math.Round(days, MidpointRounding.ToEven);
        return (int)Math.Clamp(rounded, 1, Options.MaximumInterval);
    }

    private (double Stability, double Difficulty) NextMemory(CardState card, Rating rating, int? elapsedDays)
    {
        if (card.Stability is not { } s || card.Difficulty is not { } d)
        {
            return (ClampStability(_w[(int)rating - 1]), ClampDifficulty(InitialDifficulty(rating)));
        }

        var days = elapsedDays ?? 0;
        var stability = days < 1
            ? ShortTermStability(s, rating)
            : LongTermStability(d, s, ForgettingCurve(days, s), rating);
        return (stability, NextDifficulty(d, rating));
    }

    private (CardLearningState State, int? Step, TimeSpan Interval) NextSchedule(CardState card, Rating rating, double stability)
    {
        var toReview = (CardLearningState.Review, (int?)null, TimeSpan.FromDays(NextIntervalDays(stability)));
        switch (card.State)
        {
            case CardLearningState.New:
            case CardLearningState.Learning:
                return StepSchedule(CardLearningState.Learning, _learningSteps, card.Step ?? 0, rating, toReview);
            case CardLearningState.Relearning:
                return StepSchedule(CardLearningState.Relearning, _relearningSteps, card.Step ?? 0, rating, toReview);
            case CardLearningState.Review:
                return rating == Rating.Again && _relearningSteps.Length > 0
                    ? (CardLearningState.Relearning, 0, _relearningSteps[0])
                    : toReview;
            default:
                throw new ArgumentOutOfRangeException(nameof(card), card.State, "Unknown card state.");
        }
    }

    private static (CardLearningState, int?, TimeSpan) StepSchedule(
        CardLearningState stepState,
        TimeSpan[] steps,
        int step,
        Rating rating,
        (CardLearningState, int?, TimeSpan) toReview)
    {
        // A card stored under a scheduler with more steps than this one graduates on any pass.
        if (steps.Length == 0 || (step >= steps.Length && rating != Rating.Again))
        {
            return toReview;
        }

        switch (rating)
        {
            case Rating.Again:
                return (stepState, 0, steps[0]);
            case Rating.Hard:
                // Hard repeats the step; on the first step it waits between the first two (or 1.5× a lone step).
                var hard = step != 0 ? steps[step]
                    : steps.Length == 1 ? steps[0] * 1.5
                    : (steps[0] + steps[1]) / 2;
                return (stepState, step, hard);
            case Rating.Good:
                return step + 1 >= steps.Length ? toReview : (stepState, step + 1, steps[step + 1]);
            default:
                return toReview;
        }
    }

    private double InitialDifficulty(Rating rating) => _w[4] - Math.Exp(_w[5] * ((int)rating - 1)) + 1;

    private double NextDifficulty(double difficulty, Rating rating)
    {
        var delta = -_w[6] * ((int)rating - 3);

        // Linear damping: the closer to 10, the smaller a step up, so difficulty approaches its ceiling slowly.
        var damped = difficulty + ((10.0 - difficulty) * delta / 9.0);

        // Mean reversion toward the unclamped D0(Easy), as in the reference.
        var reverted = (_w[7] * InitialDifficulty(Rating.Easy)) + ((1 - _w[7]) * damped);
        return ClampDifficulty(reverted);
    }

    private double ShortTermStability(double stability, Rating rating)
    {
        var increase = Math.Exp(_w[17] * ((int)rating - 3 + _w[18])) * Math.Pow(stability, -_w[19]);

        // Good and Easy on the same day never lower stability; Again and Hard may, as in the reference.
        if (rating is Rating.Good or Rating.Easy)
        {
            increase = Math.Max(increase, 1.0);
        }

        return ClampStability(stability * increase);
    }

    private double LongTermStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        if (rating == Rating.Again)
        {
            var forget = _w[11]
                * Math.Pow(difficulty, -_w[12])
                * (Math.Pow(stability + 1, _w[13]) - 1)
                * Math.Exp((1 - retrievability) * _w[14]);

            // A lapse can never leave a card more stable than a same-day Again would.
            var ceiling = stability / Math.Exp(_w[17] * _w[18]);
            return ClampStability(Math.Min(forget, ceiling));
        }

        var hardPenalty = rating == Rating.Hard ? _w[15] : 1;
        var easyBonus = rating == Rating.Easy ? _w[16] : 1;
        var growth = Math.Exp(_w[8])
            * (11 - difficulty)
            * Math.Pow(stability, -_w[9])
            * (Math.Exp((1 - retrievability) * _w[10]) - 1)
            * hardPenalty
            * easyBonus;
        return ClampStability(stability * (1 + growth));
    }

    private TimeSpan Fuzz(TimeSpan interval, string cardId, DateTimeOffset now)
    {
        var days = WholeDays(interval);
        if (days < 2.5)
        {
            return interval;
        }

        // py-fsrs FUZZ_RANGES: ±(1 + 15 % of the part in 2.5–7 d + 10 % of 7–20 d + 5 % beyond 20 d).
        var delta = 1.0
            + (0.15 * Math.Max(Math.Min(days, 7.0) - 2.5, 0))
            + (0.10 * Math.Max(Math.Min(days, 20.0) - 7.0, 0))
            + (0.05 * Math.Max(days - 20.0, 0));
        var max = Math.Min((int)Math.Round(days + delta, MidpointRounding.ToEven), Options.MaximumInterval);
        var min = Math.Min(Math.Max(2, (int)Math.Round(days - delta, MidpointRounding.ToEven)), max);

        var random = _fuzzRandom ?? new Random(StableSeed(cardId, now));
        var fuzzed = (random.NextDouble() * (max - min + 1)) + min;
        var result = Math.Min((int)Math.Round(fuzzed, MidpointRounding.ToEven), Options.MaximumInterval);
        return TimeSpan.FromDays(result);
    }

    /// <summary>Whole days in a span, rounded down as Python's <c>timedelta.days</c> does.</summary>
    internal static int WholeDays(TimeSpan span)
    {
        var days = span.Ticks / TimeSpan.TicksPerDay;
        return (int)(span.Ticks % TimeSpan.TicksPerDay < 0 ? days - 1 : days);
    }

    // FNV-1a over the card id and the review instant: string.GetHashCode differs between processes.
    private static int StableSeed(string cardId, DateTimeOffset now)
    {
        var hash = 2166136261u;
        foreach (var c in cardId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var ticks = now.UtcTicks;
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (uint)(ticks & 0xFF)) * 16777619u;
            ticks >>= 8;
        }

        return unchecked((int)hash);
    }

    private static double ClampStability(double stability) => Math.Max(stability, MinStability);

    private static double ClampDifficulty(double difficulty) => Math.Clamp(difficulty, MinDifficulty, MaxDifficulty);
}
