using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed partial class PublicQuestionIdsTests
{
    private const string Source = """
        ---
        kind: quiz
        title: Q
        ---
        ## Which technique puts examples in the prompt? {#few-shot type=short}

        - Few-shot

        ## Which is prime? {#prime}

        - [x] Seven
        - [ ] Four
        """;

    private static Quiz Parse(string markdown) =>
        Assert.IsType<Quiz>(ItemParser.Parse(new ContentFile("weeks/07-x/01-quiz.md", markdown.ReplaceLineEndings("\n")), "quiz").Item);

    [Fact]
    public void Of_EveryQuestion_IsOpaqueAndNamesNothingAuthored()
    {
        var quiz = Parse(Source);
        var ids = PublicQuestionIds.For(quiz);

        foreach (var question in quiz.Questions)
        {
            var id = ids.Of(question.Id);
            Assert.Matches(Shape(), id);
            Assert.DoesNotContain("few", id, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("prime", id, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(question.Id, ids.QuestionOf(id));
        }

        Assert.Equal(2, quiz.Questions.Select(q => ids.Of(q.Id)).Distinct().Count());
    }

    [Fact]
    public void Of_SameSourceParsedAgain_SameIds()
    {
        // Another request, another instance, a restart: a page kept open keeps saving to the same questions.
        var first = Parse(Source);
        var again = Parse(Source);

        Assert.NotSame(first, again);
        Assert.Equal(PublicQuestionIds.For(first).Of("few-shot"), PublicQuestionIds.For(again).Of("few-shot"));
    }

    [Fact]
    public void Of_AnswerKeyChanged_IdsChange()
    {
        // The ids are keyed by the source (answer key included), so they cannot be computed from the authored
        // id alone and checked against guesses: the same question with another answer gets another id.
        var other = Parse(Source.Replace("- Few-shot", "- Zero-shot", StringComparison.Ordinal));

        Assert.NotEqual(PublicQuestionIds.For(Parse(Source)).Of("few-shot"), PublicQuestionIds.For(other).Of("few-shot"));
    }

    [Fact]
    public void QuestionOf_UnknownOrAuthoredId_IsNull()
    {
        var ids = PublicQuestionIds.For(Parse(Source));

        Assert.Null(ids.QuestionOf("few-shot"));
        Assert.Null(ids.QuestionOf("q000000000000"));
        Assert.Throws<ArgumentException>(() => ids.Of("no-such-question"));
    }

    [Fact]
    public void Project_PublicQuiz_CarriesOnlyPublicIds()
    {
        var quiz = Parse(Source);

        var projected = PublicProjection.Project(quiz, 3);

        Assert.All(projected.Questions, q => Assert.Matches(Shape(), q.Id));
        Assert.Equal(quiz.Questions.Select(q => PublicQuestionIds.For(quiz).Of(q.Id)), projected.Questions.Select(q => q.Id));
    }

    [GeneratedRegex("^q[0-9a-f]{12}$")]
    private static partial Regex Shape();
}
