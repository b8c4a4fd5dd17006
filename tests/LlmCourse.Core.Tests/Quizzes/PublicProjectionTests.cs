using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class PublicProjectionTests
{
    private static readonly QuizSettings Shuffled = QuizSettings.Default with { ShuffleQuestions = true, ShuffleChoices = true };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(-7)]
    public void Project_EveryType_JsonHoldsNoCorrectnessData(int seed)
    {
        var quiz = SampleQuiz.Create(Shuffled);

        var json = JsonSerializer.Serialize(PublicProjection.Project(quiz, seed));

        string[] secrets =
        [
            "Correct", "Explanation", "Feedback", "EXPLANATION-", "FEEDBACK-", "Accepted", "Pattern",
            "Supervised fine-tuning", "supervised finetuning", "fine[- ]?tun", "3.14159", "0.01", "Numeric\"",
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
        }

        // Matching: lefts and options are separate lists, and nothing pairs them up.
        var ids = PublicQuestionIds.For(quiz);
        var matching = PublicProjection.Project(quiz, seed).Questions.Single(q => q.Id == ids.Of("match-terms"));
        Assert.Equal(SampleQuiz.Matching.Pairs.Select(p => p.Left), matching.MatchLefts.Select(o => o.Text));
        Assert.Equal(SampleQuiz.Matching.Pairs.Select(p => p.Right).Order(), matching.MatchOptions.Select(o => o.Text).Order());
        Assert.DoesNotContain("Right", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Left\"", json, StringComparison.Ordinal);

        // Ordering: the items are all there but never in the right order.
        var ordering = PublicProjection.Project(quiz, seed).Questions.Single(q => q.Id == ids.Of("ift-steps"));
        Assert.NotEqual(SampleQuiz.Ordering.OrderedItems, ordering.OrderingItems.Select(o => o.Text));
        Assert.Equal(SampleQuiz.Ordering.OrderedItems.Order(), ordering.OrderingItems.Select(o => o.Text).Order());
    }

    [Fact]
    public void Project_SameSeed_SameOrders()
    {
        var quiz = SampleQuiz.Create(Shuffled);

        var first = JsonSerializer.Serialize(PublicProjection.Project(quiz, 1234));
        var again = JsonSerializer.Serialize(PublicProjection.Project(quiz, 1234));

        Assert.Equal(first, again);
    }

    [Fact]
    public void Project_ManySeeds_QuestionAndChoiceOrdersVary()
    {
        var quiz = SampleQuiz.Create(Shuffled);

        var questionOrders = Enumerable.Range(0, 30)
            .Select(seed => string.Join(",", PublicProjection.Project(quiz, seed).Questions.Select(q => q.Id)))
            .Distinct().Count();
        var knobs = PublicQuestionIds.For(quiz).Of("sampling-knobs");
        var choiceOrders = Enumerable.Range(0, 30)
            .Select(seed => string.Join(",", PublicProjection.Project(quiz, seed).Questions.Single(q => q.Id == knobs).Choices.Select(c => c.Id)))
            .Distinct().Count();

        Assert.True(questionOrders > 10, $"only {questionOrders} question orders");
        Assert.True(choiceOrders > 10, $"only {choiceOrders} choice orders");
    }

    [Fact]
    public void Project_NoShuffle_AuthoredOrderNumberedFromOne()
    {
        var quiz = SampleQuiz.Create();

        var projected = PublicProjection.Project(quiz, 99);

        Assert.Equal(quiz.Questions.Select(q => PublicQuestionIds.For(quiz).Of(q.Id)), projected.Questions.Select(q => q.Id));
        Assert.Equal(Enumerable.Range(1, 7), projected.Questions.Select(q => q.Number));
        Assert.Equal(["c-vocab", "c-weights", "c-context"], projected.Questions[0].Choices.Select(c => c.Id));
        Assert.Equal(8, projected.MaxScore);
    }

    [Fact]
    public void Project_EditingOneQuestion_KeepsOtherQuestionsChoiceOrder()
    {
        var quiz = SampleQuiz.Create(Shuffled);
        var edited = quiz with { Questions = [.. quiz.Questions.Where(q => q.Id != "what-changes")] };

        string Order(Quiz q) => string.Join(",", PublicProjection.Project(q, 5).Questions.Single(x => x.Id == PublicQuestionIds.For(q).Of("sampling-knobs")).Choices.Select(c => c.Id));

        Assert.Equal(Order(quiz), Order(edited));
    }

    [Fact]
    public void Project_OptionIds_AreWhatGradingExpects()
    {
        var question = PublicProjection.Project(SampleQuiz.Ordering, "q-ordering", 1, false, 3);

        // Sort the shown items back into the right order by their text and answer with their ids.
        var ids = SampleQuiz.Ordering.OrderedItems.Select(t => question.OrderingItems.Single(o => o.Text == t).Id).ToList();

        Assert.Equal(GradeState.Correct, Grader.Grade(SampleQuiz.Ordering, new OrderingResponse(ids)).State);
    }
}
