using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>How often one choice was picked.</summary>
public sealed record ChoiceFrequency(string ChoiceId, string Text, bool Correct, int Count);

/// <summary>Item analysis of one question.</summary>
/// <param name="MeanMark">Mean mark over the attempts; null without attempts.</param>
/// <param name="FacilityIndex">Mean mark / max mark × 100; null without attempts or when the question is worth nothing.</param>
/// <param name="DiscriminationIndex">Pearson correlation × 100 between this question's mark and the rest of the test; null when either does not vary.</param>
/// <param name="ChoiceFrequencies">Choice questions: how often each choice was picked; empty for other types.</param>
public sealed record QuestionStatistics(
    string QuestionId,
    double MaxMark,
    double? MeanMark,
    double? FacilityIndex,
    double? DiscriminationIndex,
    IReadOnlyList<ChoiceFrequency> ChoiceFrequencies);

/// <summary>Statistics of a quiz over a set of attempts.</summary>
/// <param name="MeanScore">Mean total score; null without attempts (also for the other nullable members).</param>
/// <param name="StandardDeviation">Sample standard deviation of the total score (n − 1); null with fewer than two attempts.</param>
/// <param name="Histogram">Ten counts of attempts by percentage of the maximum: [0,10), [10,20) … [90,100].</param>
public sealed record QuizStatistics(
    int AttemptCount,
    double MaxScore,
    double? MeanScore,
    double? MedianScore,
    double? StandardDeviation,
    IReadOnlyList<int> Histogram,
    IReadOnlyList<QuestionStatistics> Questions);

/// <summary>
/// Moodle's quiz statistics (https://docs.moodle.org/dev/Quiz_statistics_calculations): every attempt
/// passed in counts as independent, omitted questions score 0. The facility index is the mean mark as a
/// percentage of the maximum (Moodle divides by max − min; the minimum mark here is always 0). The
/// discrimination index is 100 × the correlation of the question's mark with the rest of the test
/// (the attempt's total minus that question's mark).
/// </summary>
public static class StatisticsCalculator
{
    /// <summary>Grades each attempt against <paramref name="quiz"/> and computes the statistics.</summary>
    public static QuizStatistics Compute(Quiz quiz, IReadOnlyList<IReadOnlyDictionary<string, QuestionResponse>> attempts)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(attempts);
        var marks = attempts
            .Select(a => (IReadOnlyList<double>)AttemptGrader.Grade(quiz, a).Questions.Select(g => g.Mark).ToList())
            .ToList();
        var stats = FromMarks(quiz.Questions.Select(q => q.Id).ToList(), quiz.Questions.Select(q => q.Points).ToList(), marks);

        var questions = stats.Questions.Select((s, i) => s with { ChoiceFrequencies = Frequencies(quiz.Questions[i], attempts) }).ToList();
        return stats with { Questions = questions };
    }

    /// <summary>The statistics of a marks table: one row per attempt, one column per question.</summary>
    public static QuizStatistics FromMarks(IReadOnlyList<string> questionIds, IReadOnlyList<double> maxMarks, IReadOnlyList<IReadOnlyList<double>> marks)
    {
        ArgumentNullException.ThrowIfNull(questionIds);
        ArgumentNullException.ThrowIfNull(maxMarks);
        ArgumentNullException.ThrowIfNull(marks);
        if (questionIds.Count != maxMarks.Count || marks.Any(row => row.Count != questionIds.Count))
        {
            throw new ArgumentException("Every row needs one mark per question.", nameof(marks));
        }

        var maxScore = maxMarks.Sum();
        var totals = marks.Select(row => row.Sum()).ToList();
        var histogram = new int[10];
        foreach (var total in totals)
        {
            var percent = maxScore > 0 ? total / maxScore * 100 : 0;

            // The slack keeps 70% (which may come out as 69.999…) in the 70–80 bin; 100% goes in the last.
            histogram[Math.Clamp((int)Math.Floor((percent / 10) + 1e-9), 0, 9)]++;
        }

        var questions = new List<QuestionStatistics>(questionIds.Count);
        for (var q = 0; q < questionIds.Count; q++)
        {
            var column = marks.Select(row => row[q]).ToList();
            var rest = marks.Select((row, i) => totals[i] - row[q]).ToList();
            double? mean = column.Count > 0 ? column.Average() : null;
            double? facility = mean is { } m && maxMarks[q] > 0 ? m / maxMarks[q] * 100 : null;
            questions.Add(new QuestionStatistics(questionIds[q], maxMarks[q], mean, facility, Pearson(column, rest) * 100, []));
        }

        return new QuizStatistics(
            totals.Count,
            maxScore,
            totals.Count > 0 ? totals.Average() : null,
            Median(totals),
            StandardDeviation(totals),
            histogram,
            questions);
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

        return question.Choices.Select(c => new ChoiceFrequency(c.Id, c.Text, c.Correct, counts[c.Id])).ToList();
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? StandardDeviation(List<double> values)
    {
        if (values.Count < 2)
        {
            return null;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static double? Pearson(List<double> x, List<double> y)
    {
        if (x.Count < 2)
        {
            return null;
        }

        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        // A question everyone scored the same on (or a constant rest of test) tells nothing.
        if (sxx < 1e-12 || syy < 1e-12)
        {
            return null;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }
}
