using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

/// <summary>A quiz with one question of every type, built by hand (the Markdown parser is written elsewhere).</summary>
internal static class SampleQuiz
{
    public static Choice C(string id, string text, bool correct, string? feedback = null) =>
        new(id, $"<em>{text}</em>", text, correct, feedback);

    public static Question Single { get; } = new()
    {
        Id = "what-changes",
        Type = QuestionType.SingleChoice,
        Title = "What does fine-tuning change?",
        PromptHtml = "<p>What does fine-tuning change?</p>",
        Points = 2,
        Choices =
        [
            C("c-vocab", "The tokenizer vocabulary", false, "<p>FEEDBACK-VOCAB stays as it was</p>"),
            C("c-weights", "The weights", true, "<p>FEEDBACK-WEIGHTS yes</p>"),
            C("c-context", "The context window", false),
        ],
        ExplanationHtml = "<p>EXPLANATION-SINGLE training adjusts weights</p>",
    };

    public static Question Multiple { get; } = new()
    {
        Id = "sampling-knobs",
        Type = QuestionType.MultipleAnswers,
        Title = "Which are sampling parameters?",
        PromptHtml = "<p>Which are sampling parameters?</p>",
        Choices =
        [
            C("m-temp", "Temperature", true),
            C("m-topp", "Top-p", true),
            C("m-topk", "Top-k", true),
            C("m-lr", "Learning rate", false, "<p>FEEDBACK-LR that is training</p>"),
            C("m-bs", "Batch size", false),
        ],
        ExplanationHtml = "<p>EXPLANATION-MULTIPLE</p>",
    };

    public static Question TrueFalse { get; } = new()
    {
        Id = "lora-freezes",
        Type = QuestionType.TrueFalse,
        Title = "LoRA freezes the base weights.",
        PromptHtml = "<p>LoRA freezes the base weights.</p>",
        Choices = [C("tf-true", "True", true), C("tf-false", "False", false)],
    };

    public static Question Short { get; } = new()
    {
        Id = "acronym",
        Type = QuestionType.ShortText,
        Title = "What does SFT stand for?",
        PromptHtml = "<p>What does SFT stand for?</p>",
        AcceptedAnswers = ["Supervised fine-tuning", "supervised finetuning"],
        AcceptedPattern = "supervised[- ]?fine[- ]?tun(e|ing)",
        ExplanationHtml = "<p>EXPLANATION-SHORT</p>",
    };

    public static Question Numeric { get; } = new()
    {
        Id = "pi",
        Type = QuestionType.Numeric,
        Title = "Give pi to two decimals",
        PromptHtml = "<p>Give pi to two decimals</p>",
        Numeric = new NumericAnswer(3.14159, 0.01),
    };

    public static Question Matching { get; } = new()
    {
        Id = "match-terms",
        Type = QuestionType.Matching,
        Title = "Match the terms",
        PromptHtml = "<p>Match the terms</p>",
        Pairs =
        [
            new MatchPair("Temperature", "Flattens or sharpens the distribution"),
            new MatchPair("Top-k", "Keeps the k likeliest tokens"),
            new MatchPair("Top-p", "Keeps tokens up to a cumulative probability"),
            new MatchPair("Greedy", "Always the likeliest token"),
        ],
    };

    public static Question Ordering { get; } = new()
    {
        Id = "ift-steps",
        Type = QuestionType.Ordering,
        Title = "Put the steps in order",
        PromptHtml = "<p>Put the steps in order</p>",
        OrderedItems = ["Prepare the dataset", "Split it", "Compute the loss", "Update the weights"],
    };

    public static Quiz Create(QuizSettings? settings = null) => new()
    {
        Id = "sample-quiz",
        Title = "Sample quiz",
        Kind = ItemKind.Quiz,
        SourceFile = "weeks/01-x/02-quiz.md",
        Markdown = "",
        Revision = "0000000000000000",
        Settings = settings ?? QuizSettings.Default,
        Questions = [Single, Multiple, TrueFalse, Short, Numeric, Matching, Ordering],
    };

    public static string Id(string text) => QuizIds.ForText(text);
}
