using System.Text;
using LlmCourse.Core.Reports;

namespace LlmCourse.Core.Quizzes;

/// <summary>One figure of the quiz summary: its label, its value and the unit it is shown in.</summary>
/// <param name="Key">A stable name for the figure (CSV, tests, anchors).</param>
/// <param name="Label">What Moodle's report calls it.</param>
/// <param name="Value">The value; null when it cannot be computed.</param>
/// <param name="Unit">"%" for percentages, "" for counts and plain numbers.</param>
public sealed record StatisticsFigure(string Key, string Label, double? Value, string Unit);

/// <summary>
/// The figures of Moodle's quiz statistics report in its order, for the statistics page and its CSV, so both
/// show the same figures the same way: the quiz information table (scores as a percentage of the maximum,
/// skewness and kurtosis as plain numbers, CIC and error ratio in percent) and one row per question.
/// </summary>
public static class QuizStatisticsTable
{
    /// <summary>Column names of the question table, in Moodle's order.</summary>
    public static IReadOnlyList<string> QuestionColumns { get; } =
    [
        "question", "points", "attempts", "facility_index_percent", "standard_deviation_percent",
        "random_guess_score_percent", "intended_weight_percent", "effective_weight_percent", "negative_covariance",
        "discrimination_index_percent", "discriminative_efficiency_percent", "dubious",
    ];

    /// <summary>The quiz information figures, in the order of Moodle's report (calculated.php's list).</summary>
    public static IReadOnlyList<StatisticsFigure> QuizFigures(QuizStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var which = statistics.Attempts switch
        {
            StatisticsAttempts.First => "first attempts",
            StatisticsAttempts.Last => "last attempts",
            StatisticsAttempts.Highest => "highest graded attempts",
            _ => "all attempts",
        };
        return
        [
            new("attempts_analysed", $"Attempts analysed ({which})", statistics.AttemptCount, ""),
            new("ungraded_attempts", "Attempts waiting for grading (left out)", statistics.UngradedCount, ""),
            new("first_attempts_count", "Number of complete graded first attempts", statistics.FirstAttemptsCount, ""),
            new("all_attempts_count", "Total number of complete graded attempts", statistics.AllAttemptsCount, ""),
            new("first_attempts_mean", "Average grade of first attempts", statistics.FirstAttemptsMeanPercent, "%"),
            new("all_attempts_mean", "Average grade of all attempts", statistics.AllAttemptsMeanPercent, "%"),
            new("last_attempts_mean", "Average grade of last attempts", statistics.LastAttemptsMeanPercent, "%"),
            new("highest_attempts_mean", "Average grade of highest graded attempts", statistics.HighestAttemptsMeanPercent, "%"),
            new("median", $"Median grade (for {which})", statistics.MedianPercent, "%"),
            new("standard_deviation", $"Standard deviation (for {which})", statistics.StandardDeviationPercent, "%"),
            new("skewness", $"Score distribution skewness (for {which})", statistics.Skewness, ""),
            new("kurtosis", $"Score distribution kurtosis (for {which})", statistics.Kurtosis, ""),
            new("cic", $"Coefficient of internal consistency (for {which})", statistics.Cic, "%"),
            new("error_ratio", $"Error ratio (for {which})", statistics.ErrorRatio, "%"),
            new("standard_error", $"Standard error (for {which})", statistics.StandardErrorPercent, "%"),
        ];
    }

    /// <summary>One question's row, matching <see cref="QuestionColumns"/>; empty cells for missing values.</summary>
    public static IReadOnlyList<string> QuestionRow(QuestionStatistics question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return
        [
            question.QuestionId,
            Csv.Number(question.MaxMark),
            Csv.Number(question.AttemptCount),
            Cell(question.FacilityIndex),
            Cell(question.StandardDeviationPercent),
            Cell(question.RandomGuessScore),
            Cell(question.IntendedWeight),
            Cell(question.EffectiveWeight),
            question.NegativeCovariance ? "yes" : "no",
            Cell(question.DiscriminationIndex),
            Cell(question.DiscriminativeEfficiency),
            question.IsDubious ? "yes" : "no",
        ];
    }

    /// <summary>
    /// The statistics as CSV: a "figure,value,unit" block for the quiz, a blank line, then the question table.
    /// </summary>
    public static string ToCsv(QuizStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var csv = new StringBuilder();
        csv.AppendRow(["figure", "value", "unit"]);
        foreach (var figure in QuizFigures(statistics))
        {
            csv.AppendRow([figure.Key, Cell(figure.Value), figure.Unit]);
        }

        csv.Append("\r\n");
        csv.AppendRow(QuestionColumns);
        foreach (var question in statistics.Questions)
        {
            csv.AppendRow(QuestionRow(question));
        }

        return csv.ToString();
    }

    private static string Cell(double? value) => value is { } v ? Csv.Number(v) : "";
}
