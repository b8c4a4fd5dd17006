namespace LlmCourse.Core.Study;

/// <summary>
/// The training loss of FSRS-6 (weighted binary cross-entropy of predicted recall, summed) and its exact gradient
/// with respect to the 21 weights, by reverse-mode differentiation through each card's review history.
/// </summary>
/// <remarks>
/// The forward pass is <see cref="FsrsFormulas.Step"/> itself, so what is differentiated is what the scheduler
/// computes. The backward pass follows the branch each review took (first review, same-day, lapse, recall) and
/// treats clamps as fsrs-rs does: the gradient passes on the boundary and stops beyond it. Predictions are clamped
/// to [1e−7, 1 − 1e−7] inside the loss, as fsrs-rs's trainer does.
/// </remarks>
internal static class FsrsGradient
{
    public const double MinProbability = 1e-7;
    public const double MaxProbability = 1 - 1e-7;

    private static readonly double _ln09 = Math.Log(0.9);

    /// <summary>
    /// Loss of one card's targets (review indices, ascending, each ≥ 1) with their weights; when
    /// <paramref name="gradient"/> is given, adds the loss's gradient to it.
    /// </summary>
    public static double CardLoss(
        IReadOnlyList<double> w,
        FsrsCardHistory card,
        IReadOnlyList<int> targets,
        IReadOnlyList<double> weights,
        double[]? gradient)
    {
        var factor = FsrsFormulas.Factor(w[20]);
        var steps = targets[^1];
        var s = new double[steps];
        var d = new double[steps];
        (double Stability, double Difficulty)? state = null;
        for (var j = 0; j < steps; j++)
        {
            state = FsrsFormulas.Step(w, factor, state, card.ElapsedDays[j], card.Ratings[j]);
            (s[j], d[j]) = state.Value;
        }

        var loss = 0.0;
        if (gradient is null)
        {
            for (var k = 0; k < targets.Count; k++)
            {
                var i = targets[k];
                var p = FsrsFormulas.Retrievability(card.ElapsedDays[i], s[i - 1], w[20], factor);
                loss += CrossEntropy(p, card.Ratings[i] != Rating.Again, weights[k]).Loss;
            }

            return loss;
        }

        // Walk back from the last review: (gS, gD) is the loss's derivative with respect to the state after review j.
        double gS = 0, gD = 0;
        var next = targets.Count - 1;
        for (var j = steps - 1; j >= 0; j--)
        {
            if (next >= 0 && targets[next] == j + 1)
            {
                var t = card.ElapsedDays[j + 1];
                var (p, dpds, dpdw20) = Curve(t, s[j], w[20], factor);
                var (l, dldp) = CrossEntropy(p, card.Ratings[j + 1] != Rating.Again, weights[next]);
                loss += l;
                gS += dldp * dpds;
                gradient[20] += dldp * dpdw20;
                next--;
            }

            (gS, gD) = StepBackward(w, factor, card, j, s, d, gS, gD, gradient);
        }

        return loss;
    }

    /// <summary>Weighted cross-entropy of one prediction and its derivative with respect to the (unclamped) prediction.</summary>
    public static (double Loss, double Gradient) CrossEntropy(double p, bool recalled, double weight)
    {
        var clamped = Math.Clamp(p, MinProbability, MaxProbability);
        var loss = -weight * (recalled ? Math.Log(clamped) : Math.Log(1 - clamped));
        var gradient = p > MinProbability && p < MaxProbability
            ? -weight * (recalled ? 1 / clamped : -1 / (1 - clamped))
            : 0;
        return (loss, gradient);
    }

    /// <summary>R(t, S) and its partial derivatives with respect to S and w20 (through both the exponent and f).</summary>
    public static (double R, double DStability, double DW20) Curve(double days, double stability, double w20, double factor)
    {
        var t = Math.Max(0, days);
        var basis = 1 + (factor * t / stability);
        var r = Math.Pow(basis, -w20);
        var dStability = w20 * r * factor * t / (basis * stability * stability);

        // f = e^(−ln 0.9 / w20) − 1, so df/dw20 = e^(−ln 0.9 / w20) · ln 0.9 / w20².
        var dFactor = Math.Exp(-_ln09 / w20) * _ln09 / (w20 * w20);
        var dW20 = r * (-Math.Log(basis) - (w20 * t / stability * dFactor / basis));
        return (r, dStability, dW20);
    }

    /// <summary>Back through review j: adds its weight derivatives to <paramref name="g"/> and returns the state's.</summary>
    private static (double GS, double GD) StepBackward(
        IReadOnlyList<double> w,
        double factor,
        FsrsCardHistory card,
        int j,
        double[] s,
        double[] d,
        double gS,
        double gD,
        double[] g)
    {
        var rating = card.Ratings[j];
        var grade = (int)rating;
        if (j == 0)
        {
            if (Passes(w[grade - 1], FsrsFormulas.MinStability, FsrsFormulas.MaxStability))
            {
                g[grade - 1] += gS;
            }

            var initial = FsrsFormulas.InitialDifficulty(w, rating);
            if (Passes(initial, FsrsFormulas.MinDifficulty, FsrsFormulas.MaxDifficulty))
            {
                g[4] += gD;
                g[5] -= gD * (grade - 1) * Math.Exp(w[5] * (grade - 1));
            }

            return (0, 0);
        }

        var si = s[j - 1];
        var di = d[j - 1];
        var days = card.ElapsedDays[j];
        double prevS = 0, prevD = 0, gR = 0, r = 0;

        if (days < 1)
        {
            // Same day: S' = S·max(e^(w17·q)·S^(−w19), 1) for Hard and above, q = G − 3 + w18.
            var q = grade - 3 + w[18];
            var raw = Math.Exp(w[17] * q) * Math.Pow(si, -w[19]);
            var active = !(rating >= Rating.Hard && raw < 1);
            var pre = si * (active ? raw : 1);
            var g0 = Passes(pre, FsrsFormulas.MinStability, FsrsFormulas.MaxStability) ? gS : 0;
            if (active)
            {
                prevS += g0 * raw * (1 - w[19]);
                g[17] += g0 * pre * q;
                g[18] += g0 * pre * w[17];
                g[19] -= g0 * pre * Math.Log(si);
            }
            else
            {
                prevS += g0;
            }
        }
        else
        {
            r = FsrsFormulas.Retrievability(days, si, w[20], factor);
            if (rating == Rating.Again)
            {
                var dPow = Math.Pow(di, -w[12]);
                var sPow = Math.Pow(si + 1, w[13]);
                var rTerm = Math.Exp((1 - r) * w[14]);
                var raw = w[11] * dPow * (sPow - 1) * rTerm;
                var floor = si / Math.Exp(w[17] * w[18]);
                var pre = Math.Min(raw, floor);
                var g0 = Passes(pre, FsrsFormulas.MinStability, FsrsFormulas.MaxStability) ? gS : 0;
                if (floor < raw)
                {
                    prevS += g0 * floor / si;
                    g[17] -= g0 * floor * w[18];
                    g[18] -= g0 * floor * w[17];
                }
                else
                {
                    g[11] += g0 * dPow * (sPow - 1) * rTerm;
                    g[12] -= g0 * raw * Math.Log(di);
                    g[13] += g0 * w[11] * dPow * rTerm * sPow * Math.Log(si + 1);
                    g[14] += g0 * raw * (1 - r);
                    prevS += g0 * w[11] * dPow * rTerm * w[13] * Math.Pow(si + 1, w[13] - 1);
                    prevD -= g0 * w[12] * raw / di;
                    gR -= g0 * w[14] * raw;
                }
            }
            else
            {
                // S' = S·(1 + inc), inc = e^w8·(11 − D)·S^(−w9)·(e^(w10·(1 − R)) − 1)·penalty·bonus.
                var a = Math.Exp(w[8]);
                var b = 11 - di;
                var c = Math.Pow(si, -w[9]);
                var e1 = Math.Exp(w[10] * (1 - r));
                var e = e1 - 1;
                var hp = rating == Rating.Hard ? w[15] : 1;
                var eb = rating == Rating.Easy ? w[16] : 1;
                var inc = a * b * c * e * hp * eb;
                var pre = si * (1 + inc);
                var g0 = Passes(pre, FsrsFormulas.MinStability, FsrsFormulas.MaxStability) ? gS : 0;
                prevS += g0 * (1 + (inc * (1 - w[9])));
                prevD -= g0 * si * a * c * e * hp * eb;
                gR -= g0 * si * a * b * c * hp * eb * w[10] * e1;
                g[8] += g0 * si * inc;
                g[9] -= g0 * si * inc * Math.Log(si);
                g[10] += g0 * si * a * b * c * hp * eb * (1 - r) * e1;
                if (rating == Rating.Hard)
                {
                    g[15] += g0 * si * a * b * c * e * eb;
                }
                else if (rating == Rating.Easy)
                {
                    g[16] += g0 * si * a * b * c * e * hp;
                }
            }
        }

        if (gR != 0)
        {
            var (_, dRdS, dRdW20) = Curve(days, si, w[20], factor);
            prevS += gR * dRdS;
            g[20] += gR * dRdW20;
        }

        // Difficulty: damped = D + (10 − D)·δ/9 with δ = −w6·(G − 3); D' = w7·D0(Easy) + (1 − w7)·damped, clamped.
        var delta = -w[6] * (grade - 3);
        var damped = di + ((10 - di) * delta / 9);
        var easy = FsrsFormulas.InitialDifficulty(w, Rating.Easy);
        var mean = (w[7] * easy) + ((1 - w[7]) * damped);
        if (gD != 0 && Passes(mean, FsrsFormulas.MinDifficulty, FsrsFormulas.MaxDifficulty))
        {
            g[7] += gD * (easy - damped);
            g[4] += gD * w[7];
            g[5] -= gD * w[7] * 3 * Math.Exp(3 * w[5]);
            var gDamped = gD * (1 - w[7]);
            g[6] -= gDamped * (10 - di) * (grade - 3) / 9;
            prevD += gDamped * (1 - (delta / 9));
        }

        return (prevS, prevD);
    }

    private static bool Passes(double value, double min, double max) => value >= min && value <= max;
}
