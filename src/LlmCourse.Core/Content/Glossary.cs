namespace LlmCourse.Core.Content;

/// <summary>One term of the glossary, from a <c>## Term {#id}</c> section of <c>glossary.md</c>.</summary>
/// <param name="Id">Stable id: the term's anchor on the glossary page (<c>/glossary#id</c>).</param>
/// <param name="Term">The term as its heading writes it.</param>
/// <param name="Aliases">Other spellings that count as a use of the term (the optional <c>Also:</c> line).</param>
/// <param name="DefinitionHtml">The definition, rendered.</param>
/// <param name="DefinitionText">The definition as plain text.</param>
/// <param name="Summary">The definition's first sentence: what a term's tooltip says.</param>
/// <param name="Line">Line of the term's heading in <c>glossary.md</c>.</param>
public sealed record GlossaryTerm(
    string Id,
    string Term,
    IReadOnlyList<string> Aliases,
    string DefinitionHtml,
    string DefinitionText,
    string Summary,
    int Line)
{
    /// <summary>The letter the glossary page files the term under: its first letter or digit, upper-cased.</summary>
    public string Letter
    {
        get
        {
            foreach (var c in Term)
            {
                if (char.IsLetterOrDigit(c))
                {
                    return char.ToUpperInvariant(c).ToString();
                }
            }

            return "#";
        }
    }
}

/// <summary>
/// The course's glossary (<c>glossary.md</c> beside <c>course.md</c>): every key term defined once. Parsed once per
/// content revision; notes, lecture slides and flashcards link the first use of each term to it when they are parsed.
/// </summary>
public sealed class Glossary
{
    private readonly Dictionary<string, GlossaryTerm> _byId;

    internal Glossary(string title, string summary, string introHtml, IReadOnlyList<GlossaryTerm> terms, string revision)
    {
        Title = title;
        Summary = summary;
        IntroHtml = introHtml;
        Revision = revision;
        Terms = [.. terms.OrderBy(t => t.Term, Alphabetical).ThenBy(t => t.Id, StringComparer.Ordinal)];
        _byId = Terms.ToDictionary(t => t.Id, StringComparer.Ordinal);
        Matcher = new GlossaryMatcher(Terms);
    }

    /// <summary>No terms: what a course without <c>glossary.md</c> has. Nothing is linked.</summary>
    public static Glossary Empty { get; } = new("Glossary", "", "", [], "");

    public string Title { get; }

    /// <summary>Plain-text one-liner from the front matter, may be empty.</summary>
    public string Summary { get; }

    /// <summary>Text before the first term, rendered (may be empty).</summary>
    public string IntroHtml { get; }

    /// <summary>Every term, in alphabetical order (ignoring case).</summary>
    public IReadOnlyList<GlossaryTerm> Terms { get; }

    /// <summary>Content hash of <c>glossary.md</c>; empty for <see cref="Empty"/>. Items linked to terms are parsed again when it changes.</summary>
    public string Revision { get; }

    internal GlossaryMatcher Matcher { get; }

    /// <summary>Alphabetical order of terms: compared ignoring case, so "BLEU" files before "catastrophic forgetting".</summary>
    public static StringComparer Alphabetical => StringComparer.OrdinalIgnoreCase;

    public GlossaryTerm? Find(string id) => _byId.GetValueOrDefault(id);
}
