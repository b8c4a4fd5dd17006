using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class QuizParserTests
{
    private const string File = Fixtures.ItemPath;

    private static Quiz Quiz(string body, string settings = "") =>
        Fixtures.Item<Quiz>($"---\nkind: quiz\ntitle: Q\n{settings}---\n{body}");

    /// <summary>Front matter is 4 lines, so the body starts on line 5.</summary>
    private static IReadOnlyList<ContentError> QuizErrors(string body, string settings = "") =>
        Fixtures.Errors($"---\nkind: quiz\ntitle: Q\n{settings}---\n{body}");

    [Fact]
    public void Parse_SingleChoiceWithFeedbackAndExplanation_ReadsEverything()
    {
        var quiz = Quiz("""
            Answer carefully.

            ## What does fine-tuning change in the network? {#what-changes points=2}

            Think about *training*.

            - [ ] The tokenizer's vocabulary
              > The vocabulary stays as it was.
            - [x] The weights of the network
            - [ ] The size of the context window

            ### Hint

            What does training update?

            ### Explanation

            Fine-tuning continues training.
            """);

        Assert.Equal("<p>Answer carefully.</p>", quiz.IntroHtml);
        var question = Assert.Single(quiz.Questions);
        Assert.Equal("what-changes", question.Id);
        Assert.Equal(QuestionType.SingleChoice, question.Type);
        Assert.Equal("What does fine-tuning change in the network?", question.Title);
        Assert.Equal(2, question.Points);
        Assert.Equal(7, question.Line);
        Assert.Equal("<p class=\"question-title\">What does fine-tuning change in the network?</p>\n<p>Think about <em>training</em>.</p>", question.PromptHtml);
        Assert.Equal(["The tokenizer's vocabulary", "The weights of the network", "The size of the context window"], question.Choices.Select(c => c.Text));
        Assert.Equal([false, true, false], question.Choices.Select(c => c.Correct));
        Assert.Equal("<p>The vocabulary stays as it was.</p>", question.Choices[0].FeedbackHtml);
        Assert.Null(question.Choices[1].FeedbackHtml);
        Assert.Equal("The weights of the network", question.Choices[1].Html);
        Assert.DoesNotContain("checkbox", question.Choices[1].Html, StringComparison.Ordinal);
        Assert.Equal("<p>What does training update?</p>", question.HintHtml);
        Assert.Equal("<p>Fine-tuning continues training.</p>", question.ExplanationHtml);
    }

    [Fact]
    public void Parse_Choices_IdsAreStableAcrossReorderingAndCase()
    {
        var a = Quiz("## Q {#q}\n\n- [x] Alpha   beta\n- [ ] Gamma\n");
        var b = Quiz("## Q {#q}\n\n- [ ] Gamma\n- [x] alpha beta\n");

        Assert.Equal(a.Questions[0].Choices[0].Id, b.Questions[0].Choices[1].Id);
        Assert.Equal(a.Questions[0].Choices[1].Id, b.Questions[0].Choices[0].Id);
        Assert.NotEqual(a.Questions[0].Choices[0].Id, a.Questions[0].Choices[1].Id);
        Assert.Matches("^[0-9a-f]{10}$", a.Questions[0].Choices[0].Id);
    }

    [Theory]
    [InlineData("- [x] A\n- [ ] B\n", QuestionType.SingleChoice)]
    [InlineData("- [x] A\n- [x] B\n- [ ] C\n", QuestionType.MultipleAnswers)]
    [InlineData("- [ ] True\n- [x] False\n", QuestionType.TrueFalse)]
    [InlineData("- GPT\n- generative pre-trained transformer\n", QuestionType.ShortText)]
    [InlineData("- 0.7 ± 0.05\n", QuestionType.Numeric)]
    [InlineData("- 42\n", QuestionType.Numeric)]
    [InlineData("- top-k -> keeps the k likeliest tokens\n- top-p -> keeps the smallest set above p\n", QuestionType.Matching)]
    [InlineData("1. Prepare data\n2. Train\n3. Evaluate\n", QuestionType.Ordering)]
    public void Parse_AnswerList_InfersType(string answers, QuestionType expected)
    {
        var quiz = Quiz($"## Q {{#q}}\n\n{answers}");

        Assert.Equal(expected, quiz.Questions[0].Type);
    }

    [Fact]
    public void Parse_ExplicitMultipleWithOneCorrect_IsMultiple()
    {
        var quiz = Quiz("## Q {#q type=multiple}\n\n- [x] A\n- [ ] B\n");

        Assert.Equal(QuestionType.MultipleAnswers, quiz.Questions[0].Type);
    }

    [Fact]
    public void Parse_ShortAnswers_ReadsAnswersAndPatternFromSource()
    {
        var quiz = Quiz("## Q {#q type=short}\n\n- LoRA\n- low-rank adaptation\n- /lo\\s*ra(\\b.*)?/\n");

        var question = quiz.Questions[0];
        Assert.Equal(["LoRA", "low-rank adaptation"], question.AcceptedAnswers);
        Assert.Equal(@"lo\s*ra(\b.*)?", question.AcceptedPattern);
    }

    [Theory]
    [InlineData("- 0.7 ± 0.05", 0.7, 0.05)]
    [InlineData("- 0.7 +- 0.05", 0.7, 0.05)]
    [InlineData("- -3", -3, 0)]
    [InlineData("- 1e3 ± 10", 1000, 10)]
    public void Parse_Numeric_ReadsValueAndTolerance(string line, double value, double tolerance)
    {
        var quiz = Quiz($"## Q {{#q type=numeric}}\n\n{line}\n");

        Assert.Equal(new NumericAnswer(value, tolerance), quiz.Questions[0].Numeric);
    }

    [Fact]
    public void Parse_MatchingAndOrdering_ReadPairsAndOrder()
    {
        var quiz = Quiz("""
            ## Match them {#match}

            - temperature -> rescales logits
            - top-k -> keeps k tokens

            ## Put the steps of instruction fine-tuning in order {#ift-steps type=ordering}

            1. Prepare the instruction dataset
            2. Split it into training, validation and test sets
            3. Compute the loss
            """);

        Assert.Equal([new MatchPair("temperature", "rescales logits"), new MatchPair("top-k", "keeps k tokens")], quiz.Questions[0].Pairs);
        Assert.Equal(["Prepare the instruction dataset", "Split it into training, validation and test sets", "Compute the loss"], quiz.Questions[1].OrderedItems);
        Assert.Equal(QuestionType.Ordering, quiz.Questions[1].Type);
        Assert.Equal(10, quiz.Questions[1].Line);
    }

    [Fact]
    public void Parse_NoSettings_UsesDefaults()
    {
        var quiz = Quiz("## Q {#q}\n\n- [x] A\n- [ ] B\n");

        Assert.Equal(QuizSettings.Default, quiz.Settings);
    }

    [Fact]
    public void Parse_AllSettings_AreRead()
    {
        var quiz = Quiz(
            "## Q {#q}\n\n- [x] A\n- [ ] B\n",
            """
            attempts: 3
            time-limit: 20
            grading: average
            shuffle-questions: true
            shuffle-choices: true
            layout: one-question-per-page
            pass-mark: 80
            reveal: after-close
            opens: 2026-12-01T09:00:00Z
            closes: 2026-12-08T09:00:00+01:00

            """);

        Assert.Equal(
            new QuizSettings(
                3,
                TimeSpan.FromMinutes(20),
                GradingMethod.Average,
                true,
                true,
                QuizLayout.OneQuestionPerPage,
                0.8,
                RevealPolicy.AfterClose,
                new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.FromHours(1))),
            quiz.Settings);
    }

    [Theory]
    [InlineData("", MarksPolicy.Immediately)]
    [InlineData("show-marks: immediately\n", MarksPolicy.Immediately)]
    [InlineData("show-marks: never\n", MarksPolicy.Never)]
    [InlineData("show-marks: after-close\ncloses: 2026-12-08T09:00:00Z\n", MarksPolicy.AfterClose)]
    public void Parse_ShowMarks_ReadsThePolicy(string settings, MarksPolicy expected) =>
        Assert.Equal(expected, Quiz("## Q {#q}\n\n- [x] A\n- [ ] B\n", settings).Settings.ShowMarks);

    [Fact]
    public void Parse_ShowMarksAfterCloseWithoutCloses_IsAnError()
    {
        var errors = QuizErrors("## Q {#q}\n\n- [x] A\n- [ ] B\n", "show-marks: after-close\n");

        Fixtures.HasError(errors, File, 4, "marks would never be shown");
    }

    [Fact]
    public void Parse_UnlimitedAttempts_IsNull()
    {
        var quiz = Quiz("## Q {#q}\n\n- [x] A\n- [ ] B\n", "attempts: unlimited\n");

        Assert.Null(quiz.Settings.AttemptsAllowed);
    }

    [Theory]
    [InlineData("attempts: 0\n", "attempts")]
    [InlineData("attempts: many\n", "attempts")]
    [InlineData("time-limit: -5\n", "time-limit")]
    [InlineData("grading: best\n", "highest, average, first, last")]
    [InlineData("layout: grid\n", "one-page, one-question-per-page")]
    [InlineData("pass-mark: 120\n", "pass-mark")]
    [InlineData("reveal: sometimes\n", "after-each-attempt")]
    [InlineData("show-marks: later\n", "immediately, after-close, never")]
    [InlineData("shuffle-choices: maybe\n", "true or false")]
    [InlineData("opens: next monday\n", "ISO 8601")]
    public void Parse_BadSetting_ReportsItsLine(string setting, string fragment)
    {
        var errors = QuizErrors("## Q {#q}\n\n- [x] A\n- [ ] B\n", setting);

        Fixtures.HasError(errors, File, 4, fragment);
    }

    [Fact]
    public void Parse_ClosesBeforeOpens_ReportsClosesLine()
    {
        var errors = QuizErrors("## Q {#q}\n\n- [x] A\n- [ ] B\n", "opens: 2026-12-08T00:00:00Z\ncloses: 2026-12-01T00:00:00Z\n");

        Fixtures.HasError(errors, File, 5, "later than 'opens'");
    }

    [Theory]
    [InlineData("## Q {#q}\n\n- [ ] A\n- [ ] B\n", 7, "No choice is marked correct")]
    [InlineData("## Q {#q}\n\n- [x] Same text\n- [ ] same   TEXT\n", 8, "choices must differ")]
    [InlineData("## Q {#q type=single}\n\n- [x] A\n- [x] B\n", 7, "exactly one")]
    [InlineData("## Q {#q type=ordering}\n\n- [x] A\n- [ ] B\n", 7, "plain list")]
    [InlineData("## Q {#q type=single}\n\n- A\n- B\n", 7, "needs a choice list")]
    [InlineData("## Q {#q type=truefalse}\n\n- [x] Yes\n- [ ] No\n", 7, "True and False")]
    [InlineData("## Q {#q type=numeric}\n\n- 1\n- 2\n", 7, "exactly one answer line")]
    [InlineData("## Q {#q type=numeric}\n\n- about ten\n", 7, "not a number")]
    [InlineData("## Q {#q type=matching}\n\n- a -> b\n- c\n", 8, "left -> right")]
    [InlineData("## Q {#q type=ordering}\n\n- a\n- b\n", 7, "numbered list")]
    [InlineData("## Q {#q}\n\n- [x] A\n- B\n", 7, "Either every answer")]
    [InlineData("## Q {#q}\n\nJust a prompt.\n", 5, "no answers")]
    [InlineData("## Q\n\n- [x] A\n- [ ] B\n", 5, "needs an id")]
    [InlineData("## Q {#q type=poem}\n\n- x\n", 5, "Unknown question type 'poem'. Use one of: single, multiple, truefalse, short, numeric, matching, ordering, essay")]
    [InlineData("## Q {#q points=zero}\n\n- [x] A\n- [ ] B\n", 5, "points=zero")]
    [InlineData("## Q {#q colour=red}\n\n- [x] A\n- [ ] B\n", 5, "Unknown question setting 'colour'")]
    [InlineData("## Q {#q type=short}\n\n- /([a-z/\n", 7, "not a valid regular expression")]
    [InlineData("## Q {#q}\n\n- [x] A\n- [ ] B\n\nTrailing text.\n", 10, "Only the answer list")]
    [InlineData("## Q {#q}\n\n- [x] A\n  Extra paragraph\n\n  More\n- [ ] B\n", 10, "feedback blockquote")]
    public void Parse_BadQuestion_ReportsFileAndLine(string body, int line, string fragment)
    {
        var errors = QuizErrors(body);

        Fixtures.HasError(errors, File, line, fragment);
    }

    [Fact]
    public void Parse_DuplicateQuestionId_ReportsSecondHeading()
    {
        var errors = QuizErrors("## Q1 {#q}\n\n- [x] A\n- [ ] B\n\n## Q2 {#q}\n\n- [x] A\n- [ ] B\n");

        Fixtures.HasError(errors, File, 10, "already used on line 5");
    }

    [Fact]
    public void Parse_QuizWithoutQuestions_ReportsLine1()
    {
        var errors = QuizErrors("Only an intro.\n");

        Fixtures.HasError(errors, File, 1, "at least one question");
    }
}
