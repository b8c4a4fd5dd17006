namespace LlmCourse.Core.Study;

/// <summary>
/// The FSRS-6 spaced-repetition scheduler: a pure function from (card state, rating, time) to the next state.
/// The memory model follows fsrs-rs (the implementation inside Anki) and ts-fsrs ≥ 5.3; the schedule (learning
/// steps, interval ordering, fuzz bounds) follows Anki. docs/scheduling.md lists which reference each part follows
/// and what we chose where they disagree.
/// </summary>
/// <remarks>
/// Model: retrievability R(t, S) = (1 + f·t/S)^(−w20) with f = 0.9^(−1/w20) − 1, so R(S, S) = 0.9.
/// Elapsed time t counts calendar days (<see cref="FsrsOptions.DayBoundary"/>, UTC midnight unless set), as Anki and
/// ts-fsrs do; a review on the same day as the last one takes the same-day (short-term) stability step. Thread-safe unless a
/// shared <see cref="Random"/> is injected for fuzz.
/// </remarks>
public sealed class FsrsScheduler
{
    /// <summary>Stability never goes below this many days (fsrs-rs and py-fsrs <c>S_MIN</c>).</summary>
    public const double MinStability = FsrsFormulas.MinStability;

    /// <summary>Stability never goes above this many days (fsrs-rs <c>S_MAX</c>, ts-fsrs's clamp).</summary>
    public const double MaxStability = FsrsFormulas.MaxStability;

    public const double MinDifficulty = FsrsFormulas.MinDifficulty;
    public const double MaxDifficulty = FsrsFormulas.MaxDifficulty;

    // py-fsrs v6 LOWER_BOUNDS_PARAMETERS / UPPER_BOUNDS_PARAMETERS, the same ranges as fsrs-rs's parameter clipper
    // with one relearning step: the weights this scheduler accepts and an optimiser may move each weight in.
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
    private readonly double _factor;
    private readonly TimeSpan[] _learningSteps;
    private readonly TimeSpan[] _relearningSteps;
    private readonly Random? _fuzzRandom;
    private readonly FsrsDayBoundary _days;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="options">Settings; null means all defaults (fuzz off). A course's fitted weights go in <see cref="FsrsOptions.Parameters"/>.</param>
    /// <param name="fuzzRandom">
    /// Source of fuzz when <see cref="FsrsOptions.EnableFuzz"/> is on. Null derives a seed from the card id and
    /// the review time, so the same review always gets the same fuzz (and <see cref="Preview"/> matches it).
    /// </param>
    /// <exception cref="ArgumentException">A parameter, the retention, a step or the maximum interval is out of range.</exception>
    public FsrsScheduler(FsrsOptions? options = null, Random? fuzzRandom = null)
    {
        Options = options ?? new FsrsOptions();
        var parameters = Options.Parameters ?? FsrsOptions.DefaultParameters;
        var problems = ParameterProblems(parameters);
        if (problems.Count > 0)
        {
            throw new ArgumentException("FSRS parameters are invalid: " + string.Join("; ", problems), nameof(options));
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

        if (Options.DayBoundary?.Problem is { } dayProblem)
        {
            throw new ArgumentException(dayProblem, nameof(options));
        }

        _days = Options.DayBoundary ?? FsrsDayBoundary.UtcMidnight;
        _w = [.. parameters];
        _factor = FsrsFormulas.Factor(_w[20]);
        _fuzzRandom = fuzzRandom;
    }

    /// <summary>The settings in force.</summary>
    public FsrsOptions Options { get; }

    /// <summary>The 21 weights in force (the options' or the defaults).</summary>
    public IReadOnlyList<double> Parameters => _w;

    /// <summary>The lowest value each weight w0..w20 may take.</summary>
    public static IReadOnlyList<double> LowerBounds => _lowerBounds;

    /// <summary>The highest value each weight w0..w20 may take.</summary>
    public static IReadOnlyList<double> UpperBounds => _upperBounds;

    /// <summary>What is wrong with a set of weights (count, NaN, out of bounds); empty when the scheduler accepts them.</summary>
    public static IReadOnlyList<string> ParameterProblems(IReadOnlyList<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count != _lowerBounds.Length)
        {
            return [$"FSRS-6 needs {_lowerBounds.Length} parameters, got {parameters.Count}."];
        }

        var ic = System.Globalization.CultureInfo.InvariantCulture;
        return [.. Enumerable.Range(0, parameters.Count)
            .Where(i => !(parameters[i] >= _lowerBounds[i] && parameters[i] <= _upperBounds[i]))
            .Select(i => string.Format(ic, "w{0} = {1} is outside [{2}, {3}]", i, parameters[i], _lowerBounds[i], _upperBounds[i]))];
    }

    /// <summary>Reviews <paramref name="card"/> with <paramref name="rating"/> at <paramref name="now"/>.</summary>
    public ReviewResult Review(CardState card, Rating rating, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Enum.IsDefined(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "Rating must be Again, Hard, Good or Easy.");
        }

        int? elapsed = card.LastReview is { } last ? Math.Max(0, _days.DaysBetween(last, now)) : null;
        var (stability, difficulty) = NextMemory(card, rating, elapsed);

        // One fuzz draw per review, shared by every rating's interval (as Anki's fuzz factor), so the order of
        // the four intervals survives fuzz and a preview agrees with the review.
        double? fuzz = Options.EnableFuzz ? (_fuzzRandom ?? new Random(StableSeed(card.CardId, now))).NextDouble() : null;
        var (state, step, interval) = NextSchedule(card, rating, elapsed, stability, fuzz);

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
    /// counting days since the last review as reviews do; 0 for a card never reviewed.
    /// </summary>
    public double Retrievability(CardState card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.LastReview is not { } last || card.Stability is not { } stability)
        {
            return 0;
        }

        return ForgettingCurve(Math.Max(0, _days.DaysBetween(last, now)), stability);
    }

    /// <summary>R(t, S) = (1 + f·t/S)^(−w20): the chance of recall t days after a review that left stability S.</summary>
    public double ForgettingCurve(double elapsedDays, double stability) =>
        FsrsFormulas.Retrievability(elapsedDays, stability, _w[20], _factor);

    /// <summary>The whole-day interval the model gives a stability, before fuzz: I = S/f·(r^(−1/w20) − 1), at least 1.</summary>
    public int NextIntervalDays(double stability)
    {
        var days = stability / _factor * (Math.Pow(Options.DesiredRetention, -1 / _w[20]) - 1);

        // Python's round() rounds halves to even; MidpointRounding.ToEven keeps py-fsrs's intervals.
        var rounded = Math.Round(days, MidpointRounding.ToEven);
        return (int)Math.Clamp(rounded, 1, Options.MaximumInterval);
    }

    // Test seams for the reference vectors of fsrs-rs src/model.rs and ts-fsrs __tests__/algorithm.test.ts.
    internal double ShortTermStability(double stability, Rating rating) => FsrsFormulas.ShortTermStability(_w, stability, rating);

    internal double RecallStability(double difficulty, double stability, double retrievability, Rating rating) =>
        FsrsFormulas.RecallStability(_w, difficulty, stability, retrievability, rating);

    internal double ForgetStability(double difficulty, double stability, double retrievability) =>
        FsrsFormulas.ForgetStability(_w, difficulty, stability, retrievability);

    internal double NextDifficulty(double difficulty, Rating rating) => FsrsFormulas.NextDifficulty(_w, difficulty, rating);

    private (double Stability, double Difficulty) NextMemory(CardState card, Rating rating, int? elapsedDays)
    {
        (double, double)? state = card.Stability is { } s && card.Difficulty is { } d ? (s, d) : null;
        return FsrsFormulas.Step(_w, _factor, state, elapsedDays ?? 0, rating);
    }

    private (CardLearningState State, int? Step, TimeSpan Interval) NextSchedule(
        CardState card,
        Rating rating,
        int? elapsed,
        double stability,
        double? fuzz)
    {
        double StabilityAfter(Rating other) => other == rating ? stability : NextMemory(card, other, elapsed).Stability;
        int Days(Rating other, int minimum) => Constrain(NextIntervalDays(StabilityAfter(other)), minimum, fuzz);

        // Leaving the steps for Review: Easy waits at least a day longer than Good would (Anki learning.rs and
        // relearning.rs answer_easy; ts-fsrs and py-fsrs do not order intervals of learning cards).
        (CardLearningState, int?, TimeSpan) Graduate() =>
            (CardLearningState.Review, null, TimeSpan.FromDays(rating == Rating.Easy ? Days(Rating.Easy, Days(Rating.Good, 1) + 1) : Days(rating, 1)));

        switch (card.State)
        {
            case CardLearningState.New:
            case CardLearningState.Learning:
                return StepSchedule(CardLearningState.Learning, _learningSteps, card.Step ?? 0, rating) ?? Graduate();
            case CardLearningState.Relearning:
                return StepSchedule(CardLearningState.Relearning, _relearningSteps, card.Step ?? 0, rating) ?? Graduate();
            case CardLearningState.Review when rating == Rating.Again:
                return _relearningSteps.Length > 0
                    ? (CardLearningState.Relearning, 0, _relearningSteps[0])
                    : (CardLearningState.Review, null, TimeSpan.FromDays(Days(Rating.Again, 1)));
            case CardLearningState.Review:
                // The passing intervals of a review card depend on each other, as in Anki (review.rs
                // passing_fsrs_review_intervals), fsrs-rs's Anki integration and ts-fsrs (basic_scheduler.ts):
                // hard ≥ 1, good ≥ hard + 1, easy ≥ good + 1, so a better rating always waits longer.
                var hard = Days(Rating.Hard, 1);
                if (rating == Rating.Hard)
                {
                    return (CardLearningState.Review, null, TimeSpan.FromDays(hard));
                }

                var good = Days(Rating.Good, hard + 1);
                var days = rating == Rating.Good ? good : Days(Rating.Easy, good + 1);
                return (CardLearningState.Review, null, TimeSpan.FromDays(days));
            default:
                throw new ArgumentOutOfRangeException(nameof(card), card.State, "Unknown card state.");
        }
    }

    /// <summary>The next (re)learning step for a rating, or null when the rating leaves the steps for Review.</summary>
    private static (CardLearningState, int?, TimeSpan)? StepSchedule(CardLearningState stepState, TimeSpan[] steps, int step, Rating rating)
    {
        // A card stored under a scheduler with more steps than this one graduates on any pass.
        if (steps.Length == 0 || (step >= steps.Length && rating != Rating.Again))
        {
            return null;
        }

        return rating switch
        {
            Rating.Again => (stepState, 0, steps[0]),
            Rating.Hard => (stepState, step, HardDelay(steps, step)),
            Rating.Good when step + 1 < steps.Length => (stepState, step + 1, steps[step + 1]),
            _ => null,
        };
    }

    /// <summary>
    /// Hard in the steps, as Anki (<c>rslib/src/scheduler/states/steps.rs</c>) and py-fsrs: on the first step, the
    /// mean of the first two steps (or 1.5× a lone step, at most a day more); on a later step, that step again.
    /// ts-fsrs differs on later steps (it always takes the mean of the first two); we follow Anki.
    /// </summary>
    private static TimeSpan HardDelay(TimeSpan[] steps, int step)
    {
        if (step > 0)
        {
            return steps[Math.Min(step, steps.Length - 1)];
        }

        var first = steps[0];
        var delay = steps.Length > 1
            ? (first + steps[1]) / 2
            : TimeSpan.FromTicks(Math.Min((first * 1.5).Ticks, (first + TimeSpan.FromDays(1)).Ticks));

        // Anki rounds a delay longer than a day to whole days, so the answer is the same early or late in the day.
        return delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(Math.Round(delay.TotalDays, MidpointRounding.AwayFromZero)) : delay;
    }

    /// <summary>
    /// A day interval at least <paramref name="minimum"/> and at most the maximum, fuzzed when fuzz is on: the
    /// py-fsrs fuzz range (±1 day plus 15 % of the part in 2.5–7 d, 10 % of 7–20 d, 5 % beyond), narrowed to the
    /// allowed interval first and drawn with floor, as Anki's <c>with_review_fuzz</c> and ts-fsrs do.
    /// </summary>
    private int Constrain(int days, int minimum, double? fuzz)
    {
        var max = Options.MaximumInterval;
        minimum = Math.Min(minimum, max);
        if (fuzz is not { } factor || days < 2.5)
        {
            return Math.Clamp(days, minimum, max);
        }

        var delta = 1.0
            + (0.15 * Math.Max(Math.Min(days, 7.0) - 2.5, 0))
            + (0.10 * Math.Max(Math.Min(days, 20.0) - 7.0, 0))
            + (0.05 * Math.Max(days - 20.0, 0));
        var upper = Math.Clamp((int)Math.Round(days + delta, MidpointRounding.ToEven), minimum, max);
        var lower = Math.Clamp(Math.Max(2, (int)Math.Round(days - delta, MidpointRounding.ToEven)), minimum, upper);
        return Math.Clamp((int)Math.Floor((factor * (upper - lower + 1)) + lower), lower, upper);
    }

    /// <summary>Whole days in a span, rounded down (Python's <c>timedelta.days</c>): the scheduled days of an interval.</summary>
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
}
