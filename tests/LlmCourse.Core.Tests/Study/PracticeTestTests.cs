using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class PracticeTestTests
{
    private static PracticeTest Build(int count, int seed, params TestQuestionType[] types) =>
        PracticeTests.Generate(StudyDeck.Cards, new PracticeTestOptions(count, types, seed));

    private static TestResponse RightResponse(TestQuestion question, TestAnswerKey key) => question.Type switch
    {
        TestQuestionType.MultipleChoice => new TestResponse(question.Number, Text: key.Accepted),
        TestQuestionType.TrueFalse => new TestResponse(question.Number, TrueFalse: key.IsTrue),
        TestQuestionType.Written => new TestResponse(question.Number, Text: key.Accepted),
        _ => new TestResponse(question.Number, Matches: [.. key.MatchAnswers]),
    };

    [Theory]
    [InlineData(3, 3)]
    [InlineData(6, 6)]
    [InlineData(10, 6)]
    [InlineData(0, 0)]
    public void Generate_SingleCardTypes_OneQuestionPerCardUpToDeckSize(int wanted, int expected)
    {
        var test = Build(wanted, 1, TestQuestionType.Written);

        Assert.Equal(expected, test.Questions.Count);
        Assert.Equal(expected, test.Questions.SelectMany(q => q.CardIds).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, expected), test.Questions.Select(q => q.Number));
    }

    [Fact]
    public void Generate_MixedTypes_CyclesThroughChosenTypes()
    {
        var test = Build(4, 2, TestQuestionType.MultipleChoice, TestQuestionType.TrueFalse, TestQuestionType.Written);

        Assert.Equal(
            [TestQuestionType.MultipleChoice, TestQuestionType.TrueFalse, TestQuestionType.Written, TestQuestionType.MultipleChoice],
            test.Questions.Select(q => q.Type));
    }

    [Fact]
    public void Generate_SameSeed_SameTest()
    {
        var a = Build(5, 77);
        var b = Build(5, 77);

        Assert.Equal(a.Questions.Select(q => (q.Type, string.Join('|', q.CardIds), string.Join('|', q.Choices), q.Statement)),
            b.Questions.Select(q => (q.Type, string.Join('|', q.CardIds), string.Join('|', q.Choices), q.Statement)));
    }

    [Fact]
    public void Generate_Matching_GroupsUpToFourCards()
    {
        var test = Build(5, 3, TestQuestionType.Matching);

        Assert.Equal([4, 2], test.Questions.Select(q => q.CardIds.Count));
        var first = test.Questions[0];
        Assert.Equal(first.CardIds.Select(id => StudyDeck.Get(id).Question), first.MatchTerms);
        Assert.Equal(first.CardIds.Select(id => StudyDeck.Get(id).ShortAnswer).Order(), first.MatchAnswers.Order());
    }

    [Fact]
    public void Generate_TrueFalse_PairsOwnOrAnotherCardsAnswer()
    {
        var test = Build(6, 5, TestQuestionType.TrueFalse);

        foreach (var (question, key) in test.Questions.Zip(test.Keys))
        {
            var card = StudyDeck.Get(question.CardIds[0]);
            Assert.Equal(key.IsTrue, question.Statement == card.ShortAnswer);
            Assert.Contains(StudyDeck.Cards, c => c.ShortAnswer == question.Statement);
        }

        Assert.Contains(test.Keys, k => k.IsTrue == true);
        Assert.Contains(test.Keys, k => k.IsTrue == false);
    }

    [Fact]
    public void Grade_AllRight_ScoresFullMarks()
    {
        var test = Build(8, 9);
        var responses = test.Questions.Zip(test.Keys, RightResponse).ToList();

        var result = PracticeTests.Grade(test, responses);

        Assert.Equal(test.Questions.Count, result.CorrectCount);
        Assert.Equal(100, result.Percent);
        Assert.All(result.Reviews, r => Assert.True(r.Correct, r.Type.ToString()));
        Assert.Equal(StudyDeck.Cards.Count, result.CardsCorrect.Count);
        Assert.Empty(result.CardsWrong);
    }

    [Fact]
    public void Grade_NothingAnswered_ScoresZeroAndListsEveryCardWrong()
    {
        var test = Build(8, 9);

        var result = PracticeTests.Grade(test, []);

        Assert.Equal(0, result.CorrectCount);
        Assert.Equal(0, result.Score);
        Assert.Equal(StudyDeck.Cards.Count, result.CardsWrong.Count);
        Assert.All(result.Reviews, r => Assert.False(string.IsNullOrEmpty(r.RightAnswer)));
    }

    [Theory]
    [InlineData("greedy decodnig", true)]
    [InlineData("GREEDY DECODING.", true)]
    [InlineData("Greedy decoding.", true)]
    [InlineData("beam search", false)]
    [InlineData("", false)]
    public void Grade_WrittenAnswer_UsesLenientRule(string typed, bool correct)
    {
        var deck = new[] { StudyDeck.Get("greedy") };
        var test = PracticeTests.Generate(deck, new PracticeTestOptions(1, [TestQuestionType.Written], 1));

        var review = PracticeTests.Grade(test, [new TestResponse(1, Text: typed)]).Reviews.Single();

        Assert.Equal(correct, review.Correct);
        Assert.Equal(typed, review.YourAnswer);
        Assert.Equal("Greedy decoding", review.RightAnswer);
        Assert.Equal(deck[0].Question, review.Prompt);
    }

    [Fact]
    public void Grade_MultipleChoiceWrongOption_IsWrongWithReview()
    {
        var test = Build(1, 4, TestQuestionType.MultipleChoice);
        var question = test.Questions[0];
        var wrong = question.Choices.First(c => c != test.Keys[0].Accepted);

        var review = PracticeTests.Grade(test, [new TestResponse(1, Text: wrong)]).Reviews[0];

        Assert.False(review.Correct);
        Assert.Equal(wrong, review.YourAnswer);
        Assert.Equal(test.Keys[0].Accepted, review.RightAnswer);
    }

    [Fact]
    public void Grade_TrueFalseWrongVerdict_IsWrong()
    {
        var test = Build(1, 4, TestQuestionType.TrueFalse);

        var review = PracticeTests.Grade(test, [new TestResponse(1, TrueFalse: !test.Keys[0].IsTrue)]).Reviews[0];

        Assert.False(review.Correct);
    }

    [Fact]
    public void Grade_MatchingHalfRight_ScoresHalfAPoint()
    {
        var test = Build(1, 6, TestQuestionType.Matching);
        var key = test.Keys[0];
        var placed = new List<string?> { key.MatchAnswers[1], key.MatchAnswers[0], key.MatchAnswers[2], key.MatchAnswers[3] };

        var result = PracticeTests.Grade(test, [new TestResponse(1, Matches: placed)]);

        var review = result.Reviews.Single();
        Assert.False(review.Correct);
        Assert.Equal(0.5, review.Points);
        Assert.Equal(50, result.Percent);
        Assert.Equal(test.Questions[0].CardIds.Skip(2), result.CardsCorrect);
        Assert.Equal(test.Questions[0].CardIds.Take(2), result.CardsWrong);
    }
}
