using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class ResponseBoundsTests
{
    public static TheoryData<string, QuestionResponse, bool> Cases => new()
    {
        // Choices: ids must be the question's own, at most one for single choice, no repeats, no flood.
        { "what-changes", new ChoiceResponse(["c-weights"]), true },
        { "what-changes", new ChoiceResponse([]), true },
        { "what-changes", new ChoiceResponse(["c-weights", "c-vocab"]), false },
        { "what-changes", new ChoiceResponse(["nope"]), false },
        { "sampling-knobs", new ChoiceResponse(["m-temp", "m-topp", "m-lr"]), true },
        { "sampling-knobs", new ChoiceResponse(["m-temp", "m-temp"]), false },
        { "sampling-knobs", new ChoiceResponse([.. Enumerable.Range(0, 20_000).Select(i => $"x{i}")]), false },
        { "lora-freezes", new ChoiceResponse(["tf-true"]), true },
        { "lora-freezes", new ChoiceResponse(["tf-true", "tf-false"]), false },

        // Text: bounded, and well-formed UTF-16.
        { "acronym", new TextResponse("supervised fine-tuning"), true },
        { "acronym", new TextResponse(new string('a', ResponseBounds.MaxTextLength)), true },
        { "acronym", new TextResponse(new string('a', ResponseBounds.MaxTextLength + 1)), false },
        { "acronym", new TextResponse(new string('a', 5_000_000)), false },
        { "acronym", new TextResponse("\ud800x"), false },
        { "acronym", new TextResponse("x\udc00"), false },
        { "acronym", new TextResponse("emoji 😀 fine"), true },
        { "pi", new NumericResponse("3.14"), true },
        { "pi", new NumericResponse(new string('9', ResponseBounds.MaxNumericLength + 1)), false },

        // Matching: known items and options, no more picks than items.
        { "match-terms", new MatchingResponse(new Dictionary<string, string> { [SampleQuiz.Id("Temperature")] = SampleQuiz.Id("Always the likeliest token") }), true },
        { "match-terms", new MatchingResponse(new Dictionary<string, string> { ["made-up"] = SampleQuiz.Id("Always the likeliest token") }), false },
        { "match-terms", new MatchingResponse(new Dictionary<string, string> { [SampleQuiz.Id("Temperature")] = "made-up" }), false },

        // Ordering: every position (blank ones allowed, as the page sends them) or none; only the question's items.
        { "ift-steps", new OrderingResponse([]), true },
        { "ift-steps", new OrderingResponse([SampleQuiz.Id("Split it"), "", SampleQuiz.Id("Split it"), SampleQuiz.Id("Compute the loss")]), true },
        { "ift-steps", new OrderingResponse([SampleQuiz.Id("Split it")]), false },
        { "ift-steps", new OrderingResponse([.. Enumerable.Repeat(SampleQuiz.Id("Split it"), 5)]), false },
        { "ift-steps", new OrderingResponse(["a", "b", "c", "d"]), false },

        // The shape must be the one the question's type takes.
        { "what-changes", new TextResponse("The weights"), false },
        { "acronym", new ChoiceResponse(["c-weights"]), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Problem_AnswerAgainstItsQuestion(string questionId, QuestionResponse response, bool accepted)
    {
        var question = SampleQuiz.Create().Questions.Single(q => q.Id == questionId);

        var problem = ResponseBounds.Problem(question, response);

        Assert.True(accepted == (problem is null), problem ?? "accepted, but should have been refused");
    }

    [Fact]
    public void Problem_TooLong_SaysTheLimit() =>
        Assert.Contains("500", ResponseBounds.Problem(SampleQuiz.Short, new TextResponse(new string('a', 600))), StringComparison.Ordinal);
}
