using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Components.Quizzes;

namespace LlmCourse.Components.Tests.Quizzes;

public sealed class QuestionComponentsTests : BunitContext
{
    private static PublicQuestion Public(QuestionType type, IReadOnlyList<PublicOption>? choices = null, IReadOnlyList<PublicOption>? lefts = null,
        IReadOnlyList<PublicOption>? options = null, IReadOnlyList<PublicOption>? items = null, string? hint = null) =>
        new("k7", 2, type, "T", "<p>Prompt</p>", 1, hint, choices ?? [], lefts ?? [], options ?? [], items ?? []);

    private static PublicOption Option(string id, string text) => new(id, text, text);

    [Fact]
    public void QuestionAttempt_SingleChoiceWithSavedPick_RadiosLabelledAndPickChecked()
    {
        var q = Public(QuestionType.SingleChoice, [Option("a", "Greedy"), Option("b", "Beam")], hint: "<p>Think.</p>");

        var cut = Render<QuestionAttempt>(ps => ps.Add(p => p.Question, q).Add(p => p.Saved, new ChoiceResponse(["b"])));

        cut.MarkupMatches("""
            <fieldset class="quiz-question card" id="question-k7" data-question="k7" data-type="single">
              <legend>Question 2 <span class="meta">(1 point)</span></legend>
              <div class="prose quiz-prompt"><p>Prompt</p></div>
              <ul class="quiz-choices">
                <li><input type="radio" id="q-k7-a" name="q-k7" value="a"><label for="q-k7-a">Greedy</label></li>
                <li><input type="radio" id="q-k7-b" name="q-k7" value="b" checked><label for="q-k7-b">Beam</label></li>
              </ul>
              <details class="quiz-hint"><summary>Hint</summary><div class="prose"><p>Think.</p></div></details>
            </fieldset>
            """);
    }

    [Fact]
    public void ChoiceQuestion_TrueFalse_RadiosNoSelectAllNote()
    {
        var q = Public(QuestionType.TrueFalse, [Option("t", "True"), Option("f", "False")]);

        var cut = Render<ChoiceQuestion>(ps => ps.Add(p => p.Question, q));

        cut.MarkupMatches("""
            <ul class="quiz-choices">
              <li><input type="radio" id="q-k7-t" name="q-k7" value="t"><label for="q-k7-t">True</label></li>
              <li><input type="radio" id="q-k7-f" name="q-k7" value="f"><label for="q-k7-f">False</label></li>
            </ul>
            """);
    }

    [Fact]
    public void ChoiceQuestion_MultipleAnswers_CheckboxesWithInstruction()
    {
        var q = Public(QuestionType.MultipleAnswers, [Option("a", "LoRA"), Option("b", "Adapters")]);

        var cut = Render<ChoiceQuestion>(ps => ps.Add(p => p.Question, q).Add(p => p.Response, new ChoiceResponse(["a", "b"])));

        cut.MarkupMatches("""
            <p class="meta">Select every answer that applies.</p>
            <ul class="quiz-choices">
              <li><input type="checkbox" id="q-k7-a" name="q-k7" value="a" checked><label for="q-k7-a">LoRA</label></li>
              <li><input type="checkbox" id="q-k7-b" name="q-k7" value="b" checked><label for="q-k7-b">Adapters</label></li>
            </ul>
            """);
    }

    [Fact]
    public void ShortTextQuestion_Attempt_LabelledInputKeepsSavedText()
    {
        var cut = Render<ShortTextQuestion>(ps => ps.Add(p => p.Question, Public(QuestionType.ShortText)).Add(p => p.Response, new TextResponse("top-p \"nucleus\"")));

        cut.MarkupMatches("""
            <p><label for="q-k7">Your answer</label>
            <input type="text" id="q-k7" name="q-k7" value="top-p &quot;nucleus&quot;" autocomplete="off" spellcheck="false" maxlength="500"></p>
            """);
    }

    [Fact]
    public void NumericQuestion_Attempt_DecimalInputMode()
    {
        var cut = Render<NumericQuestion>(ps => ps.Add(p => p.Question, Public(QuestionType.Numeric)));

        cut.MarkupMatches("""
            <p><label for="q-k7">Your answer (a number)</label>
            <input type="text" inputmode="decimal" id="q-k7" name="q-k7" value="" autocomplete="off" maxlength="60"></p>
            """);
    }

    [Fact]
    public void EssayQuestion_Attempt_TextareaWithLimitAndSavedText()
    {
        var cut = Render<EssayQuestion>(ps => ps.Add(p => p.Question, Public(QuestionType.Essay)).Add(p => p.Response, new TextResponse("<b>mine</b>")));

        cut.MarkupMatches($"""
            <p class="quiz-essay"><label for="q-k7">Your answer</label>
            <textarea id="q-k7" name="q-k7" rows="12" maxlength="{ResponseBounds.MaxEssayLength}" spellcheck="true">&lt;b&gt;mine&lt;/b&gt;</textarea></p>
            <p class="meta">Up to {ResponseBounds.MaxEssayLength:N0} characters. An instructor grades this answer after you hand the attempt in.</p>
            """);
    }

    [Fact]
    public void MatchingQuestion_Attempt_OneLabelledSelectPerLeftItem()
    {
        var q = Public(QuestionType.Matching, lefts: [Option("l1", "SFT")], options: [Option("o1", "labels"), Option("o2", "rewards")]);

        var cut = Render<MatchingQuestion>(ps => ps.Add(p => p.Question, q).Add(p => p.Response, new MatchingResponse(new Dictionary<string, string> { ["l1"] = "o2" })));

        cut.MarkupMatches("""
            <div class="quiz-matching">
              <div class="quiz-pair">
                <label for="q-k7-l1">SFT</label>
                <select id="q-k7-l1" name="q-k7-l1">
                  <option value="">Choose…</option>
                  <option value="o1">labels</option>
                  <option value="o2" selected>rewards</option>
                </select>
              </div>
            </div>
            """);
    }

    [Fact]
    public void OrderingQuestion_Attempt_OneLabelledSelectPerPosition()
    {
        var q = Public(QuestionType.Ordering, items: [Option("i1", "tokenize"), Option("i2", "sample")]);

        var cut = Render<OrderingQuestion>(ps => ps.Add(p => p.Question, q).Add(p => p.Response, new OrderingResponse(["i1", ""])));

        cut.MarkupMatches("""
            <p class="meta">Put the items in order: choose the item for each position.</p>
            <ol class="quiz-ordering">
              <li><label for="q-k7-1">Position 1</label>
                <select id="q-k7-1" name="q-k7-1"><option value="">Choose…</option><option value="i1" selected>tokenize</option><option value="i2">sample</option></select></li>
              <li><label for="q-k7-2">Position 2</label>
                <select id="q-k7-2" name="q-k7-2"><option value="">Choose…</option><option value="i1">tokenize</option><option value="i2">sample</option></select></li>
            </ol>
            """);
    }

    // Authored questions whose right answers are marked "SECRET", so a leak shows up in the markup.
    public static TheoryData<Question, QuestionResponse?> AuthoredQuestions => new()
    {
        { Authored(QuestionType.SingleChoice) with { Choices = [new("a", "wrong", "wrong", false, "<p>SECRET feedback</p>"), new("b", "SECRET right", "SECRET right", true, null)] }, new ChoiceResponse(["a"]) },
        { Authored(QuestionType.TrueFalse) with { Choices = [new("t", "True", "True", false, null), new("f", "SECRET False", "SECRET False", true, null)] }, null },
        { Authored(QuestionType.MultipleAnswers) with { Choices = [new("a", "SECRET one", "SECRET one", true, null), new("b", "no", "no", false, null)] }, new ChoiceResponse(["b"]) },
        { Authored(QuestionType.ShortText) with { AcceptedAnswers = ["SECRET answer"] }, new TextResponse("guess") },
        { Authored(QuestionType.Numeric) with { Numeric = new NumericAnswer(4242, 0.5) }, new NumericResponse("1") },
        { Authored(QuestionType.Matching) with { Pairs = [new("SFT", "SECRET labels"), new("RLHF", "SECRET rewards")] }, null },
        { Authored(QuestionType.Ordering) with { OrderedItems = ["SECRET first", "SECRET second"] }, null },
        { Authored(QuestionType.Essay), new TextResponse("my essay") },
    };

    private static Question Authored(QuestionType type) => new()
    {
        Id = "q1", Type = type, Title = "T", PromptHtml = "<p>Prompt</p>", ExplanationHtml = "<p>SECRET explanation</p>",
    };

    [Theory]
    [MemberData(nameof(AuthoredQuestions))]
    public void QuestionReviewCard_NothingRevealed_CarriesNoAnswerData(Question question, QuestionResponse? response)
    {
        var review = ReviewBuilder.Build(question, "k7", 1, shuffleChoices: false, seed: 1, response, ReviewOptions.Nothing);

        var cut = Render<QuestionReviewCard>(ps => ps.Add(p => p.Review, review));

        Assert.DoesNotContain("SECRET", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("4242", cut.Markup, StringComparison.Ordinal);
        // "Waiting for grading" on an answered essay tells nothing of the mark, so it may stay.
        Assert.Empty(cut.FindAll(".quiz-answer, .quiz-explanation, .quiz-feedback, .quiz-mark:not(.quiz-needs-grading), input, select, textarea"));
        Assert.Equal("review-k7", cut.Find("section").GetAttribute("aria-labelledby"));
    }

    [Theory]
    [MemberData(nameof(AuthoredQuestions))]
    public void QuestionReviewCard_EverythingRevealed_ShowsRightAnswerAndExplanation(Question question, QuestionResponse? response)
    {
        var review = ReviewBuilder.Build(question, "k7", 1, shuffleChoices: false, seed: 1, response, new ReviewOptions(true, true, true, true, true));

        var cut = Render<QuestionReviewCard>(ps => ps.Add(p => p.Review, review));

        Assert.Contains("SECRET explanation", cut.Find(".quiz-explanation").TextContent, StringComparison.Ordinal);
        if (question.Type == QuestionType.Essay)
        {
            // An essay has no right answer; it waits for the instructor.
            Assert.Empty(cut.FindAll(".quiz-answer"));
            Assert.Equal("Waiting for grading", cut.Find(".quiz-needs-grading").TextContent);
        }
        else
        {
            Assert.Contains(question.Type == QuestionType.Numeric ? "4242 ± 0.5" : "SECRET", cut.Find(".quiz-answer").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void QuestionReviewCard_WrongChoiceMarked_HeadingMarkAndAnswers()
    {
        var question = Authored(QuestionType.SingleChoice) with { ExplanationHtml = null, Choices = [new("a", "Greedy", "Greedy", false, null), new("b", "Beam", "Beam", true, null)] };
        var review = ReviewBuilder.Build(question, "k7", 3, shuffleChoices: false, seed: 1, new ChoiceResponse(["a"]), new ReviewOptions(true, true, true, false, false));

        var cut = Render<QuestionReviewCard>(ps => ps.Add(p => p.Review, review));

        cut.MarkupMatches("""
            <section class="quiz-question card quiz-review quiz-incorrect" aria-labelledby="review-k7">
              <h2 id="review-k7" class="quiz-review-heading">Question 3 <span class="quiz-mark">Incorrect: 0 / 1</span></h2>
              <div class="prose quiz-prompt"><p>Prompt</p></div>
              <p><strong>Your answer:</strong> Greedy</p>
              <div class="quiz-answer"><strong>Right answer:</strong> Beam</div>
            </section>
            """);
    }

    [Fact]
    public void YourAnswer_NothingGiven_SaysNotAnswered()
    {
        var cut = Render<ShortTextQuestion>(ps => ps.Add(p => p.Question, Public(QuestionType.ShortText))
            .Add(p => p.Review, new QuestionReview(Public(QuestionType.ShortText), null, null, null, null, [])));

        cut.MarkupMatches("""<p><strong>Your answer:</strong> <span class="meta">not answered</span></p>""");
    }

    [Fact]
    public void EssayQuestion_Review_KeepsLearnerTextEncoded()
    {
        var q = Public(QuestionType.Essay);
        var cut = Render<EssayQuestion>(ps => ps.Add(p => p.Question, q).Add(p => p.Response, new TextResponse("<script>x</script>"))
            .Add(p => p.Review, new QuestionReview(q, new TextResponse("<script>x</script>"), null, null, null, [])));

        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("<script>x</script>", cut.Find(".quiz-essay-answer").TextContent);
    }
}
