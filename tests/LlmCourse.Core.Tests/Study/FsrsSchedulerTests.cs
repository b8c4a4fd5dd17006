using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset _start = new(2022, 11, 29, 12, 30, 0, TimeSpan.Zero);

    private static CardState NewCard() => CardState.CreateNew("card-1", _start);

    // py-fsrs tests/test_basic.py test_review_card (FSRS-6, fuzz off): each review at the previous due time,
    // interval = whole days of (due − last review). Same vector in ts-fsrs __tests__/FSRS-6.test.ts.
    [Theory]
    [InlineData("3,3,3,3,3,3,1,1,3,3,3,3,3", "0,2,11,46,163,498,0,0,2,4,7,12,21")]
    [InlineData("3,3", "0,2")]
    [InlineData("4", "8")]
    public void Review_ReferenceRatingSequence_GivesReferenceIntervals(string ratings, string expectedIntervals)
    {
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        var now = _start;
        var intervals = new List<int>();
        foreach (var rating in ratings.Split(',').Select(r => (Rating)int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)))
        {
            var result = scheduler.Review(card, rating, now);
            card = result.Card;
            intervals.Add(FsrsScheduler.WholeDays(card.Due - card.LastReview!.Value));
            Assert.Equal(intervals[^1], result.Log.ScheduledDays);
            now = card.Due;
        }

        Assert.Equal(expectedIntervals, string.Join(',', intervals));
    }

    // py-fsrs test_memo_state: Again, Good×5, each review time = previous + (0, 0, 1, 3, 8, 21) days.
    // The frozen-short-term variant (w17..w19 = 0) is fsrs-rs inference.rs test_memory_state: S = 53.335106.
    [Theory]
    [InlineData(false, 53.62691, 6.3574867)]
    [InlineData(true, 53.335106, 6.3574867)]
    public void Review_ReferenceMemoryStateSequence_GivesReferenceStabilityAndDifficulty(bool freezeShortTerm, double stability, double difficulty)
    {
        var parameters = FsrsOptions.DefaultParameters.ToArray();
        if (freezeShortTerm)
        {
            parameters[17] = parameters[18] = parameters[19] = 0;
        }

        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: parameters));
        var card = NewCard();
        var now = _start;
        var ratings = new[] { Rating.Again, Rating.Good, Rating.Good, Rating.Good, Rating.Good, Rating.Good };
        var gaps = new[] { 0, 0, 1, 3, 8, 21 };
        for (var i = 0; i < ratings.Length; i++)
        {
            now += TimeSpan.FromDays(gaps[i]);
            card = scheduler.Review(card, ratings[i], now).Card;
        }

        Assert.Equal(stability, card.Stability!.Value, 1e-4);
        Assert.Equal(difficulty, card.Difficulty!.Value, 1e-4);
    }

    // fsrs-rs test: first-review memory state per rating under the default FSRS-6 parameters.
    [Theory]
    [InlineData(Rating.Again, 0.212, 6.4133)]
    [InlineData(Rating.Hard, 1.2931, 5.1121707)]
    [InlineData(Rating.Good, 2.3065, 2.118104)]
    [InlineData(Rating.Easy, 8.2956, 1.0)]
    public void Review_NewCard_GetsInitialStabilityAndDifficulty(Rating rating, double stability, double difficulty)
    {
        var card = new FsrsScheduler().Review(NewCard(), rating, _start).Card;

        Assert.Equal(stability, card.Stability!.Value, 1e-6);
        Assert.Equal(difficulty, card.Difficulty!.Value, 1e-6);
    }

    // py-fsrs test_repeated_correct_reviews: ten Easy a microsecond apart end at the floor of 1.0.
    [Fact]
    public void Review_TenEasyInARow_ClampsDifficultyToOne()
    {
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        for (var i = 0; i < 10; i++)
        {
            card = scheduler.Review(card, Rating.Easy, _start.AddTicks(i * 10)).Card;
        }

        Assert.Equal(1.0, card.Difficulty);
    }

    // py-fsrs learning-step tests: Again 1 min, Hard (1+10)/2 = 5.5 min, Good 10 min (step 1), Easy graduates.
    [Theory]
    [InlineData(Rating.Again, CardLearningState.Learning, 0, 60)]
    [InlineData(Rating.Hard, CardLearningState.Learning, 0, 330)]
    [InlineData(Rating.Good, CardLearningState.Learning, 1, 600)]
    [InlineData(Rating.Easy, CardLearningState.Review, null, 8 * 86400)]
    public void Review_NewCard_FollowsLearningSteps(Rating rating, CardLearningState state, int? step, int seconds)
    {
        var result = new FsrsScheduler().Review(NewCard(), rating, _start);

        Assert.Equal(state, result.Card.State);
        Assert.Equal(step, result.Card.Step);
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.Card.Due - _start);
        Assert.Equal(CardLearningState.New, result.Log.StateBefore);
        Assert.Equal(state, result.Log.StateAfter);
    }

    [Fact]
    public void Review_SecondStepHard_RepeatsTenMinuteStep()
    {
        var scheduler = new FsrsScheduler();
        var card = scheduler.Review(NewCard(), Rating.Good, _start).Card;

        var next = scheduler.Review(card, Rating.Hard, card.Due).Card;

        Assert.Equal(CardLearningState.Learning, next.State);
        Assert.Equal(1, next.Step);
        Assert.Equal(TimeSpan.FromMinutes(10), next.Due - card.Due);
    }

    // py-fsrs test_relearning: a review card rated Again relearns in 10 minutes, then Good returns it to Review.
    [Fact]
    public void Review_ReviewCardAgain_RelearnsThenReturnsToReview()
    {
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        foreach (var rating in new[] { Rating.Good, Rating.Good, Rating.Good })
        {
            card = scheduler.Review(card, rating, card.Due).Card;
        }

        Assert.Equal(CardLearningState.Review, card.State);
        var lapse = scheduler.Review(card, Rating.Again, card.Due);
        Assert.Equal(CardLearningState.Relearning, lapse.Card.State);
        Assert.Equal(0, lapse.Card.Step);
        Assert.Equal(TimeSpan.FromMinutes(10), lapse.Card.Due - card.Due);
        Assert.True(lapse.Card.Stability < card.Stability);
        Assert.Equal(card.Stability, lapse.Log.StabilityBefore);

        var back = scheduler.Review(lapse.Card, Rating.Good, lapse.Card.Due).Card;
        Assert.Equal(CardLearningState.Review, back.State);
        Assert.Null(back.Step);
        Assert.True(back.Due - lapse.Card.Due >= TimeSpan.FromDays(1));
    }

    // The parameter set of py-fsrs test_custom_scheduler_args. With w17·w18 = 0.70 a late lapse is capped by
    // S / e^(w17·w18), the FSRS-6 rule that a lapse never leaves more stability than a same-day Again.
    [Theory]
    [InlineData(1, false)]
    [InlineData(30, true)]
    public void Review_LateLapse_IsCappedBySameDayCeiling(int daysLate, bool capped)
    {
        double[] parameters =
        [
            0.1456, 0.4186, 1.1104, 4.1315, 5.2417, 1.3098, 0.8975, 0.0010, 1.5674, 0.0567, 0.9661,
            2.0275, 0.1592, 0.2446, 1.5071, 0.2272, 2.8755, 1.234, 0.56789, 0.1437, 0.2,
        ];
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: parameters, DesiredRetention: 0.85, MaximumInterval: 3650));
        var card = scheduler.Review(NewCard(), Rating.Good, _start).Card;
        var ceiling = card.Stability!.Value / Math.Exp(1.234 * 0.56789);

        var lapsed = scheduler.Review(card, Rating.Again, _start.AddDays(daysLate)).Card;

        Assert.True(lapsed.Stability <= ceiling + 1e-12);
        Assert.Equal(capped, Math.Abs(lapsed.Stability!.Value - ceiling) < 1e-12);
    }

    [Fact]
    public void Review_NoLearningSteps_GoesStraightToReview()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(LearningSteps: []));

        var card = scheduler.Review(NewCard(), Rating.Again, _start).Card;

        Assert.Equal(CardLearningState.Review, card.State);
        Assert.True(card.Due - _start >= TimeSpan.FromDays(1));
    }

    // py-fsrs test_stability_lower_bound: a thousand lapses a day late never push stability below 0.001.
    [Fact]
    public void Review_ManyLapses_KeepsStabilityAboveMinimum()
    {
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        for (var i = 0; i < 1000; i++)
        {
            card = scheduler.Review(card, Rating.Again, card.Due.AddDays(1)).Card;
            Assert.True(card.Stability >= FsrsScheduler.MinStability);
        }
    }

    // py-fsrs test_maximum_interval.
    [Fact]
    public void Review_MaximumInterval_CapsEveryInterval()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(MaximumInterval: 100));
        var card = NewCard();
        foreach (var rating in new[] { Rating.Easy, Rating.Good, Rating.Easy, Rating.Good, Rating.Easy })
        {
            card = scheduler.Review(card, rating, card.Due).Card;
            Assert.True(card.Due - card.LastReview!.Value <= TimeSpan.FromDays(100));
        }

        Assert.Equal(TimeSpan.FromDays(100), card.Due - card.LastReview!.Value);
    }

    [Theory]
    [InlineData(0.69)]
    [InlineData(0.98)]
    [InlineData(double.NaN)]
    public void Constructor_RetentionOutOfRange_Throws(double retention) =>
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions(DesiredRetention: retention)));

    // py-fsrs test_scheduler_parameter_validation.
    [Theory]
    [InlineData(6, 100.0)]
    [InlineData(10, -42.0)]
    [InlineData(0, 0.0)]
    [InlineData(3, 101.0)]
    public void Constructor_ParameterOutOfBounds_Throws(int index, double value)
    {
        var parameters = FsrsOptions.DefaultParameters.ToArray();
        parameters[index] = value;

        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions(Parameters: parameters)));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(22)]
    public void Constructor_WrongParameterCount_Throws(int count) =>
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions(Parameters: new double[count])));

    // Values of the published curve with w20 = 0.1542 (f = 0.98034649441348), cross-checked by hand.
    [Theory]
    [InlineData(1.0, 2.3065, 0.946847499382546)]
    [InlineData(10.0, 2.3065, 0.774366916761404)]
    [InlineData(100.0, 1.0, 0.492322425582939)]
    [InlineData(365.0, 30.0, 0.673913572424319)]
    [InlineData(30.0, 30.0, 0.9)]
    public void ForgettingCurve_KnownPoints_MatchPublishedFormula(double days, double stability, double expected) =>
        Assert.Equal(expected, new FsrsScheduler().ForgettingCurve(days, stability), 1e-12);

    [Fact]
    public void Retrievability_NewCard_IsZero() =>
        Assert.Equal(0, new FsrsScheduler().Retrievability(NewCard(), _start.AddDays(3)));

    [Fact]
    public void Retrievability_AsDaysPass_Falls()
    {
        var scheduler = new FsrsScheduler();
        var card = scheduler.Review(NewCard(), Rating.Good, _start).Card;
        card = scheduler.Review(card, Rating.Good, card.Due).Card;

        var previous = scheduler.Retrievability(card, card.LastReview!.Value);
        Assert.Equal(1.0, previous, 12);
        for (var day = 1; day <= 400; day++)
        {
            var r = scheduler.Retrievability(card, card.LastReview.Value.AddDays(day));
            Assert.True(r < previous, $"R did not fall on day {day}");
            Assert.InRange(r, 0, 1);
            previous = r;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Preview_AnyCard_IntervalsGrowWithRating(int warmUpGoods)
    {
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        for (var i = 0; i < warmUpGoods; i++)
        {
            card = scheduler.Review(card, Rating.Good, card.Due).Card;
        }

        var preview = scheduler.Preview(card, card.Due);

        Assert.True(preview.Again <= preview.Hard, $"Again {preview.Again} > Hard {preview.Hard}");
        Assert.True(preview.Hard <= preview.Good, $"Hard {preview.Hard} > Good {preview.Good}");
        Assert.True(preview.Good <= preview.Easy, $"Good {preview.Good} > Easy {preview.Easy}");
    }

    [Fact]
    public void Preview_NewCard_MatchesLearningSteps()
    {
        var preview = new FsrsScheduler().Preview(NewCard(), _start);

        Assert.Equal(["1m", "6m", "10m", "8d"], new[] { preview.Again, preview.Hard, preview.Good, preview.Easy }.Select(IntervalPreview.Label));
    }

    [Theory]
    [InlineData(60, "1m")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(2 * 86400, "2d")]
    [InlineData(45 * 86400, "1.5mo")]
    [InlineData(730 * 86400, "2y")]
    public void Label_Interval_IsShortButtonText(int seconds, string expected) =>
        Assert.Equal(expected, IntervalPreview.Label(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Review_RandomSequences_KeepDifficultyInRange(int seed)
    {
        var random = new Random(seed);
        var scheduler = new FsrsScheduler();
        var card = NewCard();
        var now = _start;
        for (var i = 0; i < 300; i++)
        {
            var rating = (Rating)random.Next(1, 5);

            // Sometimes early, sometimes on time, sometimes late, so every stability branch runs.
            now = random.Next(3) switch
            {
                0 => now.AddMinutes(random.Next(1, 120)),
                1 => card.Due,
                _ => card.Due.AddDays(random.Next(1, 60)),
            };
            var result = scheduler.Review(card, rating, now);
            card = result.Card;

            Assert.InRange(card.Difficulty!.Value, FsrsScheduler.MinDifficulty, FsrsScheduler.MaxDifficulty);
            Assert.True(card.Stability >= FsrsScheduler.MinStability);
            Assert.True(card.Due > now);
        }
    }

    [Fact]
    public void Review_WithFuzz_StaysNearUnfuzzedIntervalAndIsReproducible()
    {
        var plain = new FsrsScheduler();
        var fuzzed = new FsrsScheduler(new FsrsOptions(EnableFuzz: true));
        var card = NewCard();
        foreach (var rating in new[] { Rating.Good, Rating.Good, Rating.Good, Rating.Good })
        {
            card = plain.Review(card, rating, card.Due).Card;
        }

        var expected = plain.Review(card, Rating.Good, card.Due).Log.ScheduledDays;
        var spread = Enumerable.Range(0, 50)
            .Select(i => fuzzed.Review(card with { CardId = $"c{i}" }, Rating.Good, card.Due).Log.ScheduledDays)
            .ToList();

        Assert.All(spread, d => Assert.InRange(d, expected * 0.9, expected * 1.1));
        Assert.True(spread.Distinct().Count() > 1, "fuzz never varied the interval");
        Assert.Equal(fuzzed.Review(card, Rating.Good, card.Due).Card.Due, fuzzed.Review(card, Rating.Good, card.Due).Card.Due);
    }

    [Fact]
    public void Review_WithInjectedRandom_UsesIt()
    {
        var card = NewCard();
        var plain = new FsrsScheduler();
        foreach (var rating in new[] { Rating.Good, Rating.Good, Rating.Good })
        {
            card = plain.Review(card, rating, card.Due).Card;
        }

        int Interval(int seed) => new FsrsScheduler(new FsrsOptions(EnableFuzz: true), new Random(seed)).Review(card, Rating.Good, card.Due).Log.ScheduledDays;

        Assert.Equal(Interval(7), Interval(7));
    }

    [Fact]
    public void Review_Log_RecordsBeforeAndAfter()
    {
        var scheduler = new FsrsScheduler();
        var first = scheduler.Review(NewCard(), Rating.Good, _start).Card;
        var later = _start.AddDays(3);

        var log = scheduler.Review(first, Rating.Hard, later).Log;

        Assert.Equal("card-1", log.CardId);
        Assert.Equal(Rating.Hard, log.Rating);
        Assert.Equal(later, log.ReviewedAt);
        Assert.Equal(3, log.ElapsedDays);
        Assert.Equal(CardLearningState.Learning, log.StateBefore);
        Assert.Equal(first.Stability, log.StabilityBefore);
        Assert.Equal(first.Difficulty, log.DifficultyBefore);
        Assert.True(log.DifficultyAfter > log.DifficultyBefore);
    }
}
