namespace LlmCourse.Core.Study;

/// <summary>One learner's reviews of one card, oldest first, with days since the previous review.</summary>
internal sealed class FsrsCardHistory
{
    public FsrsCardHistory(string learnerId, string cardId, Rating[] ratings, int[] elapsedDays, DateTimeOffset[] times)
    {
        LearnerId = learnerId;
        CardId = cardId;
        Ratings = ratings;
        ElapsedDays = elapsedDays;
        Times = times;
        FirstLongTerm = Array.FindIndex(elapsedDays, d => d > 0);
    }

    public string LearnerId { get; }

    public string CardId { get; }

    public Rating[] Ratings { get; }

    /// <summary>Whole days since the previous review; 0 for the first review and for same-day reviews.</summary>
    public int[] ElapsedDays { get; }

    public DateTimeOffset[] Times { get; }

    /// <summary>Index of the first review a day or more after the one before; −1 when there is none.</summary>
    public int FirstLongTerm { get; }

    public int Count => Ratings.Length;
}

/// <summary>
/// A review the model is scored on (fsrs-rs's <c>FSRSItem</c>): review <see cref="Index"/> of a card, predicted from the
/// reviews before it. Only reviews a day or more after the previous one are targets; same-day reviews stay in the
/// history, where they move stability through the short-term step, but are never predicted (fsrs-rs
/// <c>convertor_tests.rs</c>, Anki <c>reviews_for_fsrs</c>).
/// </summary>
internal readonly record struct FsrsTarget(FsrsCardHistory Card, int Index)
{
    public bool Recalled => Card.Ratings[Index] != Rating.Again;

    public int ElapsedDays => Card.ElapsedDays[Index];

    public DateTimeOffset Time => Card.Times[Index];

    /// <summary>Reviews a day or more apart up to and including this one (fsrs-rs <c>long_term_review_cnt</c>).</summary>
    public int LongTermReviews
    {
        get
        {
            var count = 0;
            for (var i = 1; i <= Index; i++)
            {
                count += Card.ElapsedDays[i] > 0 ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Earlier reviews rated Again a day or more after the one before.</summary>
    public int Lapses
    {
        get
        {
            var count = 0;
            for (var i = 1; i < Index; i++)
            {
                count += Card.ElapsedDays[i] > 0 && Card.Ratings[i] == Rating.Again ? 1 : 0;
            }

            return count;
        }
    }
}

/// <summary>Turning review logs into fsrs-rs's training items, and fsrs-rs's outlier filter.</summary>
internal static class FsrsTrainingData
{
    /// <summary>Groups reviews per (learner, card), oldest first, in a fixed order so every run sees the same data.</summary>
    public static List<FsrsCardHistory> Histories(IReadOnlyList<FsrsTrainingReview> reviews, FsrsDayBoundary days, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<(string Learner, string Card), List<(FsrsTrainingReview Review, int Index)>>();
        for (var i = 0; i < reviews.Count; i++)
        {
            var key = (reviews[i].LearnerId, reviews[i].CardId);
            if (!runs.TryGetValue(key, out var run))
            {
                runs[key] = run = [];
            }

            run.Add((reviews[i], i));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var keys = runs.Keys.ToArray();
        Array.Sort(keys, (a, b) =>
        {
            var byLearner = string.CompareOrdinal(a.Learner, b.Learner);
            return byLearner != 0 ? byLearner : string.CompareOrdinal(a.Card, b.Card);
        });

        var histories = new List<FsrsCardHistory>(keys.Length);
        foreach (var key in keys)
        {
            // Oldest first; reviews logged at the same instant keep the order they were given in.
            var run = runs[key];
            run.Sort((a, b) => a.Review.ReviewedAt != b.Review.ReviewedAt ? a.Review.ReviewedAt.CompareTo(b.Review.ReviewedAt) : a.Index.CompareTo(b.Index));
            histories.Add(ToHistory(run, days));
        }

        return histories;
    }

    /// <summary>Targets grouped by card (in first-seen order), each card's review indices ascending.</summary>
    public static List<(FsrsCardHistory Card, List<int> Indices)> ByCard(IEnumerable<FsrsTarget> targets)
    {
        var cards = new Dictionary<FsrsCardHistory, List<int>>(ReferenceEqualityComparer.Instance);
        var order = new List<FsrsCardHistory>();
        foreach (var target in targets)
        {
            if (!cards.TryGetValue(target.Card, out var indices))
            {
                cards[target.Card] = indices = [];
                order.Add(target.Card);
            }

            indices.Add(target.Index);
        }

        return [.. order.Select(card =>
        {
            var indices = cards[card];
            indices.Sort();
            return (card, indices);
        })];
    }

    /// <summary>Every review of <paramref name="histories"/> a day or more after the one before (the scored reviews).</summary>
    public static List<FsrsTarget> Targets(IEnumerable<FsrsCardHistory> histories) =>
        [.. histories.SelectMany(h => Enumerable.Range(1, h.Count - 1).Where(i => h.ElapsedDays[i] > 0).Select(i => new FsrsTarget(h, i)))];

    /// <summary>
    /// fsrs-rs's outlier filter (<c>dataset.rs</c> <c>compute_outlier_analysis</c>): group the cards' first reviews a
    /// day or more later by (first rating, days elapsed); per first rating, drop the rarest delays until at least 5 %
    /// (and at least 20 reviews) are gone, and any delay seen fewer than 6 times or longer than 100 days (365 after
    /// Easy). Returns the first-interval items kept for pre-training S0 and the training items of cards whose
    /// (first rating, first delay) survived.
    /// </summary>
    public static (List<FsrsTarget> Initialization, List<FsrsTarget> Training) FilterOutliers(IReadOnlyList<FsrsTarget> targets)
    {
        var firstIntervals = targets.Where(t => t.Card.FirstLongTerm == t.Index).ToList();
        var removed = new HashSet<(Rating, int)>();
        var kept = new List<FsrsTarget>();
        foreach (var byRating in firstIntervals.GroupBy(t => t.Card.Ratings[0]).OrderBy(g => g.Key))
        {
            // Smallest groups first; among equal sizes, the shortest delay first (the reverse of fsrs-rs's sort).
            var groups = byRating
                .GroupBy(t => t.ElapsedDays)
                .OrderBy(g => g.Count())
                .ThenBy(g => g.Key)
                .ToList();
            var total = groups.Sum(g => g.Count());
            var dropped = 0;
            foreach (var group in groups)
            {
                var size = group.Count();
                if (dropped + size >= Math.Max(20, total / 20))
                {
                    var longest = byRating.Key == Rating.Easy ? 365 : 100;
                    if (size >= 6 && group.Key <= longest)
                    {
                        kept.AddRange(group);
                    }
                    else
                    {
                        removed.Add((byRating.Key, group.Key));
                    }
                }
                else
                {
                    dropped += size;
                    removed.Add((byRating.Key, group.Key));
                }
            }
        }

        var training = targets
            .Where(t => !removed.Contains((t.Card.Ratings[0], t.Card.ElapsedDays[t.Card.FirstLongTerm])))
            .ToList();
        return (kept, training);
    }

    /// <summary>fsrs-rs's recency weights: the i-th of n reviews in time order weighs 0.25 + 0.75·(i/(n − 1))³.</summary>
    public static double[] RecencyWeights(int count)
    {
        var length = Math.Max(count - 1.0, 1.0);
        return [.. Enumerable.Range(0, count).Select(i => 0.25 + (0.75 * Math.Pow(i / length, 3)))];
    }

    private static FsrsCardHistory ToHistory(List<(FsrsTrainingReview Review, int Index)> run, FsrsDayBoundary days)
    {
        var ratings = run.Select(r => r.Review.Rating).ToArray();
        var times = run.Select(r => r.Review.ReviewedAt).ToArray();
        var elapsed = new int[run.Count];
        for (var i = 1; i < run.Count; i++)
        {
            // The scheduler's own day count, so fitted weights predict what it computes.
            elapsed[i] = Math.Max(0, days.DaysBetween(times[i - 1], times[i]));
        }

        return new FsrsCardHistory(run[0].Review.LearnerId, run[0].Review.CardId, ratings, elapsed, times);
    }
}
