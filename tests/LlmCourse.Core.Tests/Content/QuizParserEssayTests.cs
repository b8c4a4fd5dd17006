using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>Essay questions and matching distractors in quiz Markdown (docs/authoring.md, "Quiz").</summary>
public sealed class QuizParserEssayTests
{
    private const string File = Fixtures.ItemPath;

    private static Quiz Quiz(string body) => Fixtures.Item<Quiz>($"---\nkind: quiz\ntitle: Q\n---\n{body}");

    private static IReadOnlyList<ContentError> QuizErrors(string body) => Fixtures.Errors($"---\nkind: quiz\ntitle: Q\n---\n{body}");

    [Fact]
    public void Parse_Essay_WholeBodyIsPromptAndGraderInformationKeptApart()
    {
        var quiz = Quiz("""
            ## Explain LoRA in your own words {#explain-lora type=essay points=5}

            Cover at least:

            - what is frozen
            - what is trained

            ### Hint

            Think of the adapter matrices.

            ### Grader information

            Full marks need both points; SECRET-RUBRIC half for one.

            ### Explanation

            LoRA freezes the base weights and trains low-rank adapters.
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("explain-lora", q.Id);
        Assert.Equal(5, q.Points);
        Assert.Equal("Explain LoRA in your own words", q.Title);
        Assert.Contains("<li>what is frozen</li>", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal("<p>Think of the adapter matrices.</p>", q.HintHtml);
        Assert.Equal("<p>Full marks need both points; SECRET-RUBRIC half for one.</p>", q.GraderInfoHtml);
        Assert.DoesNotContain("SECRET-RUBRIC", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal("<p>LoRA freezes the base weights and trains low-rank adapters.</p>", q.ExplanationHtml);
        Assert.Empty(q.Choices);
        Assert.Empty(q.AcceptedAnswers);
    }

    [Fact]
    public void Parse_EssayWithoutPrompt_HeadingIsTheQuestion()
    {
        var q = Assert.Single(Quiz("## How are you? {#q8 type=essay}\n").Questions);

        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("<p class=\"question-title\">How are you?</p>", q.PromptHtml);
        Assert.Null(q.GraderInfoHtml);
    }

    [Fact]
    public void Parse_NoAnswersAndNoEssayType_ErrorSuggestsEssay()
    {
        var errors = QuizErrors("## How are you? {#q8}\n\nTell us.\n");

        Fixtures.HasError(errors, File, 5, "type=essay");
    }

    [Fact]
    public void Parse_GraderInformationOnAChoiceQuestion_Error()
    {
        var errors = QuizErrors("## Q {#q}\n\n- [x] A\n- [ ] B\n\n### Grader information\n\nNo.\n");

        Fixtures.HasError(errors, File, 10, "Only an essay question");
    }

    [Fact]
    public void Parse_TwoGraderInformations_Error()
    {
        var errors = QuizErrors("## Q {#q type=essay}\n\n### Grader information\n\nOne.\n\n### Grader information\n\nTwo.\n");

        Fixtures.HasError(errors, File, 11, "already has");
    }

    [Fact]
    public void Parse_MatchingWithDistractor_ExtraOptionMatchesNothing()
    {
        var q = Assert.Single(Quiz("""
            ## Match the activity {#activities}

            - An asynchronous discussion -> Forum
            - A collection of editable pages -> Wiki
            - -> Chat
            - -> Chat
            """).Questions);

        Assert.Equal(QuestionType.Matching, q.Type);
        Assert.Equal(["Forum", "Wiki"], q.Pairs.Select(p => p.Right));
        Assert.Equal(["Chat"], q.MatchDistractors);
    }

    [Fact]
    public void Parse_MatchingWithOnePairAndDistractors_NeedsTwoPairs()
    {
        var errors = QuizErrors("## Q {#q type=matching}\n\n- a -> b\n- -> c\n- -> d\n");

        Fixtures.HasError(errors, File, 7, "at least two");
    }

    [Fact]
    public void Parse_MatchingItemWithoutRightSide_Error()
    {
        var errors = QuizErrors("## Q {#q type=matching}\n\n- a -> b\n- c -> d\n- e ->\n");

        Fixtures.HasError(errors, File, 9, "not a pair");
    }
}
