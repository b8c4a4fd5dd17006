using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace LlmCourse.Core.Content;

/// <summary>
/// One content file parsed once: its Markdown tree (links already checked), its front matter, its source
/// lines and the errors found so far. Parsers read it and add errors with real file lines.
/// </summary>
internal sealed class SourceDocument
{
    private readonly List<ContentError> _errors = [];
    private readonly string[] _lines;

    private SourceDocument(ContentFile file, IReadOnlyDictionary<string, CourseAsset>? assets)
    {
        File = file;
        _lines = file.Text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var images = new ImageResolver(file.Path, assets ?? new Dictionary<string, CourseAsset>());
        Ast = CourseMarkdown.Parse(file.Text, images);
        Images = images.References;
        FrontMatterBlock = Ast.FirstOrDefault() as YamlFrontMatterBlock;
        Body = Ast.Where(b => b is not YamlFrontMatterBlock and not FootnoteGroup and not LinkReferenceDefinitionGroup).ToList();
    }

    public ContentFile File { get; }

    public string Path => File.Path;

    public MarkdownDocument Ast { get; }

    public YamlFrontMatterBlock? FrontMatterBlock { get; }

    /// <summary>Top-level blocks after the front matter, footnotes and link definitions left out.</summary>
    public IReadOnlyList<Block> Body { get; }

    /// <summary>The images the file shows, in order, as resolved against its week's images.</summary>
    public IReadOnlyList<ImageReference> Images { get; }

    public IReadOnlyList<ContentError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <param name="assets">The images the file may show, by content path; none when null.</param>
    public static SourceDocument Parse(ContentFile file, IReadOnlyDictionary<string, CourseAsset>? assets = null) => new(file, assets);

    /// <summary>1-based file line of a Markdown node (Markdig counts from 0).</summary>
    public static int LineOf(MarkdownObject node) => node.Line + 1;

    /// <summary>The text of a 1-based line, or empty past the end.</summary>
    public string SourceLine(int line) => line >= 1 && line <= _lines.Length ? _lines[line - 1] : "";

    public void AddError(int line, string message) => _errors.Add(new ContentError(Path, Math.Max(1, line), message));

    public void AddError(MarkdownObject node, string message) => AddError(LineOf(node), message);

    /// <summary>
    /// The YAML between the <c>---</c> lines and the file line its first line sits on, or null (with an
    /// error) when the file has no front matter.
    /// </summary>
    public (string Yaml, int FirstLine)? FrontMatterText()
    {
        if (FrontMatterBlock is null)
        {
            AddError(1, "The file must start with YAML front matter between two '---' lines.");
            return null;
        }

        // Read the source lines ourselves so line numbers stay exact whatever Markdig keeps in the block.
        var first = FrontMatterBlock.Line + 2;
        var yaml = new List<string>();
        for (var line = first; line <= _lines.Length; line++)
        {
            var text = SourceLine(line);
            if (text.TrimEnd() is "---" or "...")
            {
                break;
            }

            yaml.Add(text);
        }

        return (string.Join('\n', yaml), first);
    }
}
