using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Study;

/// <summary>A small deck about sampling parameters for the study-mode tests.</summary>
internal static class StudyDeck
{
    public static IReadOnlyList<Card> Cards { get; } =
    [
        Make("temperature", "What does temperature scale?", "The logits before the softmax. Higher flattens the distribution.", "The logits before softmax"),
        Make("top-p", "What does top-p keep?", "The smallest set of tokens whose probabilities sum to at least p.", "Smallest set reaching probability p"),
        Make("top-k", "What does top-k keep?", "The k most probable tokens.", "The k most probable tokens"),
        Make("lora", "What does LoRA train?", "Low-rank update matrices added to frozen weights.", "Low-rank update matrices"),
        Make("sft", "What is SFT?", "Supervised fine-tuning on prompt–response pairs.", "Supervised fine-tuning"),
        Make("greedy", "Which decoding always takes the most likely token?", "Greedy decoding.", "Greedy decoding"),
    ];

    public static Card Make(string id, string question, string answer, string shortAnswer) =>
        new(id, question, $"<p>{answer}</p>", answer, shortAnswer);

    public static Card Get(string id) => Cards.Single(c => c.Id == id);
}
