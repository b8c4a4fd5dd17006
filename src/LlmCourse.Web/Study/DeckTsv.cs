using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Web.Study;

/// <summary>A problem on one line of an imported TSV file (1-based line number).</summary>
public sealed record TsvError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>
/// How pasted cards are separated, as flashcard sites (Quizlet's "Import") offer: between the term and its definition
/// a tab, a comma or any text; between cards a line break, a semicolon or any text. With a tab each line must hold
/// exactly one; with any other separator the first one ends the term, so definitions may hold commas.
/// </summary>
public sealed record DeckTextFormat(string TermSeparator, string CardSeparator)
{
    public const string Tab = "\t";
    public const string NewLine = "\n";

    /// <summary>Term TAB definition, one card a line: TSV.</summary>
    public static DeckTextFormat Tsv { get; } = new(Tab, NewLine);

    /// <summary>The separator itself, with the escapes <c>\t</c> and <c>\n</c> read as a tab and a line break.</summary>
    public string Term => Unescape(TermSeparator);

    public string Card => Unescape(CardSeparator);

    public bool ByLine => Card == "\n";

    /// <summary>The choices a paste form offers between term and definition, as form values and labels.</summary>
    public static IReadOnlyList<(string Value, string Label)> TermChoices { get; } = [("tab", "Tab"), ("comma", "Comma"), ("custom", "Custom")];

    /// <summary>The choices a paste form offers between cards.</summary>
    public static IReadOnlyList<(string Value, string Label)> CardChoices { get; } = [("newline", "New line"), ("semicolon", "Semicolon"), ("custom", "Custom")];

    /// <summary>The format a paste form's choices name (a custom separator must not be empty), or null.</summary>
    public static DeckTextFormat? FromChoices(string? between, string? customBetween, string? cards, string? customCards)
    {
        var term = between switch
        {
            "tab" => Tab,
            "comma" => ",",
            "custom" when !string.IsNullOrEmpty(customBetween) => customBetween,
            _ => null,
        };
        var card = cards switch
        {
            "newline" => NewLine,
            "semicolon" => ";",
            "custom" when !string.IsNullOrEmpty(customCards) => customCards,
            _ => null,
        };
        return term is null || card is null ? null : new DeckTextFormat(term, card);
    }

    private static string Unescape(string text) => text.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
}

/// <summary>The result of an import: the deck Markdown when there were no errors.</summary>
public sealed record DeckImport(string? Markdown, int Cards, IReadOnlyList<TsvError> Errors)
{
    public bool Succeeded => Errors.Count == 0 && Markdown is not null;
}

/// <summary>One card of a paste: its number (line or card) and its two sides.</summary>
public sealed record PastedCard(int Number, string Term, string Definition);

/// <summary>The cards of a paste when it had no errors, else the errors.</summary>
public sealed record DeckPaste(IReadOnlyList<PastedCard> Cards, IReadOnlyList<TsvError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Decks as tab-separated <c>term&lt;TAB&gt;definition</c> lines (the format flashcard sites import and export).
/// Import writes a deck in the authoring format of docs/authoring.md; export writes a deck's cards back as TSV.
/// Pure: no files, no clock.
/// </summary>
public static class DeckTsv
{
    /// <summary>Most characters in an imported card id.</summary>
    public const int MaxIdLength = 60;

    /// <summary>Each card as "question TAB answer" (the answer's plain text; tabs and line breaks become spaces).</summary>
    public static string Export(Deck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var builder = new StringBuilder();
        foreach (var card in deck.Cards)
        {
            builder.Append(Flatten(card.Question)).Append('\t').Append(Flatten(card.AnswerText)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Builds a deck's Markdown from TSV; every malformed line is reported with its number.</summary>
    public static DeckImport Import(string tsv, string title) => Import(tsv, title, DeckTextFormat.Tsv);

    /// <summary>
    /// Builds a deck's Markdown from pasted cards separated as <paramref name="format"/> says; every malformed card is
    /// reported with its number (its line number when cards are separated by line breaks).
    /// </summary>
    public static DeckImport Import(string tsv, string title, DeckTextFormat format)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        ArgumentNullException.ThrowIfNull(format);
        if (SeparatorProblem(format) is { } separators)
        {
            return new DeckImport(null, 0, [separators]);
        }

        var paste = Parse(tsv, format);

        var errors = new List<TsvError>();
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(new TsvError(1, "The deck needs a title (--title)."));
        }

        errors.AddRange(paste.Errors);
        if (errors.Count > 0)
        {
            return new DeckImport(null, 0, errors);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cards = paste.Cards.Select(c => (Id: UniqueId(Slug(c.Term), ids), c.Term, c.Definition)).ToList();
        var md = new StringBuilder();
        md.Append("---\nkind: deck\ntitle: \"").Append(YamlEscape(title.Trim())).Append("\"\n---\n");
        foreach (var (id, term, definition) in cards)
        {
            md.Append("\n## ").Append(EscapeInline(term)).Append(" {#").Append(id).Append("}\n\n");
            md.Append(EscapeBlockStart(EscapeInline(definition))).Append('\n');
        }

        return new DeckImport(md.ToString(), cards.Count, []);
    }

    /// <summary>
    /// The cards of a paste separated as <paramref name="format"/> says, term and definition trimmed (and, when cards
    /// are not one a line, kept on one line); every malformed card is reported with its number instead. A paste with
    /// no card at all is an error.
    /// </summary>
    public static DeckPaste Parse(string text, DeckTextFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(format);
        if (SeparatorProblem(format) is { } separators)
        {
            return new DeckPaste([], [separators]);
        }

        var errors = new List<TsvError>();
        var termSeparator = format.Term;
        var cardSeparator = format.Card;
        var tab = termSeparator == "\t";

        var cards = new List<PastedCard>();
        var terms = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split(cardSeparator);
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = i == 0 ? lines[i].TrimStart('\uFEFF') : lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = tab ? line.Split('\t') : line.Split(termSeparator, 2);
            if (parts.Length < 2)
            {
                errors.Add(new TsvError(number, tab
                    ? "No tab: write the term, a tab, then the definition."
                    : $"No '{termSeparator}': write the term, '{termSeparator}', then the definition."));
                continue;
            }

            if (parts.Length > 2)
            {
                errors.Add(new TsvError(number, $"{parts.Length - 1} tabs: a line holds exactly one (term TAB definition)."));
                continue;
            }

            // Cards separated by something else than a line break may span lines; a card is one line of text.
            var term = format.ByLine ? parts[0].Trim() : Flatten(parts[0]);
            var definition = format.ByLine ? parts[1].Trim() : Flatten(parts[1]);
            if (term.Length == 0)
            {
                errors.Add(new TsvError(number, "The term (before the tab) is empty."));
                continue;
            }

            if (definition.Length == 0)
            {
                errors.Add(new TsvError(number, $"The definition of '{term}' is empty."));
                continue;
            }

            if (!terms.TryAdd(term, number))
            {
                errors.Add(new TsvError(number, $"The term '{term}' is already on line {terms[term]}."));
                continue;
            }

            cards.Add(new PastedCard(number, term, definition));
        }

        if (errors.Count == 0 && cards.Count == 0)
        {
            errors.Add(new TsvError(1, "The file has no cards."));
        }

        return errors.Count > 0 ? new DeckPaste([], errors) : new DeckPaste(cards, []);
    }

    /// <summary>Lower-case letters, digits and hyphens, as card ids must be.</summary>
    public static string Slug(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > MaxIdLength)
        {
            slug = slug[..MaxIdLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "card" : slug;
    }

    private static TsvError? SeparatorProblem(DeckTextFormat format) =>
        format.Term.Length == 0 || format.Card.Length == 0 || format.Term == format.Card
            ? new TsvError(1, "Choose two different, non-empty separators: one between term and definition, one between cards.")
            : null;

    private static string UniqueId(string slug, HashSet<string> used)
    {
        var id = slug;
        for (var n = 2; !used.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }

    private static string Flatten(string text) =>
        string.Join(' ', text.Split(['\t', '\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    // Characters that would start emphasis, code, links, raw HTML, attributes or table cells are escaped, so the
    // imported text reads back exactly as typed.
    private static string EscapeInline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '{' or '}' or '|' or '#' or '!' or '~')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // A definition starting like a list item, quote or heading would become one.
    private static string EscapeBlockStart(string text)
    {
        if (text.Length > 0 && text[0] is '-' or '+' or '=')
        {
            return "\\" + text;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < text.Length && text[digits] is '.' or ')'
            ? text[..digits] + "\\" + text[digits..]
            : text;
    }

    private static string YamlEscape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
