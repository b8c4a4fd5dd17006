namespace LlmCourse.Core.Study;

/// <summary>
/// The FSRS-6 memory model as plain functions of the 21 weights: one owner for the formulas that
/// <see cref="FsrsScheduler"/> schedules with and <see cref="FsrsOptimizer"/> fits, so the two can never drift apart.
/// </summary>
/// <remarks>
/// Follows fsrs-rs (<c>src/model.rs</c>, the model inside Anki): stability is kept in [0.001, 36500] days and
/// difficulty in [1, 10]; a same-day review (t = 0 whole days) takes the short-term step, whose increase is at
/// least 1 for Hard, Good and Easy (fsrs-rs PR #376, ts-fsrs PR #266); a lapse never leaves more stability than
/// S / e^(w17·w18).
/// </remarks>
internal static class FsrsFormulas
{
    public const double MinStability = 0.001;

    // fsrs-rs S_MAX and ts-fsrs's clamp: a hundred years.
    public const double MaxStability = 36500.0;

    public const double MinDifficulty = 1.0;
    public const double MaxDifficulty = 10.0;

    /// <summary>f in R(t, S) = (1 + f·t/S)^(−w20): chosen so that R(S, S) = 0.9.</summary>
    public static double Factor(double w20) => Math.Pow(0.9, -1.0 / w20) - 1.0;

    /// <summary>R(t, S) = (1 + f·t/S)^(−w20), with t clamped at 0.</summary>
    public static double Retrievability(double days, double stability, double w20, double factor) =>
        Math.Pow(1.0 + (factor * Math.Max(0.0, days) / stability), -w20);

    public static double ClampStability(double stability) => Math.Clamp(stability, MinStability, MaxStability);

    public static double ClampDifficulty(double difficulty) => Math.Clamp(difficulty, MinDifficulty, MaxDifficulty);

    /// <summary>D0(G) = w4 − e^(w5·(G − 1)) + 1, unclamped (mean reversion aims at the unclamped D0(Easy)).</summary>
    public static double InitialDifficulty(IReadOnlyList<double> w, Rating rating) =>
        w[4] - Math.Exp(w[5] * ((int)rating - 1)) + 1.0;

    /// <summary>Linear damping toward 10, then mean reversion toward D0(Easy), then the [1, 10] clamp.</summary>
    public static double NextDifficulty(IReadOnlyList<double> w, double difficulty, Rating rating)
    {
        var delta = -w[6] * ((int)rating - 3);

        // The closer to 10, the smaller a step up, so difficulty approaches its ceiling slowly.
        var damped = difficulty + ((10.0 - difficulty) * delta / 9.0);
        var reverted = (w[7] * InitialDifficulty(w, Rating.Easy)) + ((1.0 - w[7]) * damped);
        return ClampDifficulty(reverted);
    }

    /// <summary>
    /// Same-day stability: S·e^(w17·(G − 3 + w18))·S^(−w19). For Hard, Good and Easy the increase is at least 1
    /// (fsrs-rs #376, ts-fsrs ≥ 5.3 #266): passing a card again on the same day never lowers its stability.
    /// py-fsrs 6.3.1 floors only Good and Easy, so there a same-day Hard can lower it.
    /// </summary>
    public static double ShortTermStability(IReadOnlyList<double> w, double stability, Rating rating)
    {
        var increase = Math.Exp(w[17] * ((int)rating - 3 + w[18])) * Math.Pow(stability, -w[19]);
        if (rating >= Rating.Hard)
        {
            increase = Math.Max(increase, 1.0);
        }

        return ClampStability(stability * increase);
    }

    /// <summary>Stability after a successful review a day or more after the last: S·(1 + e^w8·(11 − D)·S^(−w9)·(e^(w10·(1 − R)) − 1)·penalty·bonus).</summary>
    public static double RecallStability(IReadOnlyList<double> w, double difficulty, double stability, double retrievability, Rating rating)
    {
        var hardPenalty = rating == Rating.Hard ? w[15] : 1.0;
        var easyBonus = rating == Rating.Easy ? w[16] : 1.0;
        var growth = Math.Exp(w[8])
            * (11.0 - difficulty)
            * Math.Pow(stability, -w[9])
            * (Math.Exp((1.0 - retrievability) * w[10]) - 1.0)
            * hardPenalty
            * easyBonus;
        return ClampStability(stability * (1.0 + growth));
    }

    /// <summary>Stability after a lapse: w11·D^(−w12)·((S + 1)^w13 − 1)·e^(w14·(1 − R)), never above S / e^(w17·w18).</summary>
    public static double ForgetStability(IReadOnlyList<double> w, double difficulty, double stability, double retrievability)
    {
        var forget = w[11]
            * Math.Pow(difficulty, -w[12])
            * (Math.Pow(stability + 1.0, w[13]) - 1.0)
            * Math.Exp((1.0 - retrievability) * w[14]);

        // A lapse can never leave a card more stable than a same-day Again would.
        var ceiling = stability / Math.Exp(w[17] * w[18]);
        return ClampStability(Math.Min(forget, ceiling));
    }

    /// <summary>
    /// One review of the memory state: the first review (no state) takes S0 = w[G − 1] and D0(G); later ones take
    /// the short-term step when less than a whole day has passed, else the recall or lapse step.
    /// </summary>
    public static (double Stability, double Difficulty) Step(
        IReadOnlyList<double> w,
        double factor,
        (double Stability, double Difficulty)? state,
        int elapsedDays,
        Rating rating)
    {
        if (state is not { } current)
        {
            return (ClampStability(w[(int)rating - 1]), ClampDifficulty(InitialDifficulty(w, rating)));
        }

        var s = ClampStability(current.Stability);
        var d = ClampDifficulty(current.Difficulty);
        double next;
        if (elapsedDays < 1)
        {
            next = ShortTermStability(w, s, rating);
        }
        else
        {
            var r = Retrievability(elapsedDays, s, w[20], factor);
            next = rating == Rating.Again ? ForgetStability(w, d, s, r) : RecallStability(w, d, s, r, rating);
        }

        return (next, NextDifficulty(w, d, rating));
    }
}
