using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>How Learn asks a card.</summary>
public enum LearnQuestionKind
{
    /// <summary>Pick the short answer among other cards' short answers.</summary>
    MultipleChoice,

    /// <summary>Type the answer; graded by <see cref="AnswerGrader"/>.</summary>
    Written,
}

/// <summary>Where a card stands in a Learn session; <see cref="LearningSignals"/> explains each to learners.</summary>
public enum LearnStage
{
    /// <summary>Not asked yet.</summary>
    New,

    /// <summary>Asked, and the last answer was wrong.</summary>
    StillLearning,

    /// <summary>Answered right, but not yet <see cref="LearnMode.StreakToLearn"/> times in a row.</summary>
    Familiar,

    /// <summary>Answered right <see cref="LearnMode.StreakToLearn"/> times in a row.</summary>
    Learned,
}

/// <summary>One card's progress in a Learn session.</summary>
/// <param name="CorrectStreak">Correct answers in a row; 0 asks multiple choice, 1 or more asks written recall.</param>
/// <param name="Learned">Two correct answers in a row were given.</param>
public sealed record LearnCardProgress(string CardId, int CorrectStreak, bool Learned, int Correct, int Wrong)
{
    /// <summary>Whether the card has been asked at least once.</summary>
    public bool Seen => Correct + Wrong > 0;

    /// <summary>The card's stage: the one definition of "familiar" and "learned" that every Learn figure uses.</summary>
    public LearnStage Stage => Learned ? LearnStage.Learned
        : CorrectStreak > 0 ? LearnStage.Familiar
        : Seen ? LearnStage.StillLearning
        : LearnStage.New;

    /// <summary>Right answers in a row that count towards learning it, 0 to <see cref="LearnMode.StreakToLearn"/>.</summary>
    public int Steps => Learned ? LearnMode.StreakToLearn : Math.Min(CorrectStreak, LearnMode.StreakToLearn);
}

/// <summary>
/// The whole state of a Learn session: plain data, so the web layer can keep it in a form post or a database.
/// Change it only through <see cref="LearnMode"/>.
/// </summary>
/// <param name="Seed">Drives the card order and every choice list.</param>
/// <param name="RoundSize">How many cards a round takes.</param>
/// <param name="Round">1-based number of the current round.</param>
/// <param name="Cards">Every card's progress, in study order.</param>
/// <param name="Queue">Card ids still to ask in this round; the first is asked next.</param>
/// <param name="AnswerCount">Answers given in the whole session; salts the choice lists.</param>
public sealed record LearnState(
    int Seed,
    int RoundSize,
    int Round,
    IReadOnlyList<LearnCardProgress> Cards,
    IReadOnlyList<string> Queue,
    int RoundCorrect,
    int RoundWrong,
    IReadOnlyList<string> RoundLearned,
    int AnswerCount)
{
    public int Total => Cards.Count;

    public int LearnedCount => Cards.Count(c => c.Stage == LearnStage.Learned);

    /// <summary>Cards answered right but not yet learned.</summary>
    public int FamiliarCount => Cards.Count(c => c.Stage == LearnStage.Familiar);

    /// <summary>Right answers still counting towards learning, over all cards (each card needs <see cref="LearnMode.StreakToLearn"/>).</summary>
    public int StepsDone => Cards.Sum(c => c.Steps);

    /// <summary>Right answers in a row that learning every card takes.</summary>
    public int StepsToLearnAll => Total * LearnMode.StreakToLearn;

    /// <summary>
    /// <see cref="StepsDone"/> over <see cref="StepsToLearnAll"/>, 0 to 1: a perfect first round fills half the bar
    /// even though no card is learned yet, and a wrong answer takes that card's step back.
    /// </summary>
    public double Progress => Total == 0 ? 1 : (double)StepsDone / StepsToLearnAll;

    /// <summary>The round's queue is empty: show <see cref="LearnMode.Summary"/>, then start the next round.</summary>
    public bool IsRoundOver => Queue.Count == 0;

    /// <summary>Every card is learned.</summary>
    public bool IsComplete => Cards.All(c => c.Learned);
}

/// <summary>The question to show: for multiple choice, the choices in display order.</summary>
public sealed record LearnQuestion(string CardId, LearnQuestionKind Kind, string Prompt, IReadOnlyList<string> Choices);

/// <summary>What an answer did.</summary>
/// <param name="Expected">The card's short answer, to show as feedback.</param>
/// <param name="Written">The written grading, for a written question.</param>
/// <param name="CardLearned">This answer made the card learned.</param>
public sealed record LearnAnswerResult(LearnState State, bool Correct, string Expected, WrittenAnswerGrade? Written, bool CardLearned);

/// <summary>The end-of-round summary.</summary>
/// <param name="FamiliarTotal">Cards answered right but not yet learned, after this round.</param>
public sealed record LearnRoundSummary(int Round, int Correct, int Wrong, IReadOnlyList<string> LearnedThisRound, int LearnedTotal, int Total, int FamiliarTotal);

/// <summary>
/// Learn: adaptive rounds over a deck. Each round takes up to <see cref="LearnState.RoundSize"/> unlearned cards
/// (cards already seen first). A card is asked as multiple choice until answered right once, then as written
/// recall; two correct answers in a row make it learned. A wrong answer resets the streak and brings the card
/// back a few questions later in the same round; a right answer that does not yet learn it leaves it for a
/// later round.
/// </summary>
public static class LearnMode
{
    /// <summary>Default cards per round.</summary>
    public const int DefaultRoundSize = 7;

    /// <summary>Correct answers in a row that make a card learned.</summary>
    public const int StreakToLearn = 2;

    /// <summary>A wrong card comes back after this many other questions (or at the round's end if fewer remain).</summary>
    public const int RetryGap = 3;

    private const int Distractors = 3;

    /// <summary>Starts a session over <paramref name="cards"/> in a seeded order.</summary>
    public static LearnState Start(IReadOnlyList<Card> cards, int seed, int roundSize = DefaultRoundSize)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundSize, 1);
        var order = Seeded.Shuffle(cards.Select(c => c.Id), Seeded.For(seed, -1));
        var progress = order.Select(id => new LearnCardProgress(id, 0, false, 0, 0)).ToList();
        return new LearnState(seed, roundSize, 1, progress, [.. order.Take(roundSize)], 0, 0, [], 0);
    }

    /// <summary>The question for the first card in the queue, or null when the round is over.</summary>
    public static LearnQuestion? CurrentQuestion(LearnState state, IReadOnlyList<Card> cards)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsRoundOver)
        {
            return null;
        }

        var card = FindCard(cards, state.Queue[0]);
        var progress = Progress(state, card.Id);
        if (progress.CorrectStreak > 0)
        {
            return new LearnQuestion(card.Id, LearnQuestionKind.Written, card.Question, []);
        }

        var choices = Seeded.Choices(card, cards, Distractors, Seeded.For(state.Seed, state.AnswerCount));
        return new LearnQuestion(card.Id, LearnQuestionKind.MultipleChoice, card.Question, choices);
    }

    /// <summary>Grades <paramref name="answer"/> (the chosen choice's text, or the typed answer) to the current question.</summary>
    /// <exception cref="InvalidOperationException">The round is over.</exception>
    public static LearnAnswerResult Answer(LearnState state, IReadOnlyList<Card> cards, string? answer)
    {
        var question = CurrentQuestion(state, cards)
            ?? throw new InvalidOperationException("The round is over; start the next round first.");
        var card = FindCard(cards, question.CardId);

        WrittenAnswerGrade? written = null;
        bool correct;
        if (question.Kind == LearnQuestionKind.Written)
        {
            written = AnswerGrader.Grade(answer, card);
            correct = written.Correct;
        }
        else
        {
            // A choice is right when it reads as the card's own short answer (another card may share it).
            correct = string.Equals(AnswerGrader.Normalize(answer), AnswerGrader.Normalize(card.ShortAnswer), StringComparison.Ordinal)
                && question.Choices.Contains(answer ?? "", StringComparer.Ordinal);
        }

        var before = Progress(state, card.Id);
        var streak = correct ? before.CorrectStreak + 1 : 0;
        var learned = streak >= StreakToLearn;
        var after = before with
        {
            CorrectStreak = streak,
            Learned = learned,
            Correct = before.Correct + (correct ? 1 : 0),
            Wrong = before.Wrong + (correct ? 0 : 1),
        };

        var queue = state.Queue.Skip(1).ToList();
        if (!correct)
        {
            queue.Insert(Math.Min(RetryGap, queue.Count), card.Id);
        }

        var next = state with
        {
            Cards = [.. state.Cards.Select(p => string.Equals(p.CardId, card.Id, StringComparison.Ordinal) ? after : p)],
            Queue = queue,
            RoundCorrect = state.RoundCorrect + (correct ? 1 : 0),
            RoundWrong = state.RoundWrong + (correct ? 0 : 1),
            RoundLearned = learned ? [.. state.RoundLearned, card.Id] : state.RoundLearned,
            AnswerCount = state.AnswerCount + 1,
        };
        return new LearnAnswerResult(next, correct, card.ShortAnswer, written, learned);
    }

    /// <summary>The tally of the current round so far (final once <see cref="LearnState.IsRoundOver"/>).</summary>
    public static LearnRoundSummary Summary(LearnState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new LearnRoundSummary(state.Round, state.RoundCorrect, state.RoundWrong, state.RoundLearned, state.LearnedCount, state.Total, state.FamiliarCount);
    }

    /// <summary>Starts the next round: cards seen but not learned first, then new ones, in study order.</summary>
    /// <exception cref="InvalidOperationException">The current round still has questions.</exception>
    public static LearnState NextRound(LearnState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.IsRoundOver)
        {
            throw new InvalidOperationException("The current round is not over.");
        }

        var queue = state.Cards
            .Where(p => !p.Learned)
            .OrderBy(p => p.Seen ? 0 : 1)
            .Take(state.RoundSize)
            .Select(p => p.CardId)
            .ToList();
        return state with { Round = state.Round + 1, Queue = queue, RoundCorrect = 0, RoundWrong = 0, RoundLearned = [] };
    }

    private static LearnCardProgress Progress(LearnState state, string cardId) =>
        state.Cards.First(p => string.Equals(p.CardId, cardId, StringComparison.Ordinal));

    private static Card FindCard(IReadOnlyList<Card> cards, string id)
    {
        ArgumentNullException.ThrowIfNull(cards);
        return cards.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Card '{id}' is no longer in the deck.");
    }
}
