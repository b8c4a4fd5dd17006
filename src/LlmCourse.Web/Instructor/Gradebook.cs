using System.Globalization;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Core.Reports;
using LlmCourse.Web.Quizzes;

namespace LlmCourse.Web.Instructor;

/// <summary>
/// What the gradebook shows, from its query string: <c>q</c> filters learners by name or email, <c>week</c>
/// keeps one week's quizzes and items, <c>sort</c> is <c>name</c>, <c>email</c>, <c>items</c>, <c>average</c>
/// or a quiz column's key (<c>w7:quiz</c>), <c>dir</c> is <c>asc</c> or <c>desc</c>.
/// </summary>
public sealed record GradebookQuery(string? Search = null, int? Week = null, string? Sort = null, bool Descending = false)
{
    public const string ByName = "name";
    public const string ByEmail = "email";
    public const string ByItems = "items";
    public const string ByAverage = "average";

    public string SortKey => string.IsNullOrWhiteSpace(Sort) ? ByName : Sort;

    /// <summary>The query string for this view, sorted by <paramref name="sort"/> (toggling direction when it already is).</summary>
    public string SortedBy(string sort) =>
        QueryString(this with { Sort = sort, Descending = sort == SortKey && !Descending });

    public static string QueryString(GradebookQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            parts.Add("q=" + Uri.EscapeDataString(query.Search.Trim()));
        }

        if (query.Week is { } week)
        {
            parts.Add("week=" + week.ToString(CultureInfo.InvariantCulture));
        }

        if (query.SortKey != ByName || query.Descending)
        {
            parts.Add("sort=" + Uri.EscapeDataString(query.SortKey));
            parts.Add("dir=" + (query.Descending ? "desc" : "asc"));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>One quiz column: the grade that counts for each learner.</summary>
public sealed record GradebookColumn(Week Week, Quiz Quiz)
{
    public string Key => $"w{Week.Number}:{Quiz.Id}";
}

/// <summary>
/// One learner's row: the counting grade (0..1) per quiz column, items completed in the weeks shown, and the
/// quiz average, where a quiz not yet handed in counts as 0 (what the learner would get if the course ended now).
/// A quiz handed in but waiting for an essay to be graded, with no graded attempt yet, is left out of the average
/// rather than counted as 0.
/// </summary>
/// <param name="Pending">Per quiz column, the handed-in attempts that wait for grading.</param>
public sealed record GradebookRow(
    EnrolledLearner Learner, IReadOnlyList<double?> Grades, IReadOnlyList<int> Attempts, int ItemsCompleted, int ItemsTotal, IReadOnlyList<int>? Pending = null)
{
    /// <summary>Per quiz column, the instructor's grade override in force (its grade is already in <see cref="Grades"/>), or null.</summary>
    public IReadOnlyList<LearnerGradeOverride?> Overrides { get; init; } = [];

    /// <summary>The override behind quiz column <paramref name="column"/>, or null.</summary>
    public LearnerGradeOverride? OverrideAt(int column) => column < Overrides.Count ? Overrides[column] : null;

    public double? QuizAverage
    {
        get
        {
            var counted = Grades.Where((g, i) => g is not null || PendingAt(i) == 0).ToList();
            return counted.Count == 0 ? null : counted.Average(g => g ?? 0);
        }
    }

    /// <summary>Attempts waiting for grading in quiz column <paramref name="column"/>.</summary>
    public int PendingAt(int column) => Pending is { } pending && column < pending.Count ? pending[column] : 0;

    /// <summary>The column has no grade yet only because its essays wait for grading.</summary>
    public bool AwaitsGrading(int column) => Grades[column] is null && PendingAt(column) > 0;
}

/// <summary>Learners × quizzes over the weeks learners can see, filtered and sorted by a <see cref="GradebookQuery"/>.</summary>
public sealed class Gradebook
{
    private Gradebook(GradebookQuery query, IReadOnlyList<Week> weeks, IReadOnlyList<GradebookColumn> columns, IReadOnlyList<GradebookRow> rows, int enrolled)
    {
        Query = query;
        Weeks = weeks;
        Columns = columns;
        Rows = rows;
        Enrolled = enrolled;
    }

    public GradebookQuery Query { get; }

    /// <summary>The weeks learners can see: the week filter's choices.</summary>
    public IReadOnlyList<Week> Weeks { get; }

    public IReadOnlyList<GradebookColumn> Columns { get; }

    public IReadOnlyList<GradebookRow> Rows { get; }

    /// <summary>Learners enrolled, before the text filter.</summary>
    public int Enrolled { get; }

    public static Gradebook Build(IReadOnlyList<Week> visibleWeeks, ClassRecords records, GradebookQuery query)
    {
        ArgumentNullException.ThrowIfNull(visibleWeeks);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(query);
        var shown = query.Week is { } number ? [.. visibleWeeks.Where(w => w.Number == number)] : visibleWeeks;
        var columns = shown.SelectMany(w => w.Items.OfType<Quiz>().Select(q => new GradebookColumn(w, q))).ToList();
        var itemsTotal = shown.Sum(w => w.Items.Count);

        var search = query.Search?.Trim();
        var rows = records.Learners
            .Where(l => string.IsNullOrEmpty(search)
                || l.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || l.Email.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Select(l =>
            {
                var progress = records.ProgressOf(l.Id);
                return new GradebookRow(
                    l,
                    [.. columns.Select(c => records.GradeOf(l.Id, c.Week.Number, c.Quiz))],
                    [.. columns.Select(c => records.AttemptsOf(l.Id, c.Week.Number, c.Quiz.Id))],
                    shown.Sum(w => w.Items.Count(i => progress.StateOf(w.Number, i).Completed)),
                    itemsTotal,
                    [.. columns.Select(c => records.PendingOf(l.Id, c.Week.Number, c.Quiz.Id))])
                {
                    Overrides = [.. columns.Select(c => records.OverrideOf(l.Id, c.Week.Number, c.Quiz.Id))],
                };
            });

        return new Gradebook(query, visibleWeeks, columns, Sort(rows, columns, query), records.Learners.Count);
    }

    /// <summary>
    /// The rows as CSV: email, name, one column per quiz (percent), items completed and total, quiz average, and the
    /// grade overrides behind any of those percentages (quiz key, who, and the reason).
    /// </summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendRow(["learner", "name", .. Columns.Select(c => $"{c.Key} {c.Quiz.Title}"), "items_completed", "items_total", "quiz_average", "grade_overrides"]);
        foreach (var row in Rows)
        {
            csv.AppendRow([
                row.Learner.Email,
                row.Learner.Name,
                .. row.Grades.Select((g, i) => g is { } grade ? Percent(grade) : row.AwaitsGrading(i) ? NeedsGradingCell : ""),
                row.ItemsCompleted.ToString(CultureInfo.InvariantCulture),
                row.ItemsTotal.ToString(CultureInfo.InvariantCulture),
                row.QuizAverage is { } average ? Percent(average) : "",
                string.Join("; ", Columns.Select((c, i) => row.OverrideAt(i) is { } o ? $"{c.Key}: {Percent(o.Fraction)}% by {o.SetBy}, reason: {o.Reason}" : null).OfType<string>()),
            ]);
        }

        return csv.ToString();
    }

    /// <summary>What a quiz cell of the CSV holds when the learner's only handed-in attempts wait for grading.</summary>
    public const string NeedsGradingCell = "needs grading";

    /// <summary>A fraction as a percentage with at most two decimals.</summary>
    public static string Percent(double fraction) => Csv.Number(Math.Round(fraction * 100, 2));

    // Ties, and learners with no grade in the sorted column (always last), fall back to name then email.
    private static List<GradebookRow> Sort(IEnumerable<GradebookRow> rows, IReadOnlyList<GradebookColumn> columns, GradebookQuery query)
    {
        var byName = StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true);
        Func<GradebookRow, double?>? number = query.SortKey switch
        {
            GradebookQuery.ByItems => r => r.ItemsCompleted,
            GradebookQuery.ByAverage => r => r.QuizAverage,
            GradebookQuery.ByName or GradebookQuery.ByEmail => null,
            var key when columns.ToList().FindIndex(c => c.Key == key) is var i and >= 0 => r => r.Grades[i],
            _ => null,
        };

        IOrderedEnumerable<GradebookRow> sorted;
        if (number is not null)
        {
            var present = rows.OrderBy(r => number(r) is null);
            sorted = query.Descending ? present.ThenByDescending(number) : present.ThenBy(number);
        }
        else if (query.SortKey == GradebookQuery.ByEmail)
        {
            sorted = query.Descending ? rows.OrderByDescending(r => r.Learner.Email, byName) : rows.OrderBy(r => r.Learner.Email, byName);
        }
        else
        {
            sorted = query.Descending ? rows.OrderByDescending(r => r.Learner.Name, byName) : rows.OrderBy(r => r.Learner.Name, byName);
        }

        return [.. sorted.ThenBy(r => r.Learner.Name, byName).ThenBy(r => r.Learner.Email, StringComparer.OrdinalIgnoreCase)];
    }
}
