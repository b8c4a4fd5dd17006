using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LlmCourse.Core.Content;

/// <summary>An image written in a file's Markdown, <c>![alt](source)</c>, and what it resolved to.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Alt">The alt text as plain text (empty when the brackets are empty).</param>
/// <param name="Source">The address as written, like <c>images/llm-layers.svg</c>.</param>
/// <param name="Path">The content path a relative address resolves to (null for an absolute or external address).</param>
/// <param name="Found">Whether <paramref name="Path"/> is an image of the file's own week that passed its checks.</param>
public sealed record ImageReference(int Line, string Alt, string Source, string? Path, bool Found);

/// <summary>
/// Resolves the images of one file while it is parsed: a relative address is looked up among the images of the
/// file's week folder and rewritten to that image's content-hashed URL, with its width and height so the page
/// does not jump as it loads. Anything else (a missing image, an address outside the course) is replaced by its
/// alt text, so no page asks the server for a file that is not there; the publish check reports each one.
/// </summary>
internal sealed class ImageResolver(string filePath, IReadOnlyDictionary<string, CourseAsset> assets)
{
    private readonly List<ImageReference> _references = [];

    /// <summary>A resolver that knows no images: every image of the file shows as its alt text.</summary>
    public static ImageResolver None(string filePath) => new(filePath, new Dictionary<string, CourseAsset>());

    public IReadOnlyList<ImageReference> References => _references;

    private static readonly object AltTextKey = new();

    /// <summary>Whether <paramref name="literal"/> is the alt text shown for an image the course does not hold: it is the image's words, not the author's prose, so no glossary term links inside it.</summary>
    public static bool IsAltText(LiteralInline literal) => literal.GetData(AltTextKey) is true;

    public void Resolve(MarkdownDocument document)
    {
        // Materialise first: the walk below edits the tree.
        var images = document.Descendants<LinkInline>().Where(l => l.IsImage).ToList();
        foreach (var image in images)
        {
            var source = (image.GetDynamicUrl?.Invoke() ?? image.Url ?? "").Trim();
            var alt = CourseMarkdown.PlainText((IEnumerable<Inline>)image);
            var path = IsRelative(source) ? ResolvePath(source) : null;
            var asset = path is not null ? assets.GetValueOrDefault(path) : null;
            _references.Add(new ImageReference(image.Line + 1, alt, source, path, asset is not null));
            if (asset is null)
            {
                var text = new LiteralInline(alt);
                text.SetData(AltTextKey, true);
                image.ReplaceBy(text, copyChildren: false);
                continue;
            }

            image.GetDynamicUrl = null;
            image.Url = asset.Url;
            var attributes = image.GetAttributes();
            attributes.AddProperty("width", asset.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddProperty("height", asset.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddProperty("loading", "lazy");
            attributes.AddProperty("decoding", "async");
        }
    }

    /// <summary>A relative address: no scheme, not rooted, not protocol-relative, not only a fragment.</summary>
    private static bool IsRelative(string source) =>
        source.Length > 0
        && CourseMarkdown.IsAllowedUrl(source)
        && !source.Contains(':', StringComparison.Ordinal)
        && source[0] is not '/' and not '\\' and not '#' and not '?';

    /// <summary>The content path <paramref name="source"/> names from the file's folder (starting with <c>..</c> when it climbs out of the course), or null when it is not a plain path.</summary>
    private string? ResolvePath(string source)
    {
        var end = source.IndexOfAny(['?', '#']);
        var address = Uri.UnescapeDataString(end < 0 ? source : source[..end]);
        if (address.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var slash = filePath.LastIndexOf('/');
        var parts = slash < 0 ? [] : filePath[..slash].Split('/').ToList();
        foreach (var part in address.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case ".." when parts.Count == 0 || parts[^1] == "..":
                    // Above the content root: kept visible in the path, which can then never name an image.
                    parts.Add("..");
                    continue;
                case "..":
                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }

        return string.Join('/', parts);
    }
}
