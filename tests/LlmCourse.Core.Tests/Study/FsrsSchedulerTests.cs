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

    // ts-fsrs __tests__/FSRS-6.test.ts "first repeat": first-review memory state per rating under the FSRS-6 defaults.
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

    // fsrs-rs src/model.rs test_next_stability and ts-fsrs __tests__/algorithm.test.ts next_stability (FSRS-6
    // defaults, S = 5): same-day stability per rating. Hard gives 5, not less: the short-term increase is at least 1
    // from Hard up (fsrs-rs PR #376, ts-fsrs PR #266). py-fsrs 6.3.1 floors only Good and Easy and gives 3.05 for Hard.
    [Theory]
    [InlineData(Rating.Again, 1.596818)]
    [InlineData(Rating.Hard, 5.0)]
    [InlineData(Rating.Good, 5.0)]
    [InlineData(Rating.Easy, 8.12961)]
    public void ShortTermStability_ReferenceRatings_MatchFsrsRs(Rating rating, double expected) =>
        Assert.Equal(expected, new FsrsScheduler().ShortTermStability(5.0, rating), 1e-5);

    // Same tests: recall stability with D = 1..4 and R = 0.9..0.6 (rating 1 scored as a recall, no penalty or
    // bonus), and lapse stability with the same D and R.
    [Theory]
    [InlineData(1.0, 0.9, Rating.Again, 25.602541, 1.0525396)]
    [InlineData(2.0, 0.8, Rating.Hard, 28.226582, 1.1894329)]
    [InlineData(3.0, 0.7, Rating.Good, 58.656002, 1.3680838)]
    [InlineData(4.0, 0.6, Rating.Easy, 127.226685, 1.584989)]
    public void RecallAndForgetStability_ReferenceCases_MatchFsrsRs(double difficulty, double r, Rating rating, double recall, double forget)
    {
        var scheduler = new FsrsScheduler();

        Assert.Equal(recall, scheduler.RecallStability(difficulty, 5.0, r, rating), 1e-4);
        Assert.Equal(forget, scheduler.ForgetStability(difficulty, 5.0, r), 1e-5);
    }

    // fsrs-rs src/model.rs test_next_difficulty (after mean reversion); ts-fsrs algorithm.test.ts next_difficulty.
    [Theory]
    [InlineData(Rating.Again, 8.341763)]
    [InlineData(Rating.Hard, 6.6659956)]
    [InlineData(Rating.Good, 4.990228)]
    [InlineData(Rating.Easy, 3.3144615)]
    public void NextDifficulty_FromFive_MatchesFsrsRs(Rating rating, double expected) =>
        Assert.Equal(expected, new FsrsScheduler().NextDifficulty(5.0, rating), 1e-5);

    // fsrs-rs src/model.rs test_power_forgetting_curve.
    [Theory]
    [InlineData(0.0, 1.0, 1.0)]
    [InlineData(1.0, 2.0, 0.9403443)]
    [InlineData(2.0, 3.0, 0.9253786)]
    [InlineData(3.0, 4.0, 0.9185229)]
    [InlineData(4.0, 4.0, 0.9)]
    [InlineData(5.0, 2.0, 0.8261359)]
    public void ForgettingCurve_FsrsRsPoints_Match(double days, double stability, double expected) =>
        Assert.Equal(expected, new FsrsScheduler().ForgettingCurve(days, stability), 1e-6);

    // fsrs-rs src/inference.rs test_next_interval (S = 1): retention 0.7 → 9 days, 0.8 → 3, 0.9 → 1 (the
    // reference also lists 0.1..0.6, outside the range this scheduler accepts).
    [Theory]
    [InlineData(0.7, 9)]
    [InlineData(0.8, 3)]
    [InlineData(0.9, 1)]
    public void NextIntervalDays_FsrsRsRetentions_Match(double retention, int expected) =>
        Assert.Equal(expected, new FsrsScheduler(new FsrsOptions(DesiredRetention: retention)).NextIntervalDays(1.0));

    // fsrs-rs src/inference.rs PARAMETERS (19 FSRS-5 weights), completed as fsrs-rs check_and_fill_parameters does
    // for 19: w19 = 0, w20 = 0.5.
    private static readonly double[] _fsrsRsInferenceParameters =
    [
        0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233, 0.64219797, 1.071918, 0.0025195254, 1.432437, 0.1544,
        0.8692766, 2.0696752, 0.0953, 0.2975, 2.4691248, 0.19542035, 3.201072, 0.18046261, 0.121442534, 0.0, 0.5,
    ];

    // fsrs-rs src/inference.rs test_next_states: Again, then Good 1, 3 and 8 days apart, then each rating 21 days
    // later. The intervals are Anki's: at 90 % retention the interval is the stability, rounded.
    [Theory]
    [InlineData(Rating.Again, 2.9691455, 8.000659, 0)]
    [InlineData(Rating.Hard, 17.091452, 7.6913934, 17)]
    [InlineData(Rating.Good, 31.722992, 7.382128, 32)]
    [InlineData(Rating.Easy, 71.7502, 7.0728626, 72)]
    public void Review_FsrsRsNextStates_MatchReference(Rating rating, double stability, double difficulty, int days)
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: _fsrsRsInferenceParameters));
        var card = NewCard();
        var now = _start;
        foreach (var (gap, r) in new[] { (0, Rating.Again), (1, Rating.Good), (3, Rating.Good), (8, Rating.Good) })
        {
            now += TimeSpan.FromDays(gap);
            card = scheduler.Review(card, r, now).Card;
        }

        Assert.Equal(CardLearningState.Review, card.State);
        var next = scheduler.Review(card, rating, now.AddDays(21));

        Assert.Equal(stability, next.Card.Stability!.Value, 1e-4);
        Assert.Equal(difficulty, next.Card.Difficulty!.Value, 1e-5);
        if (rating != Rating.Again)
        {
            Assert.Equal(days, next.Log.ScheduledDays);
        }
    }

    // fsrs-rs src/inference.rs test_memo_state: from S = 20.925528, D = 7.005062, Good 21 days later.
    [Fact]
    public void Review_FsrsRsMemoState_MatchesReference()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: _fsrsRsInferenceParameters));
        var card = new CardState("card-1", CardLearningState.Review, null, 20.925528, 7.005062, _start, _start);

        var next = scheduler.Review(card, Rating.Good, _start.AddDays(21)).Card;

        Assert.Equal(40.87456, next.Stability!.Value, 1e-4);
        Assert.Equal(6.9913807, next.Difficulty!.Value, 1e-5);
    }

    // ts-fsrs __tests__/fixed/calc-elapsed-days.test.ts "TS-FSRS-Simulator": four Goods at Anki review ids
    // (11 minutes, then 1.5 days, then 10.5 days apart) with 19 FSRS-5 weights (w19 = 0, w20 = 0.5 filled in).
    [Fact]
    public void Review_TsFsrsSimulatorHistory_MatchesReferenceStabilities()
    {
        double[] w =
        [
            1.1596, 1.7974, 13.1205, 49.3729, 7.2303, 0.5081, 1.5371, 0.001, 1.5052, 0.1261, 0.9735, 1.8924, 0.1486,
            0.2407, 2.1937, 0.1518, 3.0699, 0.4636, 0.6048, 0.0, 0.5,
        ];
        long[] reviewIds = [1704468957000, 1704469645000, 1704599572000, 1705509507000];
        double[] expected = [13.1205, 17.3668145, 21.28550751, 39.63452215];
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: w));
        var card = CardState.CreateNew("card-1", DateTimeOffset.FromUnixTimeMilliseconds(reviewIds[0]));

        for (var i = 0; i < reviewIds.Length; i++)
        {
            card = scheduler.Review(card, Rating.Good, DateTimeOffset.FromUnixTimeMilliseconds(reviewIds[i])).Card;
            Assert.Equal(expected[i], card.Stability!.Value, 1e-4);
        }
    }

    // Days are calendar days, as Anki and ts-fsrs count them (ts-fsrs help.ts dateDiffInDays: UTC dates). 23:50 → 00:10
    // is a new UTC day (t = 1, the long-term step), 00:10 → 23:50 the same day (t = 0, the short-term step);
    // py-fsrs's 24-hour spans would say 0 and 0.
    [Theory]
    [InlineData("2024-01-01T23:50:00Z", "2024-01-02T00:10:00Z", 1)]
    [InlineData("2024-01-02T00:10:00Z", "2024-01-02T23:50:00Z", 0)]
    [InlineData("2024-01-01T12:00:00Z", "2024-01-04T11:59:00Z", 3)]
    public void DaysBetween_UtcMidnight_CountsCalendarDays(string earlier, string later, int days) =>
        Assert.Equal(days, FsrsDayBoundary.UtcMidnight.DaysBetween(DateTimeOffset.Parse(earlier, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(later, System.Globalization.CultureInfo.InvariantCulture)));

    // Anki's default: the day starts at 4 am in the collection's zone. At UTC+2, 01:30 and 03:30 local belong to the
    // day before; 04:30 starts a new one.
    [Theory]
    [InlineData("2024-03-01T20:00:00+02:00", "2024-03-02T03:30:00+02:00", 0)]
    [InlineData("2024-03-01T20:00:00+02:00", "2024-03-02T04:30:00+02:00", 1)]
    [InlineData("2024-03-01T23:30:00Z", "2024-03-02T01:45:00Z", 0)]
    public void DaysBetween_AnkiStyleBoundary_CountsFromFourAmLocal(string earlier, string later, int days)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var boundary = new FsrsDayBoundary(zone, TimeSpan.FromHours(4));

        Assert.Equal(days, boundary.DaysBetween(DateTimeOffset.Parse(earlier, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(later, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Review_AcrossMidnight_TakesLongTermStep()
    {
        var scheduler = new FsrsScheduler();
        var evening = new DateTimeOffset(2024, 1, 1, 23, 50, 0, TimeSpan.Zero);
        var card = scheduler.Review(CardState.CreateNew("card-1", evening), Rating.Good, evening).Card;

        var log = scheduler.Review(card, Rating.Good, evening.AddMinutes(20)).Log;

        Assert.Equal(1, log.ElapsedDays);
        Assert.Equal(
            new FsrsScheduler().RecallStability(card.Difficulty!.Value, card.Stability!.Value, scheduler.ForgettingCurve(1, card.Stability.Value), Rating.Good),
            log.StabilityAfter,
            12);
    }

    [Fact]
    public void Constructor_DayStartOutOfRange_Throws() =>
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions(DayBoundary: new FsrsDayBoundary(TimeZoneInfo.Utc, TimeSpan.FromHours(24)))));

    // Cause (a) of issue 17 through the scheduler: New → Hard (S0 = 1.2931), then Hard again the same day. fsrs-rs and
    // ts-fsrs ≥ 5.3 keep S = 1.2931; py-fsrs 6.3.1 (no floor for Hard) lowers it to ≈ 0.776, so this is one place where
    // a py-fsrs result legitimately differs.
    [Fact]
    public void Review_SameDayHard_NeverLowersStability()
    {
        var scheduler = new FsrsScheduler();
        var card = scheduler.Review(NewCard(), Rating.Hard, _start).Card;

        var again = scheduler.Review(card, Rating.Hard, card.Due).Card;

        Assert.Equal(1.2931, again.Stability!.Value, 12);
    }

    // Cause (b) of issue 17: a review card with S = 1.16 (D = 9.8) answered one day later. On its own each rating's
    // stability rounds to 2 days (Hard 1.56, Good 1.82, Easy 2.39). Anki (review.rs passing_fsrs_review_intervals),
    // ts-fsrs (basic_scheduler.ts next_interval) and fsrs-rs's Anki integration order them: hard 2, good ≥ hard + 1
    // = 3, easy ≥ good + 1 = 4 — Easy gives +4 days, not +2.
    [Fact]
    public void Preview_ReviewCard_OrdersHardGoodEasyIntervals()
    {
        var scheduler = new FsrsScheduler();
        var card = new CardState("card-1", CardLearningState.Review, null, 1.16, 9.8, _start.AddDays(1), _start);
        var now = _start.AddDays(1);
        Assert.All(
            new[] { Rating.Hard, Rating.Good, Rating.Easy },
            r => Assert.Equal(2, scheduler.NextIntervalDays(scheduler.Review(card, r, now).Card.Stability!.Value)));

        var preview = scheduler.Preview(card, now);

        Assert.Equal(TimeSpan.FromMinutes(10), preview.Again);
        Assert.Equal(TimeSpan.FromDays(2), preview.Hard);
        Assert.Equal(TimeSpan.FromDays(3), preview.Good);
        Assert.Equal(TimeSpan.FromDays(4), preview.Easy);
    }

    // Anki learning.rs answer_easy: leaving the learning steps with Easy waits at least a day longer than Good's
    // interval would. After Again (S = 0.212) a same-day Easy has S ≈ 0.42 and Good ≈ 0.25, both 1 day on their own:
    // Anki gives Easy 2 days. ts-fsrs and py-fsrs do not order learning intervals and give 1; we follow Anki.
    [Fact]
    public void Review_LearningCardEasy_WaitsLongerThanGoodWould()
    {
        var scheduler = new FsrsScheduler();
        var card = scheduler.Review(NewCard(), Rating.Again, _start).Card;

        var easy = scheduler.Review(card, Rating.Easy, card.Due);

        Assert.Equal(1, scheduler.NextIntervalDays(easy.Card.Stability!.Value));
        Assert.Equal(CardLearningState.Review, easy.Card.State);
        Assert.Equal(2, easy.Log.ScheduledDays);
    }

    // Anki rslib/src/scheduler/states/steps.rs delay_secs: Hard on the first step is the mean of the first two steps,
    // or 1.5× a lone step but at most a day more; on a later step it repeats that step.
    [Theory]
    [InlineData(new[] { 10 }, 0, 900)]
    [InlineData(new[] { 3 * 1440 }, 0, 4 * 86400)]
    [InlineData(new[] { 1, 10 }, 0, 330)]
    [InlineData(new[] { 1, 10 }, 1, 600)]
    [InlineData(new[] { 1, 10, 100 }, 0, 330)]
    [InlineData(new[] { 1, 10, 100 }, 1, 600)]
    [InlineData(new[] { 1, 10, 100 }, 2, 6000)]
    public void Review_HardOnLearningStep_MatchesAnkiDelays(int[] stepMinutes, int step, int seconds)
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(LearningSteps: [.. stepMinutes.Select(m => TimeSpan.FromMinutes(m))]));
        var card = NewCard();
        for (var i = 0; i < step; i++)
        {
            card = scheduler.Review(card, Rating.Good, card.Due).Card;
        }

        var hard = scheduler.Review(card, Rating.Hard, card.Due).Card;

        Assert.Equal(CardLearningState.Learning, hard.State);
        Assert.Equal(step, hard.Step);
        Assert.Equal(TimeSpan.FromSeconds(seconds), hard.Due - card.Due);
    }

    // py-fsrs test_relearning_card_rate_hard_two_relearning_steps: relearning steps 1 and 10 minutes; Hard on the first
    // waits 5.5 minutes, Hard on the second repeats 10 minutes, Easy graduates.
    [Fact]
    public void Review_HardOnRelearningSteps_MatchesPyFsrs()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(RelearningSteps: [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)]));
        var card = scheduler.Review(NewCard(), Rating.Easy, _start).Card;
        card = scheduler.Review(card, Rating.Again, card.Due).Card;
        Assert.Equal(CardLearningState.Relearning, card.State);

        var first = scheduler.Review(card, Rating.Hard, card.Due).Card;
        Assert.Equal((0, TimeSpan.FromSeconds(330)), (first.Step!.Value, first.Due - card.Due));

        var second = scheduler.Review(first, Rating.Good, first.Due).Card;
        var hard = scheduler.Review(second, Rating.Hard, second.Due).Card;
        Assert.Equal((1, TimeSpan.FromMinutes(10)), (hard.Step!.Value, hard.Due - second.Due));

        var easy = scheduler.Review(hard, Rating.Easy, hard.Due).Card;
        Assert.Equal(CardLearningState.Review, easy.State);
        Assert.Null(easy.Step);
    }

    // Anki min_and_max_review_intervals: the ordering never pushes past the maximum interval.
    [Fact]
    public void Preview_AtMaximumInterval_AllPassingRatingsCap()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(MaximumInterval: 10));
        var card = new CardState("card-1", CardLearningState.Review, null, 200, 5, _start.AddDays(10), _start);

        var preview = scheduler.Preview(card, _start.AddDays(10));

        Assert.Equal([10, 10, 10], new[] { preview.Hard, preview.Good, preview.Easy }.Select(i => (int)i.TotalDays));
    }

    // With fuzz on, one draw per review is shared by the three passing ratings and the order constraints are applied
    // after fuzz, so Hard < Good < Easy for every card and time.
    [Fact]
    public void Preview_WithFuzz_KeepsStrictOrder()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(EnableFuzz: true));
        for (var i = 0; i < 200; i++)
        {
            var card = new CardState($"c{i}", CardLearningState.Review, null, 0.5 + (i * 0.37), 1 + (i % 9), _start, _start.AddDays(-1 - (i % 40)));

            var preview = scheduler.Preview(card, _start);

            Assert.True(preview.Hard < preview.Good && preview.Good < preview.Easy, $"card {i}: {preview}");
        }
    }

    [Fact]
    public void ParameterProblems_Defaults_AreNone() =>
        Assert.Empty(FsrsScheduler.ParameterProblems(FsrsOptions.DefaultParameters));

    [Fact]
    public void ParameterProblems_NaNAndOutOfRange_AreNamed()
    {
        var w = FsrsOptions.DefaultParameters.ToArray();
        w[3] = double.NaN;
        w[20] = 0.9;

        var problems = FsrsScheduler.ParameterProblems(w);

        Assert.Equal(2, problems.Count);
        Assert.Contains("w3", problems[0], StringComparison.Ordinal);
        Assert.Contains("w20", problems[1], StringComparison.Ordinal);
    }

    // A course's fitted weights are what the scheduler schedules with.
    [Fact]
    public void Review_CourseWeights_ChangeTheSchedule()
    {
        var course = FsrsOptions.DefaultParameters.ToArray();
        course[2] = 6.0;
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: course, LearningSteps: []));

        var card = scheduler.Review(NewCard(), Rating.Good, _start).Card;

        Assert.Equal(course, scheduler.Parameters);
        Assert.Equal(6.0, card.Stability);
        Assert.Equal(TimeSpan.FromDays(6), card.Due - _start);
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

    // Where the references disagree: py-fsrs test_learning_card_rate_hard_second_learning_step and Anki steps.rs repeat
    // the 10-minute step; ts-fsrs learning-steps.test.ts gives 6 minutes (the mean of 1 and 10). We follow Anki.
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
