using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

/// <summary>
/// Synthetic review logs drawn from known FSRS-6 weights: each learner studies with a scheduler running on the true
/// weights (at their own desired retention, sometimes reviewing late), and recalls a card with the probability the
/// true forgetting curve gives at that moment. Seeded, so a seed always gives the same logs.
/// </summary>
internal static class FsrsSimulation
{
    /// <summary>Weights far enough from the defaults that a fit has something to find, within every bound.</summary>
    public static IReadOnlyList<double> TrueWeights { get; } =
    [
        0.6, 2.4, 5.0, 16.0, 6.0, 0.9, 2.5, 0.02, 1.45, 0.3, 1.25, 1.1, 0.08, 0.35, 2.1, 0.45, 2.6, 0.6, 0.12, 0.08, 0.3,
    ];

    public static List<FsrsTrainingReview> Reviews(IReadOnlyList<double> trueWeights, int learners, int cardsPerLearner, int days, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(days);
        var reviews = new List<FsrsTrainingReview>();
        for (var l = 0; l < learners; l++)
        {
            var learner = $"learner-{l:D4}";
            var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: trueWeights, DesiredRetention: 0.75 + (0.2 * random.NextDouble())));
            var lateness = random.NextDouble();
            for (var c = 0; c < cardsPerLearner; c++)
            {
                var cardId = $"card-{c:D3}";
                var now = start.AddDays(random.Next(days / 3)).AddMinutes(random.Next(600));
                var card = CardState.CreateNew(cardId, now);
                while (now < end)
                {
                    Rating rating;
                    if (card.State == CardLearningState.New)
                    {
                        rating = Draw(random, 0.2, 0.15, 0.5);
                    }
                    else if (random.NextDouble() < scheduler.Retrievability(card, now))
                    {
                        // Recall on the same day is certain in the model; some learners still slip.
                        rating = scheduler.Retrievability(card, now) >= 1 && random.NextDouble() < 0.1 ? Rating.Again : Draw(random, 0, 0.15, 0.7);
                    }
                    else
                    {
                        rating = Rating.Again;
                    }

                    reviews.Add(new FsrsTrainingReview(learner, cardId, now, rating));
                    card = scheduler.Review(card, rating, now).Card;
                    var interval = card.Due - now;
                    now = card.Due;
                    if (interval >= TimeSpan.FromDays(1) && random.NextDouble() < lateness)
                    {
                        now += interval * random.NextDouble() * 1.5;
                    }
                }
            }
        }

        return reviews;
    }

    /// <summary>
    /// The retrievability <paramref name="weights"/> predict before every review a day or more after the previous
    /// one, replayed through <see cref="FsrsScheduler"/> (independently of the optimiser's own code).
    /// </summary>
    public static List<double> Predictions(IReadOnlyList<FsrsTrainingReview> reviews, IReadOnlyList<double> weights)
    {
        var scheduler = new FsrsScheduler(new FsrsOptions(Parameters: weights));
        var predictions = new List<double>();
        foreach (var card in reviews.GroupBy(r => (r.LearnerId, r.CardId)))
        {
            CardState? state = null;
            foreach (var review in card.OrderBy(r => r.ReviewedAt))
            {
                if (state is not null && FsrsDayBoundary.UtcMidnight.DaysBetween(state.LastReview!.Value, review.ReviewedAt) > 0)
                {
                    predictions.Add(scheduler.Retrievability(state, review.ReviewedAt));
                }

                state = scheduler.Review(state ?? CardState.CreateNew(review.CardId, review.ReviewedAt), review.Rating, review.ReviewedAt).Card;
            }
        }

        return predictions;
    }

    private static Rating Draw(Random random, double again, double hard, double good)
    {
        var u = random.NextDouble();
        return u < again ? Rating.Again : u < again + hard ? Rating.Hard : u < again + hard + good ? Rating.Good : Rating.Easy;
    }
}
