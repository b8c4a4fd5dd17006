using System.Text.RegularExpressions;

namespace LlmCourse.Web.Lab;

/// <summary>One tool of the Lab.</summary>
public sealed record LabTool(string Id, string Title, string Url, string Summary, string ApiPath);

/// <summary>The Lab's tools in the order the index lists them.</summary>
public static class LabTools
{
    public static LabTool Sampling { get; } = new(
        "sampling", "Sampling playground", "/lab/sampling",
        "See how temperature, top-k and top-p reshape a language model's next-token distribution, and sample continuations.",
        "/api/v1/lab/sampling");

    public static LabTool Evaluation { get; } = new(
        "evaluation", "Evaluation lab", "/lab/evaluation",
        "Score predictions with accuracy, and generated text with ROUGE and BLEU, with every count shown.",
        "/api/v1/lab/text-metrics");

    public static LabTool Economics { get; } = new(
        "economics", "Fine-tuning economics", "/lab/economics",
        "When does a one-time fine-tuning cost beat sending a long prompt with every request?",
        "/api/v1/lab/break-even");

    public static LabTool Peft { get; } = new(
        "peft", "PEFT / LoRA calculator", "/lab/peft",
        "How many parameters LoRA trains, and how much memory full fine-tuning and LoRA need.",
        "/api/v1/lab/peft");

    public static IReadOnlyList<LabTool> All { get; } = [Sampling, Evaluation, Economics, Peft];
}

/// <summary>A pointer from a place in the course to a tool.</summary>
/// <param name="Week">Week number.</param>
/// <param name="ItemId">Item id within the week.</param>
/// <param name="Anchor">Section anchor (notes heading id) or card id; null for a whole item or a slide.</param>
/// <param name="Slide">Slide number for lectures; null otherwise.</param>
/// <param name="Tool">The tool.</param>
/// <param name="Text">Why to open it, in a few words.</param>
/// <param name="Query">Query string (without "?") that opens the tool on an example fitting the place.</param>
public sealed record LabLink(int Week, string ItemId, string? Anchor, int? Slide, LabTool Tool, string Text, string Query = "")
{
    public string Href => Query.Length == 0 ? Tool.Url : $"{Tool.Url}?{Query}";
}

/// <summary>
/// Which slides, note sections and cards explain a tool's concept. Kept here, beside the tools, rather than
/// in the Markdown, so authors write prose and the site decides where the Lab helps; a link whose place no
/// longer exists in the content simply is not shown.
/// </summary>
public static partial class LabLinks
{
    public static IReadOnlyList<LabLink> All { get; } =
    [
        new(7, "flashcards", "sampling-parameters", null, LabTools.Sampling,
            "Move the temperature, top-p and max tokens and watch the next-token distribution change.",
            "temperature=0.1&topP=1&maxTokens=20"),
        new(2, "class-notes", "terms-unigrams-bigrams-and-n-grams", null, LabTools.Sampling,
            "The playground's model is a trigram (3-gram) model trained on this course's text: see what it predicts."),
        new(2, "class-notes", "model-evaluation-metrics", null, LabTools.Evaluation,
            "Compute accuracy, ROUGE and BLEU on your own examples, step by step."),
        new(2, "class-notes", "parameter-efficient-fine-tuning-peft", null, LabTools.Peft,
            "Count how few parameters LoRA trains compared with full fine-tuning, and the memory it saves."),
        new(7, "lecture", null, 6, LabTools.Economics,
            "Work out when fine-tuning's one-time cost pays for itself against a long prompt sent every time."),
    ];

    public static IReadOnlyList<LabLink> ForSlide(int week, string itemId, int slide) =>
        [.. All.Where(l => l.Week == week && l.ItemId == itemId && l.Slide == slide)];

    public static IReadOnlyList<LabLink> ForAnchor(int week, string itemId, string anchor) =>
        [.. All.Where(l => l.Week == week && l.ItemId == itemId && l.Anchor == anchor)];

    /// <summary>Links for sections of an item, in map order.</summary>
    public static IReadOnlyList<LabLink> ForItem(int week, string itemId) =>
        [.. All.Where(l => l.Week == week && l.ItemId == itemId && l.Anchor is not null)];

    /// <summary>
    /// Cuts rendered notes where each linked section ends (just before the next heading of the same or a higher
    /// level), so the page can put that section's asides there. <paramref name="html"/> is the pipeline's own
    /// output, whose headings carry <c>id</c> attributes; sections that are not found get no aside. The parts,
    /// joined, are the notes unchanged.
    /// </summary>
    public static IReadOnlyList<NotesPart> SplitNotes(string html, IEnumerable<LabLink> links)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(links);
        var headings = Heading().Matches(html);
        var cuts = new SortedDictionary<int, List<LabLink>>();
        foreach (var group in links.GroupBy(l => l.Anchor))
        {
            var heading = headings.FirstOrDefault(m => m.Groups["id"].Value == group.Key);
            if (heading is null)
            {
                continue;
            }

            var level = heading.Groups["level"].Value[0];
            var end = headings
                .Where(m => m.Index > heading.Index && m.Groups["level"].Value[0] <= level)
                .Select(m => m.Index)
                .DefaultIfEmpty(html.Length)
                .First();
            if (!cuts.TryGetValue(end, out var at))
            {
                cuts[end] = at = [];
            }

            at.AddRange(group);
        }

        var parts = new List<NotesPart>();
        var from = 0;
        foreach (var (end, asides) in cuts)
        {
            parts.Add(new NotesPart(html[from..end], asides));
            from = end;
        }

        if (from < html.Length || parts.Count == 0)
        {
            parts.Add(new NotesPart(html[from..], []));
        }

        return parts;
    }

    [GeneratedRegex("""<h(?<level>[1-6])\b[^>]*\bid="(?<id>[^"]+)"[^>]*>""")]
    private static partial Regex Heading();
}

/// <summary>A run of rendered notes followed by the Lab asides of the section it closes.</summary>
public sealed record NotesPart(string Html, IReadOnlyList<LabLink> Asides);
