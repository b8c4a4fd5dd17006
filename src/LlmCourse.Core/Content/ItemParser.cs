namespace LlmCourse.Core.Content;

/// <summary>What every item's front matter gives, already checked.</summary>
internal sealed record ItemHeader(ItemKind Kind, string Id, string Title, string Summary, IReadOnlyList<string> Tags, string SourceFile, string Markdown, string Revision);

/// <summary>The outcome of parsing one item file: the item when the file is sound, and its problems.</summary>
/// <param name="IdLine">Line of the front matter <c>id</c> (or 1): where a clash of ids in the week is reported.</param>
internal sealed record ParsedItem(CourseItem? Item, int IdLine, IReadOnlyList<ContentError> Errors);

/// <summary>Parses an item file of any kind: front matter first, then the body by the rules of its kind.</summary>
internal static class ItemParser
{
    private static readonly string[] _commonKeys = ["kind", "title", "id", "summary", "tags"];

    private static readonly Dictionary<string, ItemKind> _kinds = new(StringComparer.Ordinal)
    {
        ["lecture"] = ItemKind.Lecture,
        ["notes"] = ItemKind.Notes,
        ["deck"] = ItemKind.Deck,
        ["quiz"] = ItemKind.Quiz,
    };

    /// <summary>Item ids the week's own pages use (<c>/weeks/{n}/print</c>), so no item may take them.</summary>
    public static IReadOnlyList<string> ReservedIds { get; } = ["print"];

    /// <param name="fileId">The id taken from the file name, used when the front matter gives none.</param>
    /// <param name="assets">The images of the file's week, by content path (none when null).</param>
    /// <param name="glossary">Terms whose first use in notes, slides and cards links to the glossary; none when null.</param>
    public static ParsedItem Parse(ContentFile file, string fileId, IReadOnlyDictionary<string, CourseAsset>? assets = null, Glossary? glossary = null)
    {
        var document = SourceDocument.Parse(file, assets);
        var frontMatter = FrontMatter.Read(document);

        var kindText = frontMatter.RequiredString("kind");
        ItemKind? kind = null;
        if (kindText is not null)
        {
            if (_kinds.TryGetValue(kindText, out var known))
            {
                kind = known;
            }
            else
            {
                document.AddError(frontMatter.ValueLine("kind"), $"Unknown kind '{kindText}'. Use one of: {string.Join(", ", _kinds.Keys)}.");
            }
        }

        string[] allowed = kind == ItemKind.Quiz ? [.. _commonKeys, .. QuizParser.SettingKeys] : _commonKeys;
        if (kind is not null)
        {
            frontMatter.RejectUnknownKeys(allowed);
        }

        var title = frontMatter.RequiredString("title");
        var id = frontMatter.String("id") ?? fileId;
        var idLine = frontMatter.Has("id") ? frontMatter.ValueLine("id") : 1;
        if (!ContentRules.IsValidId(id))
        {
            document.AddError(idLine, frontMatter.Has("id")
                ? $"The id '{id}' does not follow the rule for ids: {ContentRules.IdRuleText}."
                : $"The file name gives the id '{id}', which does not follow the rule for ids ({ContentRules.IdRuleText}); rename the file or set 'id'.");
        }
        else if (ReservedIds.Contains(id))
        {
            document.AddError(idLine, $"The id '{id}' is taken by the week's own page /weeks/N/{id}; rename the file or set another 'id'.");
        }

        var summary = frontMatter.String("summary") ?? "";
        var tags = frontMatter.StringList("tags");

        if (kind is null || title is null)
        {
            return new ParsedItem(null, idLine, document.Errors);
        }

        var header = new ItemHeader(kind.Value, id, title, summary, tags, file.Path, file.Text, ContentRules.Hash(file.Text));
        glossary ??= Glossary.Empty;
        CourseItem item = kind.Value switch
        {
            ItemKind.Lecture => LectureParser.Parse(document, header, glossary),
            ItemKind.Notes => NotesParser.Parse(document, header, glossary),
            ItemKind.Deck => DeckParser.Parse(document, header, glossary),
            _ => QuizParser.Parse(document, frontMatter, header),
        };
        item = item with { Images = document.Images };

        return document.HasErrors ? new ParsedItem(null, idLine, document.Errors) : new ParsedItem(item, idLine, []);
    }
}
