using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>A small glossary for the linking tests, and a way to parse items against it.</summary>
internal static class GlossaryFixtures
{
    public const string Text = """
        ---
        title: Glossary
        summary: Key terms.
        ---
        Terms of the course.

        ## Temperature {#temperature}

        Also: sampling temperature

        A sampling parameter that scales how random the next token is. Low is focused.

        ## Top-p {#top-p}

        Also: nucleus sampling

        Keeps the smallest set of tokens whose probabilities reach p.

        ## Fine-tuning {#fine-tuning}

        Also: fine-tuned

        Training a pre-trained model further on labelled examples.

        ## Instruction fine-tuning {#instruction-fine-tuning}

        Fine-tuning on examples of instructions and their answers.

        ## In-context learning {#in-context-learning}

        Also: ICL

        Teaching a task inside the prompt.

        ## GLUE {#glue}

        A benchmark of nine sentence-understanding tasks.

        ## LoRA {#lora}

        Also: low-rank adaptation

        A parameter-efficient method that learns small low-rank matrices.

        ## N-gram {#n-gram}

        Also: n-grams

        A run of n consecutive words.

        ## Maximum tokens {#max-tokens}

        Also: max tokens, max_tokens

        The cap on how many tokens the model may generate.
        """;

    public static Glossary Glossary { get; } = Parse(Text);

    public static Glossary Parse(string text)
    {
        var (glossary, errors) = GlossaryParser.Parse(new ContentFile("glossary.md", text.ReplaceLineEndings("\n")));
        Assert.True(errors.Count == 0, "Unexpected errors:\n" + string.Join('\n', errors));
        return glossary!;
    }

    public static IReadOnlyList<ContentError> Errors(string text)
    {
        var (glossary, errors) = GlossaryParser.Parse(new ContentFile("glossary.md", text.ReplaceLineEndings("\n")));
        Assert.Null(glossary);
        Assert.NotEmpty(errors);
        return errors;
    }

    /// <summary>Parses an item against <see cref="Glossary"/>; it must be free of errors.</summary>
    public static T Item<T>(string text, string fileId = "item")
        where T : CourseItem
    {
        var parsed = ItemParser.Parse(new ContentFile(Fixtures.ItemPath, text.ReplaceLineEndings("\n")), fileId, glossary: Glossary);
        Assert.True(parsed.Errors.Count == 0, "Unexpected errors:\n" + string.Join('\n', parsed.Errors));
        return Assert.IsType<T>(parsed.Item);
    }

    public static Notes Notes(string body) => Item<Notes>($"---\nkind: notes\ntitle: T\n---\n{body}\n", "notes");
}
