using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>A binary file of the course as stored: an image in a week's <c>images/</c> folder.</summary>
/// <param name="Path">Relative to the content root, forward slashes: <c>weeks/07-fine-tuning/images/llm-layers.svg</c>.</param>
/// <param name="Bytes">The file exactly as authored; the site serves these bytes unchanged.</param>
public sealed record ContentAsset(string Path, byte[] Bytes);

/// <summary>The image formats the site accepts; each is recognised by its content, not only its name.</summary>
public enum AssetFormat
{
    Svg,
    Png,
    Webp,
}

/// <summary>An image that passed every check, as the site serves it.</summary>
/// <param name="Path">Where it is stored (see <see cref="ContentAsset.Path"/>).</param>
/// <param name="Folder">The week folder holding it, like <c>07-fine-tuning</c>.</param>
/// <param name="Name">The file name, like <c>llm-layers.svg</c>.</param>
/// <param name="Hash">Content hash of <see cref="Bytes"/> (16 lower-case hex characters).</param>
/// <param name="Width">Intrinsic width in CSS pixels (an SVG's width, else its viewBox width).</param>
/// <param name="Height">Intrinsic height in CSS pixels.</param>
public sealed record CourseAsset(string Path, string Folder, string Name, string Hash, AssetFormat Format, int Width, int Height, byte[] Bytes)
{
    /// <summary>
    /// The content-hashed address. Other bytes get another address, so a response can be cached for a year
    /// and marked immutable: an edited image is simply a new URL.
    /// </summary>
    public string Url => $"/assets/{Hash}/{Name}";

    public string ContentType => CourseAssets.ContentTypeOf(Format);
}

/// <summary>The outcome of checking one stored image: the asset when it is sound, and its problems.</summary>
public sealed record AssetCheck(CourseAsset? Asset, IReadOnlyList<ContentError> Errors)
{
    public bool Ok => Asset is not null && Errors.Count == 0;
}

/// <summary>
/// The rules for course images, in one place: where they live, what they may be called, how big they may be,
/// and what their bytes must hold. The type is decided by sniffing the content (PNG and WebP signatures; SVG
/// parsed as XML) and must agree with the file's extension. SVG is checked by <see cref="SvgSafety"/> and
/// refused, never rewritten, when it could run code or load anything from outside itself: the bytes an author
/// exported are the bytes learners get.
/// </summary>
public static partial class CourseAssets
{
    /// <summary>Largest image accepted, in bytes (1 MiB): a slide image should load quickly on a phone.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Largest width or height of a PNG or WebP, in pixels; bigger bitmaps cost phones far more memory than their file size suggests.</summary>
    public const int MaxSide = 8192;

    /// <summary>The folder, inside a week folder, that holds its images.</summary>
    public const string ImagesFolder = "images";

    /// <summary>The MIME type served for a format.</summary>
    public static string ContentTypeOf(AssetFormat format) => format switch
    {
        AssetFormat.Svg => "image/svg+xml",
        AssetFormat.Png => "image/png",
        _ => "image/webp",
    };

    /// <summary>Whether <paramref name="name"/> is an image file name the site accepts: lower-case letters, digits, '-' and '_', then .svg, .png or .webp.</summary>
    public static bool IsImageName(string? name) => ImageName().IsMatch(name ?? "");

    /// <summary>The week folder and file name of an image path <c>weeks/NN-slug/images/name.ext</c>, or null for any other path.</summary>
    public static (string Folder, string Name)? SplitPath(string? path)
    {
        var match = ImagePath().Match(path ?? "");
        return match.Success ? (match.Groups["folder"].Value, match.Groups["name"].Value) : null;
    }

    /// <summary>The path an image called <paramref name="name"/> has in week folder <paramref name="folder"/>.</summary>
    public static string PathIn(string folder, string name) => $"weeks/{folder}/{ImagesFolder}/{name}";

    /// <summary>
    /// Why <paramref name="name"/> cannot be an image's file name, or null when it can. A name that is not a
    /// plain file name (a path, <c>..</c>) is refused rather than cut down, so nothing lands where it was not meant to.
    /// </summary>
    public static string? NameProblem(string? name)
    {
        name ??= "";
        if (name.Length == 0)
        {
            return "The file has no name.";
        }

        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name is "." or ".." || name.Any(char.IsControl))
        {
            return $"'{Clip(name)}' is not a plain file name: give just the name, like llm-layers.svg.";
        }

        var dot = name.LastIndexOf('.');
        var extension = dot < 0 ? "" : name[(dot + 1)..];
        if (FormatOfExtension(extension.ToLowerInvariant()) is null)
        {
            return $"'{Clip(name)}' is not an image the site accepts: use SVG, PNG or WebP (.svg, .png or .webp).";
        }

        if (!IsImageName(name))
        {
            return $"'{Clip(name)}' is not a name the site accepts: use lower-case letters, digits, '-' and '_' (at most 80), like {Suggest(name)}.";
        }

        return null;
    }

    /// <summary>
    /// Checks one stored image: its place and name, its size, that its content is the format its extension
    /// names, its dimensions, and (for SVG) that it is safe. Problems are reported on the image's own path;
    /// an SVG's problems carry the line they are on.
    /// </summary>
    public static AssetCheck Inspect(ContentAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var path = asset.Path;
        var errors = new List<ContentError>();
        void Fail(int line, string message) => errors.Add(new ContentError(path, Math.Max(1, line), message));

        if (SplitPath(path) is not var (folder, name))
        {
            var slash = path.LastIndexOf('/');
            var inImagesFolder = path.StartsWith("weeks/", StringComparison.Ordinal) && path[..Math.Max(0, slash)].EndsWith("/" + ImagesFolder, StringComparison.Ordinal);
            Fail(1, inImagesFolder && NameProblem(path[(slash + 1)..]) is { } nameProblem
                ? nameProblem
                : $"Images live in a week's {ImagesFolder}/ folder, like weeks/07-fine-tuning/{ImagesFolder}/llm-layers.svg.");
            return new AssetCheck(null, errors);
        }

        var bytes = asset.Bytes;
        if (bytes.Length == 0)
        {
            Fail(1, "The image file is empty.");
            return new AssetCheck(null, errors);
        }

        if (bytes.Length > MaxBytes)
        {
            Fail(1, $"The image is {bytes.Length:N0} bytes; the limit is {MaxBytes:N0} (1 MiB). Export it smaller, or as SVG.");
            return new AssetCheck(null, errors);
        }

        var expected = FormatOfExtension(name[(name.LastIndexOf('.') + 1)..])!.Value;
        var actual = Sniff(bytes);
        if (actual != expected)
        {
            Fail(1, actual is { } other
                ? $"The file is named .{ExtensionOf(expected)} but holds a{(other == AssetFormat.Svg ? "n" : "")} {Describe(other)} image: name it .{ExtensionOf(other)}."
                : $"The file is not a{(expected == AssetFormat.Svg ? "n" : "")} {Describe(expected)} image: its content does not start the way a{(expected == AssetFormat.Svg ? "n" : "")} {Describe(expected)} file does.");
            return new AssetCheck(null, errors);
        }

        (int Width, int Height)? size;
        switch (expected)
        {
            case AssetFormat.Png:
                size = PngSize(bytes);
                break;
            case AssetFormat.Webp:
                size = WebpSize(bytes);
                break;
            default:
                var svg = SvgSafety.Check(bytes);
                foreach (var (line, message) in svg.Problems)
                {
                    Fail(line, message);
                }

                size = svg.Size;
                break;
        }

        if (errors.Count > 0)
        {
            return new AssetCheck(null, errors);
        }

        if (size is not var (width, height))
        {
            Fail(1, $"The {Describe(expected)} file is damaged: its header does not give the image's size.");
            return new AssetCheck(null, errors);
        }

        if (expected != AssetFormat.Svg && (width > MaxSide || height > MaxSide))
        {
            Fail(1, $"The image is {width} × {height} pixels; the limit is {MaxSide} on each side.");
            return new AssetCheck(null, errors);
        }

        return new AssetCheck(new CourseAsset(path, folder, name, ContentRules.Hash(bytes), expected, width, height, bytes), []);
    }

    /// <summary>The format the bytes hold, judged by their content alone, or null when they are none of the three.</summary>
    public static AssetFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(PngSignature))
        {
            return AssetFormat.Png;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return AssetFormat.Webp;
        }

        return SvgSafety.LooksLikeSvg(bytes) ? AssetFormat.Svg : null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // PNG: the signature, then the IHDR chunk (length 13) whose first two fields are width and height, big-endian (PNG spec, 11.2.2).
    private static (int, int)? PngSize(byte[] bytes)
    {
        if (bytes.Length < 33 || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 13 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20));
        return width is 0 or > int.MaxValue || height is 0 or > int.MaxValue ? null : ((int)width, (int)height);
    }

    // WebP (RFC 9649): RIFF size, then the first chunk: VP8X (canvas size, 24-bit minus one), VP8L (14-bit sizes
    // minus one after the 0x2F signature) or VP8 (frame header with start code 9D 01 2A, then 14-bit sizes).
    private static (int, int)? WebpSize(byte[] bytes)
    {
        if (bytes.Length < 30)
        {
            return null;
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (riffSize < 4 || riffSize > bytes.Length - 8)
        {
            return null;
        }

        var chunk = Encoding.ASCII.GetString(bytes, 12, 4);
        switch (chunk)
        {
            case "VP8X":
                return (1 + ReadUInt24(bytes, 24), 1 + ReadUInt24(bytes, 27));
            case "VP8L":
                if (bytes[20] != 0x2F)
                {
                    return null;
                }

                var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(21));
                return (1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
            case "VP8 ":
                if (bytes[23] != 0x9D || bytes[24] != 0x01 || bytes[25] != 0x2A)
                {
                    return null;
                }

                var width = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(26)) & 0x3FFF;
                var height = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28)) & 0x3FFF;
                return width == 0 || height == 0 ? null : (width, height);
            default:
                return null;
        }
    }

    private static int ReadUInt24(byte[] bytes, int at) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);

    private static AssetFormat? FormatOfExtension(string extension) => extension switch
    {
        "svg" => AssetFormat.Svg,
        "png" => AssetFormat.Png,
        "webp" => AssetFormat.Webp,
        _ => null,
    };

    private static string ExtensionOf(AssetFormat format) => format.ToString().ToLowerInvariant();

    private static string Describe(AssetFormat format) => format switch
    {
        AssetFormat.Svg => "SVG",
        AssetFormat.Png => "PNG",
        _ => "WebP",
    };

    /// <summary>A name the rules accept, made from one they refuse: "Slide 3 Diagram.PNG" → "slide-3-diagram.png".</summary>
    private static string Suggest(string name)
    {
        var dot = name.LastIndexOf('.');
        var stem = NotNameCharacters().Replace(name[..Math.Max(0, dot)].ToLowerInvariant(), "-").Trim('-', '_');
        stem = stem.Length == 0 ? "image" : stem[..Math.Min(stem.Length, 80)];
        return $"{stem}.{name[(dot + 1)..].ToLowerInvariant()}";
    }

    private static string Clip(string text) => text.Length <= 100 ? text : text[..100] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}\\.(?:svg|png|webp)$")]
    private static partial Regex ImageName();

    [GeneratedRegex("^weeks/(?<folder>[0-9]{1,4}-[a-z0-9][a-z0-9-]{0,80})/images/(?<name>[a-z0-9][a-z0-9_-]{0,79}\\.(?:svg|png|webp))$")]
    private static partial Regex ImagePath();

    [GeneratedRegex("[^a-z0-9_-]+")]
    private static partial Regex NotNameCharacters();
}
