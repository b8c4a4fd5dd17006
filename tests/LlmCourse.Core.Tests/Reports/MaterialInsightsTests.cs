using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Reports;
using LlmCourse.Core.Study;
using Microsoft.Extensions.Time.Testing;

namespace LlmCourse.Core.Tests.Reports;

/// <summary>
/// The per-slide insight on a generated class: learners answer a quiz, review cards and read a lecture on a fake
/// clock, and the expected figures are counted while the class is generated, not by the code under test.
/// </summary>
public sealed class MaterialInsightsTests
{
    private const string Folder = "weeks/05-attention";

    private const int SlideCount = 5;

    private static readonly string[] _questionSlides = ["1", "2", "3", "1", "4"];

    private static string LectureText() => "---\nkind: lecture\ntitle: Attention\n---\n" + string.Concat(
        Enumerable.Range(1, SlideCount).Select(n => $"## Slide {n}\n\nBullets.\n\n### Transcript\n\nWords.\n\n"));

    private static string QuizText() => "---\nkind: quiz\ntitle: Check\n---\n" + string.Concat(
        _questionSlides.Select((slide, i) => $"## Question {i + 1} {{#q{i + 1} tests=lecture/{slide}}}\n\n- [x] Right\n- [ ] Wrong\n\n"));

    private const string DeckText = """
        ---
        kind: deck
        title: Cards
        ---
        ## Card one {#c1 tests=lecture/2}

        Back one.

        ## Card two {#c2 tests=lecture/1,lecture/2}

        Back two.

        ## Card three {#c3 tests=lecture/5}

        Back three.
        """;

    private static Week LoadWeek()
    {
        var snapshot = new CourseLoader().Load(
        [
            new("course.md", "---\ntitle: Course\n---\n"),
            new($"{Folder}/week.md", "---\nnumber: 5\ntitle: Attention\n---\n"),
            new($"{Folder}/01-lecture.md", LectureText()),
            new($"{Folder}/02-quiz.md", QuizText()),
            new($"{Folder}/03-cards.md", DeckText),
        ]);
        Assert.Empty(snapshot.Errors);
        return snapshot.FindWeek(5)!;
    }

    /// <summary>What the generator counted while it made the class.</summary>
    private sealed class Expected
    {
        public Dictionary<string, List<double>> Marks { get; } = [];

        public List<string> AttemptOrder { get; } = [];

        public Dictionary<(string Learner, string Card), double> LastDifficulty { get; } = [];

        public Dictionary<string, (int Lapses, int InReview, int Recalled)> CardCounts { get; } = [];

        public Dictionary<int, Dictionary<string, double>> DwellByLearner { get; } = [];

        public Dictionary<int, HashSet<string>> Readers { get; } = [];

        public Dictionary<int, int> Stopped { get; } = [];
    }

    private static (IReadOnlyList<StatisticsAttempt> Attempts, IReadOnlyList<LearnerReview> Reviews, IReadOnlyList<SlideVisit> Visits, Expected Expected) Generate(Quiz quiz, Deck deck, int learners)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var random = new Random(20);
        var scheduler = new FsrsScheduler();
        var expected = new Expected();
        var attempts = new List<StatisticsAttempt>();
        var reviews = new List<LearnerReview>();
        var visits = new List<SlideVisit>();

        // A learner above a question's bar is nearly always right, below it rarely: question 3 (slide 3) has a
        // high bar; question 5 (slide 4) is a coin toss whoever answers, so it tells nobody apart.
        double[] bar = [0.1, 0.3, 0.75, 0.4];
        for (var l = 0; l < learners; l++)
        {
            var learner = $"learner-{l:000}";
            var ability = random.NextDouble();

            // The quiz.
            var responses = new Dictionary<string, QuestionResponse>();
            for (var q = 0; q < quiz.Questions.Count; q++)
            {
                var question = quiz.Questions[q];
                var right = q == 4 ? random.NextDouble() < 0.5 : random.NextDouble() < (ability > bar[q] ? 0.95 : 0.1);
                responses[question.Id] = new ChoiceResponse([question.Choices.Single(c => c.Correct == right).Id]);
                expected.Marks.TryAdd(question.Id, []);
                expected.Marks[question.Id].Add(right ? 1 : 0);
            }

            attempts.Add(new StatisticsAttempt(learner, 1, responses));

            // The lecture: slides in order up to where the learner stops, some with a break longer than the cap.
            var lastSlide = random.NextDouble() < 0.3 ? 3 : SlideCount;
            for (var slide = 1; slide <= lastSlide; slide++)
            {
                visits.Add(new SlideVisit(learner, slide, clock.GetUtcNow()));
                expected.Readers.TryAdd(slide, []);
                expected.Readers[slide].Add(learner);
                var seconds = slide == 2 ? 200 + random.Next(100) : 30 + random.Next(40);
                var isBreak = random.NextDouble() < 0.1;
                var gap = isBreak ? TimeSpan.FromMinutes(45) : TimeSpan.FromSeconds(seconds);
                if (slide < lastSlide && !isBreak)
                {
                    expected.DwellByLearner.TryAdd(slide, []);
                    expected.DwellByLearner[slide][learner] = seconds;
                }

                clock.Advance(gap);
            }

            if (lastSlide < SlideCount)
            {
                expected.Stopped[lastSlide] = expected.Stopped.GetValueOrDefault(lastSlide) + 1;
            }

            // The cards: each reviewed when due for a few rounds; card three is forgotten often.
            foreach (var card in deck.Cards)
            {
                var state = CardState.CreateNew(card.Id, clock.GetUtcNow());
                var forget = card.Id == "c3" ? 0.5 : 0.1;
                for (var round = 0; round < 6; round++)
                {
                    var now = state.Due > clock.GetUtcNow() ? state.Due : clock.GetUtcNow();
                    var rating = random.NextDouble() < forget ? Rating.Again : random.NextDouble() < 0.2 ? Rating.Hard : Rating.Good;
                    var result = scheduler.Review(state, rating, now);
                    reviews.Add(new LearnerReview(learner, deck.Id, result.Log));
                    var counts = expected.CardCounts.GetValueOrDefault(card.Id);
                    if (state.State == CardLearningState.Review)
                    {
                        counts = (counts.Lapses + (rating == Rating.Again ? 1 : 0), counts.InReview + 1, counts.Recalled + (rating == Rating.Again ? 0 : 1));
                    }

                    expected.CardCounts[card.Id] = counts;
                    expected.LastDifficulty[(learner, card.Id)] = result.Card.Difficulty!.Value;
                    state = result.Card;
                }
            }

            clock.Advance(TimeSpan.FromHours(1));
        }

        return (attempts, reviews, visits, expected);
    }

    private static double Mean(IEnumerable<double> values) => values.Average();

    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        var cov = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        var vx = x.Sum(v => (v - mx) * (v - mx));
        var vy = y.Sum(v => (v - my) * (v - my));
        return cov / Math.Sqrt(vx * vy);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var m = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    [Fact]
    public void Compute_GeneratedClass_MatchesFiguresCountedIndependently()
    {
        var week = LoadWeek();
        var lecture = week.Items.OfType<Lecture>().Single();
        var quiz = week.Items.OfType<Quiz>().Single();
        var deck = week.Items.OfType<Deck>().Single();
        var (attempts, reviews, visits, expected) = Generate(quiz, deck, 120);
        var statistics = StatisticsCalculator.Compute(quiz, attempts, StatisticsAttempts.All);

        var insight = MaterialInsights.Compute(week, lecture, 120, new Dictionary<string, QuizStatistics> { ["quiz"] = statistics }, reviews, visits);

        Assert.Equal(SlideCount, insight.Parts.Count);
        var totals = Enumerable.Range(0, 120).Select(i => expected.Marks.Values.Sum(m => m[i])).ToList();
        double Facility(string id) => 100 * Mean(expected.Marks[id]);
        double Discrimination(string id) => 100 * Pearson(expected.Marks[id], [.. totals.Select((t, i) => t - expected.Marks[id][i])]);
        for (var slide = 1; slide <= SlideCount; slide++)
        {
            var part = insight.Parts[slide - 1];
            Assert.Equal(slide, part.Slide);
            var ids = _questionSlides.Select((s, i) => (s, Id: $"q{i + 1}")).Where(x => x.s == $"{slide}").Select(x => x.Id).ToList();
            Assert.Equal(ids, part.Questions.Select(q => q.QuestionId));
            if (ids.Count == 0)
            {
                Assert.Null(part.Facility);
                Assert.Null(part.Discrimination);
            }
            else
            {
                Assert.Equal(Mean(ids.Select(Facility)), part.Facility!.Value, 9);
                Assert.Equal(Mean(ids.Select(Discrimination)), part.Discrimination!.Value, 9);
            }

            var cards = deck.Cards.Where(c => c.Tests.Any(t => t.Slide == slide)).Select(c => c.Id).ToList();
            Assert.Equal(cards, part.Cards.Select(c => c.CardId));
            if (cards.Count == 0)
            {
                Assert.Null(part.Retention);
                Assert.Null(part.Difficulty);
            }
            else
            {
                var counts = cards.Select(c => expected.CardCounts[c]).ToList();
                Assert.Equal((double)counts.Sum(c => c.Recalled) / counts.Sum(c => c.InReview), part.Retention!.Value, 9);
                Assert.Equal((double)counts.Sum(c => c.Lapses) / (120 * cards.Count), part.LapseRate!.Value, 9);
                Assert.Equal(Mean(expected.LastDifficulty.Where(d => cards.Contains(d.Key.Card)).Select(d => d.Value)), part.Difficulty!.Value, 9);
            }

            Assert.Equal(expected.Readers[slide].Count, part.Readers);
            Assert.Equal(expected.Stopped.GetValueOrDefault(slide), part.StoppedHere);
            if (expected.DwellByLearner.TryGetValue(slide, out var dwell))
            {
                Assert.Equal(Median(dwell.Values), part.MedianDwellSeconds!.Value, 9);
            }
            else
            {
                Assert.Null(part.MedianDwellSeconds);
            }
        }

        // Each tied card's own figures.
        var c3 = insight.Parts[4].Cards.Single(c => c.CardId == "c3");
        Assert.Equal(120, c3.Learners);
        Assert.Equal(720, c3.Reviews);
        Assert.Equal((double)expected.CardCounts["c3"].Recalled / expected.CardCounts["c3"].InReview, c3.Retention!.Value, 9);
    }

    [Fact]
    public void Compute_GeneratedClass_RanksTheWeakSlidesFirstWithTheirReasons()
    {
        var week = LoadWeek();
        var lecture = week.Items.OfType<Lecture>().Single();
        var quiz = week.Items.OfType<Quiz>().Single();
        var deck = week.Items.OfType<Deck>().Single();
        var (attempts, reviews, visits, _) = Generate(quiz, deck, 120);
        var statistics = StatisticsCalculator.Compute(quiz, attempts, StatisticsAttempts.All);

        var insight = MaterialInsights.Compute(week, lecture, 120, new Dictionary<string, QuizStatistics> { ["quiz"] = statistics }, reviews, visits);

        var rework = insight.Rework.Select(p => p.Slide!.Value).ToList();

        // Slide 3: a hard question and the place where readers stop; slide 4: a question answered by chance;
        // slide 5: a card forgotten half the time; slide 2: read four times as long as the others.
        Assert.Contains(insight.Parts[2].Reasons, r => r.Text.StartsWith("its questions are hard", StringComparison.Ordinal));
        Assert.Contains(insight.Parts[2].Reasons, r => r.Text.EndsWith("stop the lecture here", StringComparison.Ordinal));
        Assert.Contains(insight.Parts[3].Reasons, r => r.Text.StartsWith("its questions separate", StringComparison.Ordinal));
        Assert.Contains(insight.Parts[4].Reasons, r => r.Text.StartsWith("its cards are forgotten", StringComparison.Ordinal));
        Assert.Contains(insight.Parts[1].Reasons, r => r.Text.StartsWith("learners spend", StringComparison.Ordinal));
        Assert.Empty(insight.Parts[0].Reasons);
        Assert.Equal([2, 3, 4, 5], rework.Order());
        Assert.Equal(insight.Rework.Select(p => p.ReworkScore).OrderDescending(), insight.Rework.Select(p => p.ReworkScore));
    }

    [Fact]
    public void Compute_NoRecords_HasEmptyFiguresAndNothingToRework()
    {
        var week = LoadWeek();
        var lecture = week.Items.OfType<Lecture>().Single();

        var insight = MaterialInsights.Compute(week, lecture, 0, new Dictionary<string, QuizStatistics>(), [], []);

        Assert.All(insight.Parts, p =>
        {
            Assert.Null(p.Facility);
            Assert.Null(p.Retention);
            Assert.Null(p.MedianDwellSeconds);
            Assert.Equal(0, p.Readers);
        });
        Assert.Empty(insight.Rework);
        Assert.Equal(SlideCount + 1, MaterialInsights.ToCsv(insight).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Compute_Notes_GivesOneRowPerSectionWithoutReading()
    {
        var snapshot = new CourseLoader().Load(
        [
            new("course.md", "---\ntitle: Course\n---\n"),
            new($"{Folder}/week.md", "---\nnumber: 5\ntitle: Attention\n---\n"),
            new($"{Folder}/01-notes.md", "---\nkind: notes\ntitle: Notes\n---\n## Queries\n\nText.\n\n### Keys\n\nText.\n"),
            new($"{Folder}/02-quiz.md", "---\nkind: quiz\ntitle: Q\n---\n## Which? {#which tests=notes#keys}\n\n- [x] A\n- [ ] B\n"),
        ]);
        var week = snapshot.FindWeek(5)!;

        var insight = MaterialInsights.Compute(week, week.FindItem("notes")!, 3, new Dictionary<string, QuizStatistics>(), [], [new SlideVisit("a", 1, DateTimeOffset.UnixEpoch)]);

        Assert.Equal(["queries", "keys"], insight.Parts.Select(p => p.Key));
        Assert.Equal("which", insight.Parts[1].Questions.Single().QuestionId);
        Assert.Equal(0, insight.Parts[1].Questions.Single().Attempts);
        Assert.All(insight.Parts, p => Assert.Equal(0, p.Readers));
    }
}
