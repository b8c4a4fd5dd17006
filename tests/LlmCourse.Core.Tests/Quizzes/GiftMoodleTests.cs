using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Core.Tests.Content;

namespace LlmCourse.Core.Tests.Quizzes;

/// <summary>
/// The import cases of Moodle's own GIFT tests (moodle/moodle, question/format/gift/tests/giftformat_test.php), each
/// named after the test it mirrors. The GIFT is Moodle's test input; the expectations are what Moodle's test asserts
/// (question type, texts with their format markers removed, which answers are right, feedback, tolerance), checked on
/// the quiz the imported Markdown parses to, so the importer and the quiz format are held to agree. Where a quiz file
/// has no place for something Moodle keeps (partial-credit short answers, feedback on a numeric answer), the test says
/// what is kept instead.
/// </summary>
public sealed class GiftMoodleTests
{
    private static Quiz Import(string gift)
    {
        var result = GiftImporter.Import(gift, "Moodle test");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return Fixtures.Item<Quiz>(result.Markdown);
    }

    private static string Markdown(string gift) => GiftImporter.Import(gift, "Moodle test").Markdown;

    // test_import_essay: "::Q8:: How are you? {}" is an essay named Q8 with the text "How are you?", default mark 1.
    [Fact]
    public void Import_MoodleTestImportEssay_EssayGradedByHand()
    {
        var quiz = Import("\n// essay\n::Q8:: How are you? {}");

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("q8", q.Id);
        Assert.Equal("How are you?", q.Title);
        Assert.Equal(1, q.Points);
        Assert.Empty(q.Choices);
        Assert.Null(q.ExplanationHtml);
        Assert.Null(RandomGuess.Score(q));
    }

    // test_import_match: the [html] question text keeps its markup (rendered safely), each item's marker is removed
    // ([html], [moodle], [plain], [markdown]), and "= -> Chat" is accepted as a fifth answer with an empty item.
    [Fact]
    public void Import_MoodleTestImportMatch_MarkersStrippedAndDistractorKept()
    {
        var quiz = Import("""

            // question: 2  name: Moodle activities
            ::Moodle activities::[html]Match the <b>activity</b> to the description.{
                =[html]An activity supporting asynchronous discussions. -> Forum
                =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice
                =[plain]A bank of record entries which participants can add to. -> Database
                =[markdown]A collection of web pages that anyone can add to or edit. -> Wiki
                = -> Chat
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.Matching, q.Type);
        Assert.Equal("moodle-activities", q.Id);
        Assert.Equal("Match the activity to the description.", q.Title);
        Assert.Contains("Match the <strong>activity</strong> to the description.", q.PromptHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;b&gt;", q.PromptHtml, StringComparison.Ordinal);
        Assert.Equal(
            [
                "An activity supporting asynchronous discussions.",
                "A teacher asks a question and specifies a choice of multiple responses.",
                "A bank of record entries which participants can add to.",
                "A collection of web pages that anyone can add to or edit.",
            ],
            q.Pairs.Select(p => p.Left));
        Assert.Equal(["Forum", "Choice", "Database", "Wiki"], q.Pairs.Select(p => p.Right));
        Assert.Equal(["Chat"], q.MatchDistractors);

        // The distractor is one of the options every item is picked from, and counts in the random guess score.
        var options = PublicProjection.Project(quiz, seed: 3).Questions[0].MatchOptions.Select(o => o.Text).Order(StringComparer.Ordinal);
        Assert.Equal(["Chat", "Choice", "Database", "Forum", "Wiki"], options);
        Assert.Equal(1.0 / 5, RandomGuess.Score(q));
    }

    // test_import_multichoice: answers yellow (right), red and [plain]blue; feedback "right; good!", and
    // "[html]wrong, it's yellow" and "wrong, it's yellow", all without markers.
    [Fact]
    public void Import_MoodleTestImportMultichoice_MarkersStrippedFromAnswersAndFeedback()
    {
        var quiz = Import("""

            // multiple choice with specified feedback for right and wrong answers
            ::Q2:: What's between orange and green in the spectrum?
            {
                =yellow # right; good!
                ~red # [html]wrong, it's yellow
                ~[plain]blue # wrong, it's yellow
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.SingleChoice, q.Type);
        Assert.Equal("What's between orange and green in the spectrum?", q.Title);
        Assert.Equal(["yellow", "red", "blue"], q.Choices.Select(c => c.Text));
        Assert.Equal([true, false, false], q.Choices.Select(c => c.Correct));
        Assert.Equal(["<p>right; good!</p>", "<p>wrong, it's yellow</p>", "<p>wrong, it's yellow</p>"], q.Choices.Select(c => c.FeedbackHtml));
    }

    // test_import_multichoice_multi: fractions 0.5, -1, 0.5, -1 (single = 0); "[html]wrong" and "[plain]blue" lose their markers.
    [Fact]
    public void Import_MoodleTestImportMultichoiceMulti_PositiveWeightsRight()
    {
        var quiz = Import("""

            // multiple choice, multiple response with specified feedback for right and wrong answers
            ::colours:: What's between orange and green in the spectrum?
            {
                ~%50%yellow # right; good!
                ~%-100%red # [html]wrong
                ~%50%off-beige # right; good!
                ~%-100%[plain]blue # wrong
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.MultipleAnswers, q.Type);
        Assert.Equal("colours", q.Id);
        Assert.Equal(["yellow", "red", "off-beige", "blue"], q.Choices.Select(c => c.Text));
        Assert.Equal([true, false, true, false], q.Choices.Select(c => c.Correct));
        Assert.Equal(["<p>right; good!</p>", "<p>wrong</p>", "<p>right; good!</p>", "<p>wrong</p>"], q.Choices.Select(c => c.FeedbackHtml));
    }

    // test_import_multichoice_multi_tricky: one answer at 100% among negative ones is still multiple response (single = 0).
    [Fact]
    public void Import_MoodleTestImportMultichoiceMultiTricky_WeightedHundredIsMultiple()
    {
        var quiz = Import("""

            // multiple choice, multiple response with specified feedback for right and wrong answers
            ::colours:: What's between orange and green in the spectrum?
            {
                ~%100%yellow # right; good!
                ~%-50%red # wrong
                ~%-50%blue # wrong
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.MultipleAnswers, q.Type);
        Assert.Equal([true, false, false], q.Choices.Select(c => c.Correct));
        Assert.Equal(["<p>right; good!</p>", "<p>wrong</p>", "<p>wrong</p>"], q.Choices.Select(c => c.FeedbackHtml));
    }

    // test_import_numerical: "{#3:2~#Completely wrong}" is answer 3 with tolerance 2, plus a wrong-answer clause
    // ('*', fraction 0, feedback "Completely wrong"), which a quiz file has no place for and is left out.
    [Fact]
    public void Import_MoodleTestImportNumerical_WrongAnswerClauseAccepted()
    {
        var gift = "\n// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}";

        var q = Assert.Single(Import(gift).Questions);
        Assert.Equal(QuestionType.Numeric, q.Type);
        Assert.Equal("What is a number from 1 to 5?", q.Title);
        Assert.Equal(new NumericAnswer(3, 2), q.Numeric);
        Assert.Equal(GradeState.Correct, Grader.Grade(q, new NumericResponse("1")).State);
        Assert.Equal(GradeState.Incorrect, Grader.Grade(q, new NumericResponse("5.5")).State);
        Assert.DoesNotContain("Completely wrong", Markdown(gift), StringComparison.Ordinal);
    }

    // test_import_shortanswer: answers Frog (1), Cat (0.5) and * (0). Short-text questions here are all or nothing,
    // so the full-credit answer is what is accepted; the others would earn part marks in Moodle.
    [Fact]
    public void Import_MoodleTestImportShortanswer_FullCreditAnswerAccepted()
    {
        var quiz = Import("""

            // question: 666  name: Shortanswer
            ::Shortanswer::Which is the best animal?{
                =Frog#Good!
                =%50%Cat#What is it with Moodlers and cats?
                =%0%*#Completely wrong
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.ShortText, q.Type);
        Assert.Equal("Which is the best animal?", q.Title);
        Assert.Equal(["Frog"], q.AcceptedAnswers);
        Assert.Equal(GradeState.Correct, Grader.Grade(q, new TextResponse("frog")).State);
        Assert.Equal(GradeState.Incorrect, Grader.Grade(q, new TextResponse("*")).State);
    }

    // test_import_shortanswer_with_general_feedback: "####[html]Here is some general feedback!" is the general
    // feedback, its marker removed.
    [Fact]
    public void Import_MoodleTestImportShortanswerWithGeneralFeedback_BecomesExplanation()
    {
        var quiz = Import("""

            // question: 666  name: Shortanswer
            ::Shortanswer::Which is the best animal?{
                =Frog#Good!
                =%50%Cat#What is it with Moodlers and cats?
                =%0%*#Completely wrong
                ####[html]Here is some general feedback!
            }
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(["Frog"], q.AcceptedAnswers);
        Assert.Equal("<p>Here is some general feedback!</p>", q.ExplanationHtml);
    }

    // test_import_truefalse: FALSE is right; feedbacktrue (shown on picking True) is "42 is the Ultimate Answer.",
    // feedbackfalse is "You gave the right answer."
    [Fact]
    public void Import_MoodleTestImportTruefalse_FeedbackOnTheChoiceThatEarnsIt()
    {
        var quiz = Import("\n// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}");

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.TrueFalse, q.Type);
        Assert.Equal("42 is the Absolute Answer to everything.", q.Title);
        Assert.Equal([("True", false, "<p>42 is the Ultimate Answer.</p>"), ("False", true, "<p>You gave the right answer.</p>")],
            q.Choices.Select(c => (c.Text, c.Correct, c.FeedbackHtml)));
    }

    // test_import_truefalse_true_answer1 and test_import_truefalse_true_answer2: {T} and {TRUE} make True right, with
    // no feedback; the name "2-08 TSL" names the question.
    [Theory]
    [InlineData("// name 0-11\n::2-08 TSL::TSL is blablabla.{T}")]
    [InlineData("// name 0-11\n::2-08 TSL::TSL is blablabla.{TRUE}")]
    public void Import_MoodleTestImportTruefalseTrueAnswer_TrueIsRight(string gift)
    {
        var q = Assert.Single(Import(gift).Questions);

        Assert.Equal(QuestionType.TrueFalse, q.Type);
        Assert.Equal("2-08-tsl", q.Id);
        Assert.Equal("TSL is blablabla.", q.Title);
        Assert.Equal([("True", true), ("False", false)], q.Choices.Select(c => (c.Text, c.Correct)));
        Assert.All(q.Choices, c => Assert.Null(c.FeedbackHtml));
    }

    // test_import_backslash (MDL-34171): "A \\ B \\\\ C" in GIFT is the text "A \ B \\ C": an escaped backslash is one
    // backslash, and it stays a backslash on the page.
    [Fact]
    public void Import_MoodleTestImportBackslash_EscapedBackslashIsOneBackslash()
    {
        var q = Assert.Single(Import("\n// essay\n::double backslash:: A \\\\ B \\\\\\\\ C{}").Questions);

        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("A \\ B \\\\ C", q.Title);
        Assert.Equal("double-backslash", q.Id);
    }

    // test_import_pre_content: an [html] essay whose text is a paragraph and a <pre> block with escaped braces; the
    // code keeps its lines and indentation and its braces.
    [Fact]
    public void Import_MoodleTestImportPreContent_PreformattedCodeKept()
    {
        var quiz = Import("""

            ::Q001::[html]<p>What would running the test method print?</p>
            <pre>
                public void test() \{
                    method1();
                    method2();
                    method3();
                \}
            </pre>
            {}
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("What would running the test method print?", q.Title);
        Assert.Contains("<pre><code>    public void test() {\n        method1();\n        method2();\n        method3();\n    }\n</code></pre>", q.PromptHtml, StringComparison.Ordinal);
    }

    // test_import_question_with_tags: an essay whose comment gives the idnumber [id:myid], which becomes its id
    // (tags have no place on a question here).
    [Fact]
    public void Import_MoodleTestImportQuestionWithTags_IdNumberBecomesId()
    {
        var quiz = Import("""

            // This question is to test importing tags: [tag:tag] [tag:other-tag].
            // And an idnumber: [id:myid].
            ::Question name:: How are you? {}
            """);

        var q = Assert.Single(quiz.Questions);
        Assert.Equal(QuestionType.Essay, q.Type);
        Assert.Equal("myid", q.Id);
        Assert.Equal("How are you?", q.Title);
    }

    // test_extract_idnumber_and_tags_from_comment: the idnumber cases of its data provider, one comment line each.
    [Theory]
    [InlineData("", null)]
    [InlineData("// A basic comment.", null)]
    [InlineData("// A comment with [id:frog] <-- an idnumber.", "frog")]
    [InlineData("// Look tags: [tag:frog] [tag:toad].", null)]
    [InlineData("// [tag:add] [tag:basic] [id:four]", "four")]
    [InlineData("// a [id:   four   ] que[tag:add   ]stion.", "four")]
    [InlineData("// [id:i\\]d].", "i]d")]
    [InlineData("// [tag:t\\]ag].", null)]
    public void IdNumberIn_MoodleTestExtractIdnumberAndTagsFromComment(string comment, string? idNumber) =>
        Assert.Equal(idNumber, GiftImporter.IdNumberIn(comment));

    // The "everything mixed up" case spreads its comment over two lines; the idnumber on the second still names the question.
    [Fact]
    public void Import_IdNumberOnSecondCommentLine_NamesQuestion()
    {
        var quiz = Import("// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.\n::Q::Two plus two?{#4}");

        Assert.Equal("four", Assert.Single(quiz.Questions).Id);
    }

    // Every Moodle test input above, imported together, is one valid quiz file.
    [Fact]
    public void Import_AllMoodleCasesTogether_OneQuizParses()
    {
        var gift = string.Join("\n\n", [
            "::Q8:: How are you? {}",
            "::Moodle activities::[html]Match the <b>activity</b> to the description.{\n=[html]An activity supporting asynchronous discussions. -> Forum\n=[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice\n= -> Chat\n}",
            "::Q2:: What's between orange and green in the spectrum?\n{\n=yellow # right; good!\n~red # [html]wrong, it's yellow\n~[plain]blue # wrong, it's yellow\n}",
            "::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}",
            "::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}",
        ]);

        var quiz = Import(gift);

        Assert.Equal([QuestionType.Essay, QuestionType.Matching, QuestionType.SingleChoice, QuestionType.Numeric, QuestionType.TrueFalse], quiz.Questions.Select(q => q.Type));
    }
}
