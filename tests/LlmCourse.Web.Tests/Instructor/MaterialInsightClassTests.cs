using System.Globalization;
using System.Net;
using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Study;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>
/// The per-slide insight of week 7's lecture over a generated class of 40 learners on a fake clock: quiz attempts
/// (some learners try twice) on the questions tied to slides 5–8, 11 and 12, reviews of the card tied to slide 4
/// (and of an untied card), and walks through the slides with pauses, breaks, going back and stopping. Every
/// figure the API and the CSV give per slide is worked out again below from the generated records with the plain
/// formulas (Moodle's facility and discrimination, FSRS difficulty after the latest review, lapses per learner,
/// retention of cards in review, median time per reader, furthest slides), not by the production code.
/// <see cref="MaterialInsightWebTests"/> covers the hand-worked small class, the page, and who may see it.
/// </summary>
public sealed class MaterialInsightClassTests(MaterialInsightClassTests.GeneratedClass factory) : IClassFixture<MaterialInsightClassTests.GeneratedClass>
{
    private const string Api = "/api/v1/instructor/weeks/7/items/lecture/insight";
    private const string Csv = "/instructor/weeks/7/lecture/insight?handler=Csv";

    [Fact]
    public async Task Api_GeneratedClass_EveryPerSlideFigureMatchesTheFormulas()
    {
        var (instructor, expected) = await factory.SeedAsync();
        using var json = JsonDocument.Parse(await instructor.GetStringAsync(Api));
        var root = json.RootElement;
        Assert.Equal(GeneratedClass.Learners, root.GetProperty("learners").GetInt32());
        var parts = root.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(GeneratedClass.Slides, parts.Count);

        foreach (var part in parts)
        {
            var slide = int.Parse(part.GetProperty("part").GetString()!, CultureInfo.InvariantCulture);
            var e = expected.Slides[slide];
            var where = $"slide {slide}";
            AssertFigure(e.Facility, Number(part, "facility"), 1e-6, where + " facility");
            AssertFigure(e.Discrimination, Number(part, "discrimination"), 1e-6, where + " discrimination");
            AssertFigure(e.Difficulty, Number(part, "difficulty"), 1e-6, where + " difficulty");
            AssertFigure(e.LapseRate, Number(part, "lapseRate"), 1e-6, where + " lapse rate");
            AssertFigure(e.Retention, Number(part, "retention"), 1e-6, where + " retention");
            AssertFigure(e.MedianDwell, Number(part, "medianDwellSeconds"), 1e-6, where + " median dwell");
            Assert.True(e.Readers == part.GetProperty("readers").GetInt32(), where + " readers");
            Assert.True(e.Stopped == part.GetProperty("stoppedHere").GetInt32(), where + " stopped");
        }

        // The generator made the figures worth comparing: attempts on six slides, cards on one, readers everywhere.
        Assert.Equal(6, expected.Slides.Values.Count(s => s.Facility is not null));
        Assert.All(new[] { 5, 6, 7, 8, 11, 12 }, n => Assert.NotNull(expected.Slides[n].Discrimination));
        Assert.NotNull(expected.Slides[4].Retention);
        Assert.True(expected.Slides.Values.Sum(s => s.Stopped) >= 10, "too few learners stopped early to test drop-off");
        Assert.True(expected.Slides[13].Readers < expected.Slides[1].Readers, "the class should thin out");

        // Each tied question's own figures, and how many attempts (one per learner: the highest) were analysed.
        var tied = parts.SelectMany(p => p.GetProperty("questions").EnumerateArray()).ToList();
        Assert.Equal(8, tied.Count);
        foreach (var q in tied)
        {
            var id = q.GetProperty("questionId").GetString()!;
            Assert.Equal(GeneratedClass.Learners, q.GetProperty("attempts").GetInt32());
            AssertFigure(expected.Questions[id].Facility, Number(q, "facility"), 1e-6, id + " facility");
            AssertFigure(expected.Questions[id].Discrimination, Number(q, "discrimination"), 1e-6, id + " discrimination");
        }
    }

    [Fact]
    public async Task Csv_GeneratedClass_RowsMatchTheFormulasToFourDecimals()
    {
        var (instructor, expected) = await factory.SeedAsync();
        using var response = await instructor.GetAsync(Csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        // Titles and reasons may hold commas; the figures before them are plain, so the part and figures are read
        // from the start and the end would be unreliable: the columns read here are all before "reasons".
        var rows = lines.Skip(1).Select(SplitCsv).Where(f => f.Count == header.Length).ToDictionary(f => f[0]);
        Assert.Equal(GeneratedClass.Slides, rows.Count);
        double? Cell(int slide, string column) =>
            rows[slide.ToString(CultureInfo.InvariantCulture)][Array.IndexOf(header, column)] is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;

        for (var slide = 1; slide <= GeneratedClass.Slides; slide++)
        {
            var e = expected.Slides[slide];
            AssertFigure(e.Facility, Cell(slide, "facility"), 5e-5, $"slide {slide} facility");
            AssertFigure(e.Discrimination, Cell(slide, "discrimination"), 5e-5, $"slide {slide} discrimination");
            AssertFigure(e.Difficulty, Cell(slide, "difficulty"), 5e-5, $"slide {slide} difficulty");
            AssertFigure(e.LapseRate, Cell(slide, "lapse_rate"), 5e-5, $"slide {slide} lapse rate");
            AssertFigure(e.Retention, Cell(slide, "retention"), 5e-5, $"slide {slide} retention");
            AssertFigure(e.MedianDwell, Cell(slide, "median_dwell_seconds"), 5e-5, $"slide {slide} dwell");
            Assert.Equal(e.Readers, Cell(slide, "readers"));
            Assert.Equal(e.Stopped, Cell(slide, "stopped_here"));
        }
    }

    private static double? Number(JsonElement e, string name) =>
        e.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static void AssertFigure(double? expected, double? actual, double tolerance, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: expected {expected?.ToString() ?? "none"}, got {actual?.ToString() ?? "none"}");
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(e - a) <= tolerance, $"{what}: expected {e}, got {a}");
        }
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>What the formulas give, per slide and per tied question.</summary>
    public sealed record ExpectedFigures(IReadOnlyDictionary<int, ExpectedSlide> Slides, IReadOnlyDictionary<string, (double? Facility, double? Discrimination)> Questions);

    public sealed record ExpectedSlide(double? Facility, double? Discrimination, double? Difficulty, double? LapseRate, double? Retention, int Readers, double? MedianDwell, int Stopped);

    /// <summary>The site on a fake clock, with the generated class seeded once.</summary>
    public sealed class GeneratedClass : ClockedAppFactory
    {
        public const int Learners = 40;
        public const int Slides = 13;

        private static readonly TimeSpan Break = TimeSpan.FromMinutes(30);

        /// <summary>When the class starts; the site's clock starts 30 days later (a fake clock only moves forward).</summary>
        private static readonly DateTime ClassStart = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

        public GeneratedClass()
            : base(null, new DateTimeOffset(ClassStart.AddDays(30)))
        {
        }

        private readonly SemaphoreSlim _gate = new(1, 1);
        private ExpectedFigures? _expected;

        public async Task<(HttpClient Instructor, ExpectedFigures Expected)> SeedAsync()
        {
            await _gate.WaitAsync();
            try
            {
                _expected ??= await GenerateAsync();
            }
            finally
            {
                _gate.Release();
            }

            return (await TestAccounts.InstructorAsync(this), _expected);
        }

        private sealed record Attempt(string Learner, int Number, Dictionary<string, double> Marks);

        private sealed record Review(string Learner, string CardId, int Minute, Rating Rating, CardLearningState Before, double Difficulty);

        private sealed record View(string Learner, int Slide, DateTime At);

        private async Task<ExpectedFigures> GenerateAsync()
        {
            var random = new Random(2020);
            var start = ClassStart;
            await using var scope = Services.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
            var week = scope.ServiceProvider.GetRequiredService<CourseStore>().Current.FindWeek(7)!;
            var quiz = (Quiz)week.FindItem("quiz")!;
            var learners = new List<string>();
            for (var i = 0; i < Learners; i++)
            {
                var email = $"class{i:00}.insight@example.com";
                learners.Add((await admin.CreateAsync(email, TestAccounts.Password, Roles.Learner, email)).User?.Id ?? throw new InvalidOperationException(email));
            }

            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var attempts = new List<Attempt>();
            var reviews = new List<Review>();
            var views = new List<View>();
            foreach (var (learner, index) in learners.Select((l, i) => (l, i)))
            {
                var ability = random.NextDouble();
                var tries = random.NextDouble() < 0.3 ? 2 : 1;
                for (var number = 1; number <= tries; number++)
                {
                    var marks = new Dictionary<string, double>(StringComparer.Ordinal);
                    var attemptId = Guid.NewGuid().ToString("N");
                    var startedAt = start.AddDays(index % 5).AddHours(number);
                    foreach (var (question, q) in quiz.Questions.Select((x, q) => (x, q)))
                    {
                        // Harder questions further down; a second try goes better.
                        // Matching and ordering (untied, answered through per-attempt ids) are left unanswered: no mark.
                        var right = random.NextDouble() < Math.Clamp(ability + 0.35 - (0.07 * q) + (0.15 * (number - 1)), 0.05, 0.95)
                            && question.Type is not (QuestionType.Matching or QuestionType.Ordering);
                        if (Respond(question, right, random) is { } response)
                        {
                            db.QuizAnswers.Add(new QuizAnswer { AttemptId = attemptId, QuestionId = question.Id, ResponseJson = ResponseCodec.Serialize(response), Revision = quiz.Revision, SavedAt = startedAt.AddMinutes(1) });
                        }

                        marks[question.Id] = right ? question.Points : 0;
                    }

                    var score = marks.Values.Sum();
                    var max = quiz.Questions.Sum(q => q.Points);
                    db.QuizAttempts.Add(new QuizAttempt
                    {
                        Id = attemptId, UserId = learner, WeekNumber = 7, QuizId = quiz.Id, Number = number, Seed = random.Next(), Revision = quiz.Revision,
                        StartedAt = startedAt, SubmittedAt = startedAt.AddMinutes(8), Score = score, MaxScore = max, Passed = score / max >= 0.7,
                    });
                    attempts.Add(new Attempt(learner, number, marks));
                }

                // Cards: three in four learners review the card of slide 4 a few times; everyone may review an untied card.
                if (random.NextDouble() < 0.75)
                {
                    var state = CardLearningState.New;
                    var times = random.Next(1, 6);
                    for (var r = 0; r < times; r++)
                    {
                        var rating = (Rating)random.Next(1, 5);
                        reviews.Add(new Review(learner, "what-is-fine-tuning", (index * 100) + (r * 10), rating, state, Math.Round(1 + (9 * random.NextDouble()), 3)));
                        state = rating == Rating.Again && state == CardLearningState.Review ? CardLearningState.Relearning : CardLearningState.Review;
                    }
                }

                reviews.Add(new Review(learner, "sampling-parameters", (index * 100) + 90, Rating.Again, CardLearningState.Review, 9.5));

                // Reading: forward from slide 1 to a furthest slide, a few steps back, some long breaks.
                var furthest = random.NextDouble() < 0.4 ? Slides : random.Next(1, Slides);
                var at = start.AddDays(index % 7).AddHours(index);
                var slide = 1;
                var reached = 1;
                views.Add(new View(learner, 1, at));
                while (reached < furthest || slide != reached)
                {
                    var gap = random.NextDouble() < 0.08 ? TimeSpan.FromMinutes(31 + random.Next(120)) : TimeSpan.FromSeconds(5 + random.Next(300));
                    at += gap;
                    slide = slide > 1 && slide == reached && random.NextDouble() < 0.15 ? slide - 1 : slide + 1;
                    reached = Math.Max(reached, slide);
                    views.Add(new View(learner, slide, at));
                }
            }

            db.SlideViews.AddRange(views.Select(v => new SlideView { UserId = v.Learner, WeekNumber = 7, LectureId = "lecture", Slide = v.Slide, ViewedAt = v.At }));
            db.StudyReviews.AddRange(reviews.Select(r => new StudyReview
            {
                UserId = r.Learner, ReviewId = Guid.NewGuid().ToString("N"), WeekNumber = 7, DeckId = "flashcards", CardId = r.CardId, Rating = (int)r.Rating,
                ReviewedAt = start.AddMinutes(r.Minute), Interval = TimeSpan.FromDays(1), StateBefore = (int)r.Before, StateAfter = (int)CardLearningState.Review,
                StabilityAfter = 1, DifficultyAfter = r.Difficulty,
            }));
            await db.SaveChangesAsync();
            return Work(quiz, attempts, reviews, views);
        }

        /// <summary>A right response, or a wrong one (a wrong pick, a wrong number, or nothing at all).</summary>
        private static QuestionResponse? Respond(Question question, bool right, Random random) => question.Type switch
        {
            QuestionType.Matching or QuestionType.Ordering => null,
            QuestionType.ShortText => right ? new TextResponse(question.AcceptedAnswers[0]) : new TextResponse("no idea"),
            QuestionType.Numeric => right ? new NumericResponse(question.Numeric!.Value.ToString(CultureInfo.InvariantCulture)) : random.NextDouble() < 0.5 ? new NumericResponse("7") : null,
            _ when right => new ChoiceResponse([.. question.Choices.Where(c => c.Correct).Select(c => c.Id)]),
            QuestionType.MultipleAnswers => null,
            _ => new ChoiceResponse([question.Choices.First(c => !c.Correct).Id]),
        };

        /// <summary>The figures from the formulas.</summary>
        private static ExpectedFigures Work(Quiz quiz, List<Attempt> attempts, List<Review> reviews, List<View> views)
        {
            // The quiz grades by the highest attempt, so each learner's best (the first of equal ones) is analysed.
            var analysed = attempts.GroupBy(a => a.Learner).Select(g => g.OrderByDescending(a => a.Marks.Values.Sum()).ThenBy(a => a.Number).First()).ToList();
            var questions = quiz.Questions.ToDictionary(q => q.Id, q =>
            {
                var marks = analysed.Select(a => a.Marks[q.Id]).ToArray();
                var rest = analysed.Select(a => a.Marks.Values.Sum() - a.Marks[q.Id]).ToArray();
                var facility = marks.Average() / q.Points * 100;
                var (mx, rx) = (marks.Average(), rest.Average());
                var cov = marks.Zip(rest).Sum(p => (p.First - mx) * (p.Second - rx));
                var vm = marks.Sum(m => (m - mx) * (m - mx));
                var vr = rest.Sum(r => (r - rx) * (r - rx));
                double? discrimination = vm > 1e-9 && vr > 1e-9 ? 100 * cov / Math.Sqrt(vm * vr) : null;
                return (Facility: (double?)facility, Discrimination: discrimination);
            });

            var cardReviews = reviews.Where(r => r.CardId == "what-is-fine-tuning").ToList();
            var inReview = cardReviews.Where(r => r.Before == CardLearningState.Review).ToList();
            var cardLearners = cardReviews.Select(r => r.Learner).Distinct().Count();
            double? difficulty = cardReviews.GroupBy(r => r.Learner).Select(g => g.MaxBy(r => r.Minute)!.Difficulty).Average();
            double? lapseRate = (double)inReview.Count(r => r.Rating == Rating.Again) / cardLearners;
            double? retention = inReview.Count == 0 ? null : (double)inReview.Count(r => r.Rating != Rating.Again) / inReview.Count;

            var dwell = new Dictionary<(int Slide, string Learner), double>();
            var stopped = new Dictionary<int, int>();
            foreach (var learner in views.GroupBy(v => v.Learner))
            {
                var walk = learner.OrderBy(v => v.At).ToList();
                for (var i = 0; i + 1 < walk.Count; i++)
                {
                    var gap = walk[i + 1].At - walk[i].At;
                    if (gap <= Break)
                    {
                        dwell[(walk[i].Slide, learner.Key)] = dwell.GetValueOrDefault((walk[i].Slide, learner.Key)) + gap.TotalSeconds;
                    }
                }

                var furthest = walk.Max(v => v.Slide);
                if (furthest < Slides)
                {
                    stopped[furthest] = stopped.GetValueOrDefault(furthest) + 1;
                }
            }

            var slides = Enumerable.Range(1, Slides).ToDictionary(n => n, n =>
            {
                var tied = quiz.Questions.Where(q => q.Tests.Any(t => t.ItemId == "lecture" && t.Slide == n)).Select(q => questions[q.Id]).ToList();
                var discriminations = tied.Select(t => t.Discrimination).OfType<double>().ToList();
                var times = dwell.Where(d => d.Key.Slide == n).Select(d => d.Value).Order().ToList();
                double? median = times.Count == 0 ? null : times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
                return new ExpectedSlide(
                    tied.Count == 0 ? null : tied.Average(t => t.Facility),
                    discriminations.Count == 0 ? null : discriminations.Average(),
                    n == 4 ? difficulty : null,
                    n == 4 ? lapseRate : null,
                    n == 4 ? retention : null,
                    views.Where(v => v.Slide == n).Select(v => v.Learner).Distinct().Count(),
                    median,
                    stopped.GetValueOrDefault(n));
            });
            return new ExpectedFigures(slides, questions);
        }
    }
}
