using LlmCourse.Core.Content;

namespace LlmCourse.Core.Study;

/// <summary>Kinds of practice-test question.</summary>
public enum TestQuestionType
{
    /// <summary>Pick the short answer among up to four.</summary>
    MultipleChoice,

    /// <summary>Is the shown answer the answer to this question?</summary>
    TrueFalse,

    /// <summary>Type the answer; graded by <see cref="AnswerGrader"/>.</summary>
    Written,

    /// <summary>Match up to four questions with their short answers.</summary>
    Matching,
}

/// <summary>What test to build.</summary>
/// <param name="QuestionCount">Questions wanted; the test has fewer when the deck runs out of cards.</param>
/// <param name="Types">Question types to use, cycled in this order; empty means all four.</param>
/// <param name="Seed">Drives card order, choices and true/false pairings: the same seed rebuilds the same test.</param>
public sealed record PracticeTestOptions(int QuestionCount, IReadOnlyList<TestQuestionType> Types, int Seed);

/// <summary>One question as shown to the learner: holds nothing that reveals the answer.</summary>
/// <param name="Number">1-based position in the test; submissions refer to it.</param>
/// <param name="CardIds">The cards asked (one, or up to four for matching).</param>
/// <param name="Prompt">The card's question (for matching, an instruction).</param>
/// <param name="Choices">Multiple choice: the options in display order.</param>
/// <param name="Statement">True/false: the answer proposed for the question.</param>
/// <param name="MatchTerms">Matching: the questions, in display order.</param>
/// <param name="MatchAnswers">Matching: the short answers to place, shuffled.</param>
public sealed record TestQuestion(
    int Number,
    TestQuestionType Type,
    IReadOnlyList<string> CardIds,
    string Prompt,
    IReadOnlyList<string> Choices,
    string? Statement,
    IReadOnlyList<string> MatchTerms,
    IReadOnlyList<string> MatchAnswers);

/// <summary>The answer to one question; keep it on the server.</summary>
/// <param name="RightAnswer">The right answer as shown at review.</param>
/// <param name="Accepted">Multiple choice: the right option; written: the short answer.</param>
/// <param name="AlsoAccepted">Written: the full answer text, also accepted.</param>
/// <param name="IsTrue">True/false: whether the statement is right.</param>
/// <param name="MatchAnswers">Matching: the right answer for each term, in term order.</param>
public sealed record TestAnswerKey(
    int Number,
    string RightAnswer,
    string Accepted,
    string? AlsoAccepted,
    bool? IsTrue,
    IReadOnlyList<string> MatchAnswers);

/// <summary>A generated test: the questions to show and, separately, their key.</summary>
public sealed record PracticeTest(int Seed, IReadOnlyList<TestQuestion> Questions, IReadOnlyList<TestAnswerKey> Keys);

/// <summary>The learner's answer to one question; fill the member for its type.</summary>
/// <param name="Text">Multiple choice: the chosen option's text; written: the typed answer.</param>
/// <param name="TrueFalse">True/false: the learner's verdict.</param>
/// <param name="Matches">Matching: the answer placed against each term, in term order (null for none).</param>
public sealed record TestResponse(int Number, string? Text = null, bool? TrueFalse = null, IReadOnlyList<string?>? Matches = null);

/// <summary>Review of one graded question.</summary>
/// <param name="Points">0 to 1: matching scores the share of pairs right; other types 0 or 1.</param>
public sealed record QuestionReview(
    int Number,
    TestQuestionType Type,
    string Prompt,
    string YourAnswer,
    string RightAnswer,
    bool Correct,
    double Points,
    IReadOnlyList<string> CardIds);

/// <summary>A graded test.</summary>
/// <param name="Score">Sum of points.</param>
/// <param name="Percent">Score over question count, 0 to 100.</param>
/// <param name="CardsCorrect">Cards answered right (for matching, each card whose pair was right).</param>
/// <param name="CardsWrong">Cards answered wrong or not at all.</param>
public sealed record PracticeTestResult(
    int CorrectCount,
    int QuestionCount,
    double Score,
    double Percent,
    IReadOnlyList<QuestionReview> Reviews,
    IReadOnlyList<string> CardsCorrect,
    IReadOnlyList<string> CardsWrong);

/// <summary>Builds practice tests from a deck and grades them on the server.</summary>
public static class PracticeTests
{
    /// <summary>Most cards in one matching question.</summary>
    public const int MatchingGroupSize = 4;

    private const int Distractors = 3;

    private static readonly TestQuestionType[] _allTypes =
        [TestQuestionType.MultipleChoice, TestQuestionType.TrueFalse, TestQuestionType.Written, TestQuestionType.Matching];

    /// <summary>
    /// Builds a test: cards in a seeded order, each used once; question i takes type i of the cycle
    /// <see cref="PracticeTestOptions.Types"/> (matching needs two cards left, else the next type is used).
    /// A false true/false statement shows another card's short answer.
    /// </summary>
    public static PracticeTest Generate(IReadOnlyList<Card> cards, PracticeTestOptions options)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.QuestionCount);
        var types = options.Types.Count == 0 ? _allTypes : options.Types.Distinct().ToArray();
        var random = Seeded.For(options.Seed, 0);
        var remaining = new Queue<Card>(Seeded.Shuffle(cards, random));
        var questions = new List<TestQuestion>();
        var keys = new List<TestAnswerKey>();

        for (var i = 0; questions.Count < options.QuestionCount && remaining.Count > 0; i++)
        {
            var type = PickType(types, i, remaining.Count);
            if (type is null)
            {
                break;
            }

            var number = questions.Count + 1;
            var (question, key) = type.Value switch
            {
                TestQuestionType.MultipleChoice => MultipleChoice(number, remaining.Dequeue(), cards, random),
                TestQuestionType.TrueFalse => TrueFalse(number, remaining.Dequeue(), cards, random),
                TestQuestionType.Written => Written(number, remaining.Dequeue()),
                _ => Matching(number, Take(remaining, MatchingGroupSize), random),
            };
            questions.Add(question);
            keys.Add(key);
        }

        return new PracticeTest(options.Seed, questions, keys);
    }

    /// <summary>Grades <paramref name="responses"/> against the test's key; unanswered questions are wrong.</summary>
    public static PracticeTestResult Grade(PracticeTest test, IReadOnlyList<TestResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(responses);
        var byNumber = responses.GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.Last());
        var reviews = new List<QuestionReview>();
        var cardsCorrect = new List<string>();
        var cardsWrong = new List<string>();

        foreach (var question in test.Questions)
        {
            var key = test.Keys.First(k => k.Number == question.Number);
            var response = byNumber.GetValueOrDefault(question.Number);
            var review = question.Type == TestQuestionType.Matching
                ? GradeMatching(question, key, response, cardsCorrect, cardsWrong)
                : GradeSingle(question, key, response);
            if (question.Type != TestQuestionType.Matching)
            {
                (review.Correct ? cardsCorrect : cardsWrong).AddRange(question.CardIds);
            }

            reviews.Add(review);
        }

        var score = reviews.Sum(r => r.Points);
        var percent = reviews.Count == 0 ? 0 : 100 * score / reviews.Count;
        return new PracticeTestResult(reviews.Count(r => r.Correct), reviews.Count, score, percent, reviews, cardsCorrect, cardsWrong);
    }

    private static TestQuestionType? PickType(IReadOnlyList<TestQuestionType> types, int index, int cardsLeft)
    {
        for (var k = 0; k < types.Count; k++)
        {
            var type = types[(index + k) % types.Count];
            if (type != TestQuestionType.Matching || cardsLeft >= 2)
            {
                return type;
            }
        }

        return null;
    }

    private static List<Card> Take(Queue<Card> queue, int count)
    {
        var taken = new List<Card>();
        while (taken.Count < count && queue.Count > 0)
        {
            taken.Add(queue.Dequeue());
        }

        return taken;
    }

    private static (TestQuestion, TestAnswerKey) MultipleChoice(int number, Card card, IReadOnlyList<Card> deck, Random random)
    {
        var choices = Seeded.Choices(card, deck, Distractors, random);
        return (new TestQuestion(number, TestQuestionType.MultipleChoice, [card.Id], card.Question, choices, null, [], []),
            new TestAnswerKey(number, card.ShortAnswer, card.ShortAnswer, null, null, []));
    }

    private static (TestQuestion, TestAnswerKey) TrueFalse(int number, Card card, IReadOnlyList<Card> deck, Random random)
    {
        // Half the statements are false, when another card has a different answer to lend.
        var other = random.Next(2) == 0 ? Seeded.Distractors(card, deck, 1, random).FirstOrDefault() : null;
        var isTrue = other is null;
        var statement = other ?? card.ShortAnswer;
        var right = isTrue ? "True" : $"False: {card.ShortAnswer}";
        return (new TestQuestion(number, TestQuestionType.TrueFalse, [card.Id], card.Question, [], statement, [], []),
            new TestAnswerKey(number, right, card.ShortAnswer, null, isTrue, []));
    }

    private static (TestQuestion, TestAnswerKey) Written(int number, Card card) =>
        (new TestQuestion(number, TestQuestionType.Written, [card.Id], card.Question, [], null, [], []),
            new TestAnswerKey(number, card.ShortAnswer, card.ShortAnswer, card.AnswerText, null, []));

    private static (TestQuestion, TestAnswerKey) Matching(int number, List<Card> group, Random random)
    {
        var answers = Seeded.Shuffle(group.Select(c => c.ShortAnswer), random);
        var right = string.Join("; ", group.Select(c => $"{c.Question} → {c.ShortAnswer}"));
        return (new TestQuestion(
                number,
                TestQuestionType.Matching,
                [.. group.Select(c => c.Id)],
                "Match each question with its answer.",
                [],
                null,
                [.. group.Select(c => c.Question)],
                answers),
            new TestAnswerKey(number, right, "", null, null, [.. group.Select(c => c.ShortAnswer)]));
    }

    private static QuestionReview GradeSingle(TestQuestion question, TestAnswerKey key, TestResponse? response)
    {
        var (your, correct) = question.Type switch
        {
            TestQuestionType.MultipleChoice => (response?.Text ?? "",
                response?.Text is { } chosen
                && question.Choices.Contains(chosen, StringComparer.Ordinal)
                && SameText(chosen, key.Accepted)),
            TestQuestionType.TrueFalse => (response?.TrueFalse switch { true => "True", false => "False", null => "" },
                response?.TrueFalse is { } verdict && verdict == key.IsTrue),
            _ => (response?.Text ?? "",
                AnswerGrader.IsAccepted(response?.Text, key.Accepted)
                || (key.AlsoAccepted is { Length: > 0 } full && AnswerGrader.IsAccepted(response?.Text, full))),
        };
        return new QuestionReview(question.Number, question.Type, question.Prompt, your, key.RightAnswer, correct, correct ? 1 : 0, question.CardIds);
    }

    private static QuestionReview GradeMatching(
        TestQuestion question,
        TestAnswerKey key,
        TestResponse? response,
        List<string> cardsCorrect,
        List<string> cardsWrong)
    {
        var placed = response?.Matches ?? [];
        var right = 0;
        var yours = new List<string>();
        for (var i = 0; i < key.MatchAnswers.Count; i++)
        {
            var given = i < placed.Count ? placed[i] : null;
            var ok = given is not null && SameText(given, key.MatchAnswers[i]);
            right += ok ? 1 : 0;
            (ok ? cardsCorrect : cardsWrong).Add(question.CardIds[i]);
            yours.Add($"{question.MatchTerms[i]} → {given ?? "(none)"}");
        }

        var points = key.MatchAnswers.Count == 0 ? 0 : (double)right / key.MatchAnswers.Count;
        return new QuestionReview(
            question.Number,
            question.Type,
            question.Prompt,
            string.Join("; ", yours),
            key.RightAnswer,
            right == key.MatchAnswers.Count,
            points,
            question.CardIds);
    }

    // Two cards may share a short answer; either copy of the text is right.
    private static bool SameText(string a, string b) =>
        string.Equals(AnswerGrader.Normalize(a), AnswerGrader.Normalize(b), StringComparison.Ordinal);
}
