using System.Globalization;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Study;

namespace LlmCourse.Core.Reports;

/// <summary>One spaced-repetition review of a card of the week, by one learner (from the stored review logs).</summary>
public sealed record LearnerReview(string LearnerId, string DeckId, ReviewLog Log);

/// <summary>A learner opening slide <paramref name="Slide"/> of the lecture at <paramref name="At"/>.</summary>
public sealed record SlideVisit(string LearnerId, int Slide, DateTimeOffset At);

/// <summary>A question tied to a slide or section, with its item analysis (null figures: too few attempts).</summary>
public sealed record TiedQuestion(string QuizId, string QuestionId, string Title, int Attempts, double? Facility, double? Discrimination);

/// <summary>
/// A card tied to a slide or section, across the learners who reviewed it: mean current FSRS difficulty (1–10),
/// lapses per learner, and retention (share of reviews of a card in review that were not "Again").
/// </summary>
public sealed record TiedCard(string DeckId, string CardId, string Question, int Learners, int Reviews, double? Difficulty, double? LapseRate, double? Retention);

/// <summary>Why a slide or section is ranked for rework, with the figure behind it.</summary>
public sealed record ReworkReason(string Text, double Severity);

/// <summary>
/// What the course records about one slide (<see cref="Slide"/> set) or notes section (<see cref="Section"/> set).
/// Facility and discrimination are the means over its questions (0–100); difficulty, lapse rate and retention
/// pool every (learner, card) of its cards; reading figures exist for lecture slides only.
/// </summary>
public sealed record PartInsight
{
    public int? Slide { get; init; }

    public string? Section { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<TiedQuestion> Questions { get; init; }

    public required IReadOnlyList<TiedCard> Cards { get; init; }

    public double? Facility { get; init; }

    public double? Discrimination { get; init; }

    public double? Difficulty { get; init; }

    public double? LapseRate { get; init; }

    public double? Retention { get; init; }

    /// <summary>Learners who opened the slide.</summary>
    public int Readers { get; init; }

    /// <summary>Median over its readers of their total time on the slide, in seconds; null when no time could be measured.</summary>
    public double? MedianDwellSeconds { get; init; }

    /// <summary>Readers whose furthest slide in the lecture is this one (not the last): where they stopped.</summary>
    public int StoppedHere { get; init; }

    /// <summary><see cref="StoppedHere"/> as a share of <see cref="Readers"/>, 0–1.</summary>
    public double? StopRate => Readers == 0 ? null : (double)StoppedHere / Readers;

    /// <summary>Why it needs rework, most severe first; empty when nothing stands out.</summary>
    public IReadOnlyList<ReworkReason> Reasons { get; init; } = [];

    /// <summary>Sum of the reasons' severities: the rework ranking's key.</summary>
    public double ReworkScore => Reasons.Sum(r => r.Severity);

    /// <summary>The slide number or section id, as <c>tests=</c> names it.</summary>
    public string Key => Slide is { } n ? n.ToString(CultureInfo.InvariantCulture) : Section ?? "";
}

/// <summary>The per-slide (or per-section) view of one lecture or notes item, and its rework ranking.</summary>
public sealed record MaterialInsight(CourseItem Item, int Learners, IReadOnlyList<PartInsight> Parts)
{
    /// <summary>The parts with a reason for rework, highest score first (ties in course order).</summary>
    public IReadOnlyList<PartInsight> Rework { get; } = [.. Parts.Where(p => p.Reasons.Count > 0).OrderByDescending(p => p.ReworkScore)];
}

/// <summary>
/// Puts quiz item analysis, flashcard memory figures and reading behaviour on the slides and notes sections
/// that questions and cards name with <c>tests=</c> (docs/authoring.md, "Teaching insight").
/// </summary>
public static class MaterialInsights
{
    /// <summary>Questions below this facility (percent) are hard for the class.</summary>
    public const double LowFacility = 50;

    /// <summary>Questions below this discrimination index (percent) separate strong and weak learners poorly (Moodle reads under 20 as weak).</summary>
    public const double LowDiscrimination = 20;

    /// <summary>Cards whose retention falls below this are forgotten more than FSRS's default target of 90 %.</summary>
    public const double LowRetention = 0.8;

    /// <summary>Cards with a mean FSRS difficulty above this (of 10) are hard to remember.</summary>
    public const double HighDifficulty = 7;

    /// <summary>A slide where more than this share of its readers stop is where the lecture loses them.</summary>
    public const double HighStopRate = 0.2;

    /// <summary>A slide read more than this many times as long as the lecture's typical slide may be too dense.</summary>
    public const double LongDwellFactor = 2;

    /// <summary>A gap between two slide visits longer than this is a break, not reading: it counts for neither slide.</summary>
    public static readonly TimeSpan MaxDwell = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The insight into <paramref name="item"/> (a lecture or notes of <paramref name="week"/>).
    /// </summary>
    /// <param name="learners">Enrolled learners, the denominator of nothing but shown for context.</param>
    /// <param name="quizStatistics">Statistics of the week's quizzes, by quiz id (a quiz without any is left out).</param>
    /// <param name="reviews">Reviews of the week's cards.</param>
    /// <param name="visits">Visits to the lecture's slides (ignored for notes).</param>
    public static MaterialInsight Compute(
        Week week,
        CourseItem item,
        int learners,
        IReadOnlyDictionary<string, QuizStatistics> quizStatistics,
        IReadOnlyList<LearnerReview> reviews,
        IReadOnlyList<SlideVisit> visits)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(quizStatistics);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(visits);

        var parts = item switch
        {
            Lecture lecture => lecture.Slides.Select(s => (Reference: new MaterialReference(item.Id, s.Number, null), s.Title)).ToList(),
            Notes notes => notes.Toc.Select(t => (Reference: new MaterialReference(item.Id, null, t.Id), Title: t.Text)).ToList(),
            _ => throw new ArgumentException("Only lectures and notes have slides or sections.", nameof(item)),
        };

        var reviewsByCard = reviews.ToLookup(r => (r.DeckId, r.Log.CardId));
        var reading = item is Lecture l ? Reading(l.Slides.Count, visits) : new Dictionary<int, (int, double?, int)>();
        var insights = parts.Select(p =>
        {
            var questions = week.Items.OfType<Quiz>()
                .SelectMany(quiz => quiz.Questions.Where(q => q.Tests.Contains(p.Reference)).Select(q => Tie(quiz, q, quizStatistics)))
                .ToList();
            var cards = week.Items.OfType<Deck>()
                .SelectMany(deck => deck.Cards.Where(c => c.Tests.Contains(p.Reference)).Select(c => Tie(deck, c, reviewsByCard[(deck.Id, c.Id)].ToList())))
                .ToList();
            var pooled = cards.SelectMany(c => reviewsByCard[(c.DeckId, c.CardId)]).ToList();
            var (readers, dwell, stopped) = p.Reference.Slide is { } n && reading.TryGetValue(n, out var r) ? r : (0, null, 0);
            return new PartInsight
            {
                Slide = p.Reference.Slide,
                Section = p.Reference.Section,
                Title = p.Title,
                Questions = questions,
                Cards = cards,
                Facility = Mean(questions.Select(q => q.Facility)),
                Discrimination = Mean(questions.Select(q => q.Discrimination)),
                Difficulty = CurrentDifficulty(pooled),
                LapseRate = LapseRate(pooled),
                Retention = Retention(pooled),
                Readers = readers,
                MedianDwellSeconds = dwell,
                StoppedHere = stopped,
            };
        }).ToList();

        var typicalDwell = Median([.. insights.Select(p => p.MedianDwellSeconds).OfType<double>()]);
        return new MaterialInsight(item, learners, [.. insights.Select(p => p with { Reasons = Reasons(p, typicalDwell) })]);
    }

    /// <summary>The insight as CSV: one row per slide or section, then one per tied question and card.</summary>
    public static string ToCsv(MaterialInsight insight)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var csv = new StringBuilder();
        csv.AppendRow(["part", "title", "questions", "facility", "discrimination", "cards", "difficulty", "lapse_rate", "retention", "readers", "median_dwell_seconds", "stopped_here", "rework_score", "reasons"]);
        foreach (var p in insight.Parts)
        {
            csv.AppendRow([
                p.Key, p.Title, Count(p.Questions.Count), Figure(p.Facility), Figure(p.Discrimination), Count(p.Cards.Count),
                Figure(p.Difficulty), Figure(p.LapseRate), Figure(p.Retention), Count(p.Readers), Figure(p.MedianDwellSeconds),
                Count(p.StoppedHere), Csv.Number(p.ReworkScore), string.Join("; ", p.Reasons.Select(r => r.Text)),
            ]);
        }

        return csv.ToString();

        static string Figure(double? value) => value is { } v ? Csv.Number(v) : "";
        static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Per slide: readers, the median of their total time on it, and how many stopped there. A learner's time on a
    /// slide is the gap from opening it to opening the next slide, when that gap is at most <see cref="MaxDwell"/>;
    /// the last visit of a learner measures nothing.
    /// </summary>
    private static Dictionary<int, (int Readers, double? MedianDwell, int Stopped)> Reading(int slideCount, IReadOnlyList<SlideVisit> visits)
    {
        var readers = new Dictionary<int, HashSet<string>>();
        var dwell = new Dictionary<int, Dictionary<string, double>>();
        var stopped = new Dictionary<int, int>();
        foreach (var learner in visits.Where(v => v.Slide >= 1 && v.Slide <= slideCount).GroupBy(v => v.LearnerId, StringComparer.Ordinal))
        {
            var ordered = learner.OrderBy(v => v.At).ThenBy(v => v.Slide).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var visit = ordered[i];
                Add(readers, visit.Slide).Add(learner.Key);
                if (i + 1 < ordered.Count && ordered[i + 1].At - visit.At is var gap && gap <= MaxDwell)
                {
                    var perLearner = Add(dwell, visit.Slide);
                    perLearner[learner.Key] = perLearner.GetValueOrDefault(learner.Key) + gap.TotalSeconds;
                }
            }

            var furthest = ordered.Max(v => v.Slide);
            if (furthest < slideCount)
            {
                stopped[furthest] = stopped.GetValueOrDefault(furthest) + 1;
            }
        }

        return Enumerable.Range(1, slideCount).ToDictionary(
            n => n,
            n => (readers.TryGetValue(n, out var r) ? r.Count : 0,
                  dwell.TryGetValue(n, out var d) ? Median([.. d.Values]) : null,
                  stopped.GetValueOrDefault(n)));

        static TValue Add<TValue>(Dictionary<int, TValue> map, int key)
            where TValue : new()
        {
            if (!map.TryGetValue(key, out var value))
            {
                map[key] = value = new TValue();
            }

            return value;
        }
    }

    private static TiedQuestion Tie(Quiz quiz, Question question, IReadOnlyDictionary<string, QuizStatistics> statistics)
    {
        var figures = statistics.TryGetValue(quiz.Id, out var s) ? s.Questions.FirstOrDefault(q => q.QuestionId == question.Id) : null;
        return new TiedQuestion(quiz.Id, question.Id, question.Title, figures?.AttemptCount ?? 0, figures?.FacilityIndex, figures?.DiscriminationIndex);
    }

    private static TiedCard Tie(Deck deck, Card card, List<LearnerReview> reviews) => new(
        deck.Id,
        card.Id,
        card.Question,
        reviews.Select(r => r.LearnerId).Distinct(StringComparer.Ordinal).Count(),
        reviews.Count,
        CurrentDifficulty(reviews),
        LapseRate(reviews),
        Retention(reviews));

    /// <summary>Mean over (learner, card) of the difficulty after the latest review.</summary>
    private static double? CurrentDifficulty(IReadOnlyList<LearnerReview> reviews) => Mean(reviews
        .GroupBy(r => (r.LearnerId, r.DeckId, r.Log.CardId))
        .Select(g => (double?)g.MaxBy(r => r.Log.ReviewedAt)!.Log.DifficultyAfter));

    /// <summary>Lapses (a card in review rated "Again") per (learner, card) reviewed.</summary>
    private static double? LapseRate(IReadOnlyList<LearnerReview> reviews)
    {
        var pairs = reviews.Select(r => (r.LearnerId, r.DeckId, r.Log.CardId)).Distinct().Count();
        return pairs == 0 ? null : (double)reviews.Count(IsLapse) / pairs;
    }

    /// <summary>Share of reviews of cards in review that were recalled (Anki's true retention).</summary>
    private static double? Retention(IReadOnlyList<LearnerReview> reviews)
    {
        var inReview = reviews.Where(r => r.Log.StateBefore == CardLearningState.Review).ToList();
        return inReview.Count == 0 ? null : (double)inReview.Count(r => r.Log.Rating != Rating.Again) / inReview.Count;
    }

    private static bool IsLapse(LearnerReview review) =>
        review.Log.StateBefore == CardLearningState.Review && review.Log.Rating == Rating.Again;

    private static List<ReworkReason> Reasons(PartInsight part, double? typicalDwell)
    {
        var reasons = new List<ReworkReason>();
        if (part.Facility is { } facility && facility < LowFacility)
        {
            reasons.Add(new ReworkReason(Say($"its questions are hard: facility {facility:0}%"), (LowFacility - facility) / LowFacility));
        }

        if (part.Discrimination is { } discrimination && discrimination < LowDiscrimination)
        {
            reasons.Add(new ReworkReason(Say($"its questions separate strong and weak learners poorly: discrimination {discrimination:0}%"), Math.Min(1, (LowDiscrimination - discrimination) / LowDiscrimination)));
        }

        if (part.Retention is { } retention && retention < LowRetention)
        {
            reasons.Add(new ReworkReason(Say($"its cards are forgotten: retention {retention * 100:0}%"), (LowRetention - retention) / LowRetention));
        }

        if (part.Difficulty is { } difficulty && difficulty > HighDifficulty)
        {
            reasons.Add(new ReworkReason(Say($"its cards are hard to remember: FSRS difficulty {difficulty:0.0}"), (difficulty - HighDifficulty) / (10 - HighDifficulty)));
        }

        if (part.StopRate is { } stop && stop > HighStopRate)
        {
            reasons.Add(new ReworkReason(Say($"{stop * 100:0}% of its readers stop the lecture here"), Math.Min(1, stop)));
        }

        if (part.MedianDwellSeconds is { } dwell && typicalDwell is > 0 && dwell > LongDwellFactor * typicalDwell.Value)
        {
            var factor = dwell / typicalDwell.Value;
            reasons.Add(new ReworkReason(Say($"learners spend {factor:0.0}× as long on it as on a typical slide"), Math.Min(1, (factor - LongDwellFactor) / LongDwellFactor)));
        }

        return [.. reasons.OrderByDescending(r => r.Severity)];

        static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
