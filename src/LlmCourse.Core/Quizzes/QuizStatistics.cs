using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>How often one choice was picked.</summary>
public sealed record ChoiceFrequency(string ChoiceId, string Text, bool Correct, int Count);

/// <summary>Which attempts the statistics are calculated from (Moodle's "Calculate statistics from").</summary>
public enum StatisticsAttempts
{
    /// <summary>Every attempt, each counted as if by a different learner.</summary>
    All,

    /// <summary>Each learner's first attempt.</summary>
    First,

    /// <summary>Each learner's last attempt.</summary>
    Last,

    /// <summary>Each learner's highest-scoring attempt (the earliest of equal ones).</summary>
    Highest,
}

/// <summary>One submitted attempt for the statistics: who, which attempt of theirs, the saved responses and the essays' grades.</summary>
/// <param name="ManualGrades">Instructors' grades of essays by question id; an answered essay without one leaves the attempt ungraded.</param>
public sealed record StatisticsAttempt(
    string LearnerId, int Number, IReadOnlyDictionary<string, QuestionResponse> Responses, IReadOnlyDictionary<string, ManualGrade>? ManualGrades = null);

/// <summary>One submitted attempt as marks, one per question in quiz order; a null mark is not graded yet.</summary>
public sealed record MarkedAttempt(string LearnerId, int Number, IReadOnlyList<double?> Marks)
{
    /// <summary>Every question has its mark; an attempt still waiting for grading is left out of the statistics.</summary>
    public bool Graded => Marks.All(m => m is not null);

    /// <summary>Sum of the marks given so far.</summary>
    public double Total => Marks.Sum(m => m ?? 0);
}

/// <summary>A question as the statistics need it.</summary>
/// <param name="RandomGuessScore">Expected fraction of the points by guessing (see <see cref="RandomGuess"/>); null if unknown.</param>
public sealed record StatisticsQuestion(string Id, double MaxMark, double? RandomGuessScore = null);

/// <summary>
/// Item analysis of one question, as Moodle's quiz statistics report shows it. Percentages are 0–100. Every figure
/// is null when it cannot be computed (no or too few attempts, a question worth nothing, no spread).
/// </summary>
public sealed record QuestionStatistics
{
    public required string QuestionId { get; init; }

    /// <summary>The question's points.</summary>
    public required double MaxMark { get; init; }

    /// <summary>Attempts analysed.</summary>
    public int AttemptCount { get; init; }

    /// <summary>Mean mark.</summary>
    public double? MeanMark { get; init; }

    /// <summary>Facility index: mean mark as a percentage of the question's points.</summary>
    public double? FacilityIndex { get; init; }

    /// <summary>Sample standard deviation of the mark (n − 1), in points.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>The standard deviation as a percentage of the question's points (Moodle's column).</summary>
    public double? StandardDeviationPercent { get; init; }

    /// <summary>Random guess score as a percentage of the points.</summary>
    public double? RandomGuessScore { get; init; }

    /// <summary>Intended weight: the question's points as a percentage of the quiz's.</summary>
    public double? IntendedWeight { get; init; }

    /// <summary>
    /// Effective weight: 100 · √cov(mark, total) / Σ √cov over the questions whose covariance is not negative.
    /// Null for a question with negative covariance (see <see cref="NegativeCovariance"/>).
    /// </summary>
    public double? EffectiveWeight { get; init; }

    /// <summary>The question's mark varies against the total score, so it has no effective weight.</summary>
    public bool NegativeCovariance { get; init; }

    /// <summary>Discrimination index: 100 × correlation of the mark with the rest of the test (total − this mark).</summary>
    public double? DiscriminationIndex { get; init; }

    /// <summary>Discriminative efficiency: 100 × covariance / the largest covariance these marks could have.</summary>
    public double? DiscriminativeEfficiency { get; init; }

    /// <summary>Moodle flags a question whose discriminative efficiency is under 15% as possibly not pulling its weight.</summary>
    public bool IsDubious => DiscriminativeEfficiency is < 15;

    /// <summary>Sample variance of the mark.</summary>
    public double? MarkVariance { get; init; }

    /// <summary>Sample variance of the rest of the test.</summary>
    public double? OtherMarkVariance { get; init; }

    /// <summary>Sample covariance of the mark with the rest of the test.</summary>
    public double? Covariance { get; init; }

    /// <summary>Covariance of the sorted marks with the sorted rest-of-test scores: the largest possible.</summary>
    public double? CovarianceMax { get; init; }

    /// <summary>Sample covariance of the mark with the total score.</summary>
    public double? CovarianceWithOverallMark { get; init; }

    /// <summary>Choice questions: how often each choice was picked; empty for other types.</summary>
    public IReadOnlyList<ChoiceFrequency> ChoiceFrequencies { get; init; } = [];
}

/// <summary>
/// Statistics of a quiz over a set of attempts, as Moodle's quiz statistics report shows them. Scores are in
/// points; the <c>…Percent</c> members give them as a percentage of <see cref="MaxScore"/>, as Moodle displays.
/// </summary>
public sealed record QuizStatistics
{
    /// <summary>Which attempts were analysed.</summary>
    public StatisticsAttempts Attempts { get; init; }

    /// <summary>Graded attempts analysed (Moodle's s).</summary>
    public required int AttemptCount { get; init; }

    /// <summary>Attempts that would be analysed but still wait for grading, so are left out.</summary>
    public int UngradedCount { get; init; }

    /// <summary>Sum of the questions' points.</summary>
    public required double MaxScore { get; init; }

    /// <summary>Mean total score of the analysed attempts.</summary>
    public double? MeanScore { get; init; }

    /// <summary>Median total score.</summary>
    public double? MedianScore { get; init; }

    /// <summary>Sample standard deviation of the total score (n − 1); needs two attempts.</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>Skewness k₃ / k₂^1.5 of the total scores (Fisher's unbiased cumulants); needs three attempts.</summary>
    public double? Skewness { get; init; }

    /// <summary>Excess kurtosis k₄ / k₂² of the total scores; needs four attempts.</summary>
    public double? Kurtosis { get; init; }

    /// <summary>
    /// Coefficient of internal consistency in percent (Cronbach's α × 100): 100 · p/(p − 1) · (1 − Σ var(mark) / var(total)).
    /// Needs three attempts and two questions; can be negative.
    /// </summary>
    public double? Cic { get; init; }

    /// <summary>Error ratio in percent: 100 · √(1 − CIC/100); null when CIC is over 100.</summary>
    public double? ErrorRatio { get; init; }

    /// <summary>Standard error of the total score: error ratio × SD / 100, in points.</summary>
    public double? StandardError { get; init; }

    /// <summary>Graded first attempts (one per learner).</summary>
    public int FirstAttemptsCount { get; init; }

    /// <summary>Graded attempts of any number.</summary>
    public int AllAttemptsCount { get; init; }

    /// <summary>Mean total of the learners' first attempts.</summary>
    public double? FirstAttemptsMean { get; init; }

    /// <summary>Mean total of all attempts.</summary>
    public double? AllAttemptsMean { get; init; }

    /// <summary>Mean total of the learners' last attempts.</summary>
    public double? LastAttemptsMean { get; init; }

    /// <summary>Mean total of the learners' highest attempts.</summary>
    public double? HighestAttemptsMean { get; init; }

    /// <summary>Ten counts of attempts by percentage of the maximum: [0,10), [10,20) … [90,100].</summary>
    public required IReadOnlyList<int> Histogram { get; init; }

    public required IReadOnlyList<QuestionStatistics> Questions { get; init; }

    public double? MeanPercent => Percent(MeanScore);

    public double? MedianPercent => Percent(MedianScore);

    public double? StandardDeviationPercent => Percent(StandardDeviation);

    public double? StandardErrorPercent => Percent(StandardError);

    public double? FirstAttemptsMeanPercent => Percent(FirstAttemptsMean);

    public double? AllAttemptsMeanPercent => Percent(AllAttemptsMean);

    public double? LastAttemptsMeanPercent => Percent(LastAttemptsMean);

    public double? HighestAttemptsMeanPercent => Percent(HighestAttemptsMean);

    /// <summary>A score in points as a percentage of the maximum (Moodle's quiz_report_scale_summarks_as_percentage).</summary>
    public double? Percent(double? points) => points is { } value && MaxScore > 0 ? value * 100 / MaxScore : null;
}

/// <summary>
/// Moodle's quiz statistics (docs.moodle.org/dev/Quiz_statistics_calculations; the code in
/// mod/quiz/report/statistics/classes/calculator.php and question/classes/statistics/questions/calculator.php).
/// Each analysed attempt counts as independent; an unanswered question scores 0; an attempt still waiting for
/// grading is left out (Moodle's <c>sumgrades IS NOT NULL</c>). The arithmetic follows Moodle's step by step.
/// </summary>
public static class StatisticsCalculator
{
    // Sums of squares at or below this count as zero: a question everyone scored the same on has no spread,
    // whatever rounding the mean picked up.
    private const double Negligible = 1e-12;

    /// <summary>Moodle's default for "Calculate statistics from": the attempts the quiz's grading method uses.</summary>
    public static StatisticsAttempts DefaultAttempts(GradingMethod grading) => grading switch
    {
        GradingMethod.First => StatisticsAttempts.First,
        GradingMethod.Last => StatisticsAttempts.Last,
        GradingMethod.Average => StatisticsAttempts.All,
        _ => StatisticsAttempts.Highest,
    };

    /// <summary>Grades every attempt against <paramref name="quiz"/> and analyses them all, each as a separate learner.</summary>
    public static QuizStatistics Compute(Quiz quiz, IReadOnlyList<IReadOnlyDictionary<string, QuestionResponse>> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        return Compute(
            quiz,
            [.. attempts.Select((a, i) => new StatisticsAttempt($"attempt-{i + 1}", 1, a))],
            StatisticsAttempts.All);
    }

    /// <summary>Grades each attempt against <paramref name="quiz"/> and analyses the chosen ones.</summary>
    public static QuizStatistics Compute(Quiz quiz, IReadOnlyList<StatisticsAttempt> attempts, StatisticsAttempts which)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(attempts);
        var marked = attempts
            .Select(a => new MarkedAttempt(
                a.LearnerId,
                a.Number,
                [.. AttemptGrader.Grade(quiz, a.Responses, a.ManualGrades).Questions.Select(g => g.State == GradeState.NeedsGrading ? null : (double?)g.Mark)]))
            .ToList();
        var questions = quiz.Questions.Select(q => new StatisticsQuestion(q.Id, q.Points, RandomGuess.Score(q))).ToList();
        var stats = Calculate(questions, marked, which);

        var analysed = Select(marked, which).Where(i => marked[i].Graded).Select(i => attempts[i].Responses).ToList();
        return stats with
        {
            Questions = [.. stats.Questions.Select((s, i) => s with { ChoiceFrequencies = Frequencies(quiz.Questions[i], analysed) })],
        };
    }

    /// <summary>The statistics of a marks table: one row per attempt (each a separate learner), one column per question.</summary>
    public static QuizStatistics FromMarks(IReadOnlyList<string> questionIds, IReadOnlyList<double> maxMarks, IReadOnlyList<IReadOnlyList<double>> marks)
    {
        ArgumentNullException.ThrowIfNull(questionIds);
        ArgumentNullException.ThrowIfNull(maxMarks);
        ArgumentNullException.ThrowIfNull(marks);
        if (questionIds.Count != maxMarks.Count)
        {
            throw new ArgumentException("Every question needs its maximum mark.", nameof(maxMarks));
        }

        return Calculate(
            [.. questionIds.Select((id, i) => new StatisticsQuestion(id, maxMarks[i]))],
            [.. marks.Select((row, i) => new MarkedAttempt($"attempt-{i + 1}", 1, [.. row.Select(m => (double?)m)]))],
            StatisticsAttempts.All);
    }

    /// <summary>Moodle's quiz and question statistics of the <paramref name="which"/> attempts.</summary>
    /// <exception cref="ArgumentException">An attempt's marks do not match the questions, or a mark is not a finite number.</exception>
    public static QuizStatistics Calculate(IReadOnlyList<StatisticsQuestion> questions, IReadOnlyList<MarkedAttempt> attempts, StatisticsAttempts which)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Any(a => a is null || a.Marks is null || a.Marks.Count != questions.Count))
        {
            throw new ArgumentException("Every attempt needs one mark per question.", nameof(attempts));
        }

        if (attempts.Any(a => a.Marks.Any(m => m is { } v && !double.IsFinite(v))))
        {
            throw new ArgumentException("Marks must be finite numbers.", nameof(attempts));
        }

        var selected = Select(attempts, which);
        var rows = selected.Where(i => attempts[i].Graded).Select(i => attempts[i].Marks.Select(m => m!.Value).ToArray()).ToList();
        var maxScore = questions.Sum(q => q.MaxMark);
        var totals = rows.Select(r => r.Sum()).ToList();

        var questionFigures = QuestionFigures(questions, rows, totals, maxScore, out var sumOfMarkVariance);
        var (firstCount, firstMean) = CountAndMean(attempts, StatisticsAttempts.First);
        var (allCount, allMean) = CountAndMean(attempts, StatisticsAttempts.All);
        var quiz = new QuizStatistics
        {
            Attempts = which,
            AttemptCount = rows.Count,
            UngradedCount = selected.Count - rows.Count,
            MaxScore = maxScore,
            FirstAttemptsCount = firstCount,
            FirstAttemptsMean = firstMean,
            AllAttemptsCount = allCount,
            AllAttemptsMean = allMean,
            LastAttemptsMean = CountAndMean(attempts, StatisticsAttempts.Last).Mean,
            HighestAttemptsMean = CountAndMean(attempts, StatisticsAttempts.Highest).Mean,
            Histogram = Histogram(totals, maxScore),
            Questions = questionFigures,
        };
        return rows.Count > 0 ? TestFigures(quiz, totals, questions.Count, sumOfMarkVariance) : quiz;
    }

    // quiz_statistics\calculator::calculate: mean, median, then the moments of the totals about the mean.
    private static QuizStatistics TestFigures(QuizStatistics quiz, List<double> totals, int positions, double sumOfMarkVariance)
    {
        var s = totals.Count;
        var mean = totals.Sum() / s;
        var sorted = totals.Order().ToList();
        var median = s % 2 == 0 ? (sorted[(s / 2) - 1] + sorted[s / 2]) / 2 : sorted[s / 2];
        quiz = quiz with { MeanScore = mean, MedianScore = median };
        if (s < 2)
        {
            return quiz;
        }

        double power2 = 0, power3 = 0, power4 = 0;
        foreach (var total in totals)
        {
            var d = total - mean;
            power2 += Math.Pow(d, 2);
            power3 += Math.Pow(d, 3);
            power4 += Math.Pow(d, 4);
        }

        var sd = Math.Sqrt(power2 / (s - 1));
        quiz = quiz with { StandardDeviation = sd };
        if (s < 3 || power2 <= Negligible)
        {
            return quiz;
        }

        var m2 = power2 / s;
        var m3 = power3 / s;
        var m4 = power4 / s;
        var k2 = s * m2 / (s - 1);
        var k3 = (double)s * s * m3 / ((s - 1) * (double)(s - 2));
        quiz = quiz with { Skewness = k3 / Math.Pow(k2, 1.5) };
        if (s > 3)
        {
            var k4 = (double)s * s * (((s + 1) * m4) - (3 * (s - 1) * m2 * m2)) / ((s - 1) * (double)(s - 2) * (s - 3));
            quiz = quiz with { Kurtosis = k4 / (k2 * k2) };
        }

        if (positions > 1)
        {
            var cic = (100.0 * positions / (positions - 1)) * (1 - (sumOfMarkVariance / k2));
            var errorRatio = 100 * Math.Sqrt(1 - (cic / 100));

            // Moodle stores a NaN error ratio (CIC above 100) as no value.
            quiz = double.IsNaN(errorRatio)
                ? quiz with { Cic = cic }
                : quiz with { Cic = cic, ErrorRatio = errorRatio, StandardError = errorRatio * sd / 100 };
        }

        return quiz;
    }

    // core_question\statistics\questions\calculator: the initial walk gives the means, the secondary walk the
    // variances and covariances, then the effective weights once every question's covariance is known.
    private static List<QuestionStatistics> QuestionFigures(
        IReadOnlyList<StatisticsQuestion> questions, List<double[]> rows, List<double> totals, double maxScore, out double sumOfMarkVariance)
    {
        var s = rows.Count;
        var result = new List<QuestionStatistics>(questions.Count);
        sumOfMarkVariance = 0;
        var sumOfRootCovariance = 0.0;
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            var stats = new QuestionStatistics
            {
                QuestionId = question.Id,
                MaxMark = question.MaxMark,
                AttemptCount = s,
                RandomGuessScore = question.RandomGuessScore * 100,
                IntendedWeight = maxScore > 0 ? question.MaxMark * 100 / maxScore : null,
            };
            if (s == 0)
            {
                result.Add(stats);
                continue;
            }

            var marks = rows.Select(r => r[q]).ToArray();
            var others = rows.Select((r, i) => totals[i] - r[q]).ToArray();
            var markAverage = marks.Sum() / s;
            var otherAverage = others.Sum() / s;
            var totalAverage = totals.Sum() / s;
            stats = stats with
            {
                MeanMark = markAverage,
                FacilityIndex = question.MaxMark != 0 ? markAverage / question.MaxMark * 100 : null,
            };
            if (s > 1)
            {
                var sortedMarks = marks.Order().ToArray();
                var sortedOthers = others.Order().ToArray();
                double markSum = 0, otherSum = 0, covarianceSum = 0, covarianceMaxSum = 0, overallSum = 0;
                for (var i = 0; i < s; i++)
                {
                    var markDifference = marks[i] - markAverage;
                    var otherDifference = others[i] - otherAverage;
                    markSum += Math.Pow(markDifference, 2);
                    otherSum += Math.Pow(otherDifference, 2);
                    covarianceSum += markDifference * otherDifference;
                    covarianceMaxSum += (sortedMarks[i] - markAverage) * (sortedOthers[i] - otherAverage);
                    overallSum += markDifference * (totals[i] - totalAverage);
                }

                var markVariance = markSum / (s - 1);
                var otherVariance = otherSum / (s - 1);
                var covariance = covarianceSum / (s - 1);
                var covarianceMax = covarianceMaxSum / (s - 1);
                var overall = overallSum / (s - 1);
                stats = stats with
                {
                    MarkVariance = markVariance,
                    OtherMarkVariance = otherVariance,
                    Covariance = covariance,
                    CovarianceMax = covarianceMax,
                    CovarianceWithOverallMark = overall,
                    StandardDeviation = Math.Sqrt(markSum / (s - 1)),
                    StandardDeviationPercent = question.MaxMark != 0 ? Math.Sqrt(markSum / (s - 1)) * 100 / question.MaxMark : null,
                    NegativeCovariance = overall < 0,
                    DiscriminationIndex = markSum > Negligible && otherSum > Negligible
                        ? 100 * covariance / Math.Sqrt(markVariance * otherVariance)
                        : null,
                    DiscriminativeEfficiency = Math.Abs(covarianceMaxSum) > Negligible ? 100 * covariance / covarianceMax : null,
                };
                sumOfMarkVariance += markVariance;
                if (overall >= 0)
                {
                    sumOfRootCovariance += Math.Sqrt(overall);
                }
            }

            result.Add(stats);
        }

        if (sumOfRootCovariance != 0)
        {
            for (var q = 0; q < result.Count; q++)
            {
                if (result[q].CovarianceWithOverallMark is { } overall && overall >= 0)
                {
                    result[q] = result[q] with { EffectiveWeight = 100 * Math.Sqrt(overall) / sumOfRootCovariance };
                }
            }
        }

        return result;
    }

    // The indices of the attempts Moodle's quiz_report_grade_method_sql picks. "Highest" compares totals with an
    // ungraded attempt counting 0 (COALESCE(sumgrades, 0)) and prefers the earlier attempt on a tie.
    private static List<int> Select(IReadOnlyList<MarkedAttempt> attempts, StatisticsAttempts which)
    {
        var indices = Enumerable.Range(0, attempts.Count);
        if (which == StatisticsAttempts.All)
        {
            return [.. indices];
        }

        double Score(int i) => attempts[i].Graded ? attempts[i].Total : 0;
        return [.. indices
            .GroupBy(i => attempts[i].LearnerId, StringComparer.Ordinal)
            .Select(g => which switch
            {
                StatisticsAttempts.First => g.MinBy(i => attempts[i].Number),
                StatisticsAttempts.Last => g.MaxBy(i => attempts[i].Number),
                _ => g.OrderByDescending(Score).ThenBy(i => attempts[i].Number).First(),
            })
            .Order()];
    }

    private static (int Count, double? Mean) CountAndMean(IReadOnlyList<MarkedAttempt> attempts, StatisticsAttempts which)
    {
        var totals = Select(attempts, which).Where(i => attempts[i].Graded).Select(i => attempts[i].Total).ToList();
        return (totals.Count, totals.Count > 0 ? totals.Sum() / totals.Count : null);
    }

    private static int[] Histogram(List<double> totals, double maxScore)
    {
        var histogram = new int[10];
        foreach (var total in totals)
        {
            var percent = maxScore > 0 ? total / maxScore * 100 : 0;

            // The slack keeps 70% (which may come out as 69.999…) in the 70–80 bin; 100% goes in the last.
            histogram[Math.Clamp((int)Math.Floor((percent / 10) + 1e-9), 0, 9)]++;
        }

        return histogram;
    }

    private static IReadOnlyList<ChoiceFrequency> Frequencies(Question question, IReadOnlyList<IReadOnlyDictionary<string, QuestionResponse>> attempts)
    {
        if (question.Choices.Count == 0)
        {
            return [];
        }

        var counts = question.Choices.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        foreach (var attempt in attempts)
        {
            if (attempt.TryGetValue(question.Id, out var response) && response is ChoiceResponse picked)
            {
                foreach (var id in picked.ChoiceIds.Distinct(StringComparer.Ordinal))
                {
                    if (counts.TryGetValue(id, out var count))
                    {
                        counts[id] = count + 1;
                    }
                }
            }
        }

        return [.. question.Choices.Select(c => new ChoiceFrequency(c.Id, c.Text, c.Correct, counts[c.Id]))];
    }
}
