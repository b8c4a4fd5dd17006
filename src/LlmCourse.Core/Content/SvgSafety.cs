using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace LlmCourse.Core.Content;

/// <summary>What checking an SVG found: its intrinsic size (null when it gives none) and its problems by line.</summary>
internal sealed record SvgCheckResult((int Width, int Height)? Size, IReadOnlyList<(int Line, string Message)> Problems);

/// <summary>
/// Decides whether an SVG may be served to learners. An SVG is a document that can hold scripts, event
/// handlers, HTML (foreignObject) and references that make the browser fetch other files; the site accepts
/// only a static drawing. The file is read as XML with DTDs prohibited (no entity tricks, no external
/// subsets) and checked against an allow-list of drawing elements; every href must point inside the image
/// (<c>#id</c>), every CSS <c>url()</c> too, and no attribute may be an event handler. Files are refused,
/// not cleaned, so the author sees exactly what was wrong; the site also serves SVG with a CSP that forbids
/// scripts and loads, as a second wall.
/// </summary>
internal static partial class SvgSafety
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    // Static drawing: shapes, text, paint servers, markers, clipping, masks and simple filters.
    private static readonly HashSet<string> _allowed = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "title", "desc", "metadata", "symbol", "use", "style",
        "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
        "text", "tspan", "textPath",
        "marker", "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood",
        "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    };

    // Elements refused with a reason an author can act on.
    private static readonly Dictionary<string, string> _refused = new(StringComparer.OrdinalIgnoreCase)
    {
        ["script"] = "<script> is not allowed: images on this site may not run code.",
        ["foreignObject"] = "<foreignObject> is not allowed: it embeds HTML inside the image.",
        ["image"] = "<image> is not allowed: it loads or embeds another picture; upload that picture as its own PNG or WebP file.",
        ["feImage"] = "<feImage> is not allowed: it loads another picture.",
        ["a"] = "<a> is not allowed: links inside an image can lead anywhere; put the link in the Markdown next to it.",
        ["animate"] = "<animate> is not allowed: animation can rewrite links and attributes after the check.",
        ["set"] = "<set> is not allowed: it can rewrite links and attributes after the check.",
        ["animateMotion"] = "<animateMotion> is not allowed: the site accepts still drawings only.",
        ["animateTransform"] = "<animateTransform> is not allowed: the site accepts still drawings only.",
        ["iframe"] = "<iframe> is not allowed: it embeds another page.",
        ["embed"] = "<embed> is not allowed: it embeds another document.",
        ["object"] = "<object> is not allowed: it embeds another document.",
        ["audio"] = "<audio> is not allowed: it loads other files.",
        ["video"] = "<video> is not allowed: it loads other files.",
        ["cursor"] = "<cursor> is not allowed: it loads another picture.",
        ["font-face-uri"] = "<font-face-uri> is not allowed: it loads a font from elsewhere.",
        ["handler"] = "<handler> is not allowed: images on this site may not run code.",
        ["listener"] = "<listener> is not allowed: images on this site may not run code.",
    };

    /// <summary>
    /// Whether the bytes look like an SVG document: after an optional byte-order mark, whitespace, an XML
    /// declaration and comments, the first element is <c>svg</c>. Used to sniff the type; <see cref="Check"/> decides.
    /// </summary>
    public static bool LooksLikeSvg(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).TrimStart('\uFEFF');
        var match = FirstElement().Match(head);
        var name = match.Groups["name"].Value;
        return match.Success && (name == "svg" || name.EndsWith(":svg", StringComparison.Ordinal));
    }

    public static SvgCheckResult Check(byte[] bytes)
    {
        var problems = new List<(int Line, string Message)>();
        (int, int)? size = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = CourseAssets.MaxBytes * 2L,
            IgnoreWhitespace = true,
            CloseInput = true,
        };

        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            var lines = (IXmlLineInfo)reader;
            var sawRoot = false;
            var skipBelow = -1;
            var styleDepth = -1;
            while (reader.Read())
            {
                if (skipBelow >= 0)
                {
                    if (reader.Depth > skipBelow)
                    {
                        continue;
                    }

                    skipBelow = -1;
                    if (reader.NodeType == XmlNodeType.EndElement)
                    {
                        continue;
                    }
                }

                var line = lines.LineNumber;
                switch (reader.NodeType)
                {
                    case XmlNodeType.ProcessingInstruction:
                        problems.Add((line, $"The processing instruction <?{reader.Name} …?> is not allowed: it can make the browser load other files."));
                        break;

                    case XmlNodeType.Element:
                        if (!sawRoot)
                        {
                            sawRoot = true;
                            if (reader.LocalName != "svg" || reader.NamespaceURI != SvgNamespace)
                            {
                                problems.Add((line, reader.LocalName == "svg"
                                    ? $"The <svg> element lacks xmlns=\"{SvgNamespace}\", so browsers do not read the file as SVG."
                                    : $"The file is not an SVG image: its first element is <{reader.Name}>."));
                                return new SvgCheckResult(null, problems);
                            }

                            size = RootSize(reader);
                        }

                        var refused = ElementProblem(reader);
                        if (refused is not null)
                        {
                            problems.Add((line, refused));
                            if (!reader.IsEmptyElement)
                            {
                                skipBelow = reader.Depth;
                            }

                            break;
                        }

                        CheckAttributes(reader, lines, problems);
                        if (reader.LocalName == "style" && !reader.IsEmptyElement)
                        {
                            styleDepth = reader.Depth;
                        }

                        break;

                    case XmlNodeType.EndElement when reader.Depth == styleDepth:
                        styleDepth = -1;
                        break;

                    case XmlNodeType.Text or XmlNodeType.CDATA when styleDepth >= 0:
                        if (CssProblem(reader.Value) is { } css)
                        {
                            problems.Add((line, $"The <style> element: {css}"));
                        }

                        break;
                }
            }

            if (!sawRoot)
            {
                problems.Add((1, "The file holds no <svg> element."));
            }
        }
        catch (XmlException ex)
        {
            if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add((LineOf(bytes, "<!DOCTYPE"), "The SVG has a <!DOCTYPE>, which is not allowed: a DTD can define entities and pull in other files. Remove it."));
            }
            else
            {
                problems.Add((Math.Max(1, ex.LineNumber), $"The file is not well-formed XML, so it cannot be a valid SVG: {ex.Message}"));
            }
        }

        if (problems.Count == 0 && size is null)
        {
            problems.Add((1, "The <svg> element needs a viewBox (or a width and height in pixels), so the image can be sized and scaled."));
        }

        return new SvgCheckResult(problems.Count == 0 ? size : null, problems);
    }

    private static string? ElementProblem(XmlReader reader)
    {
        if (reader.NamespaceURI != SvgNamespace)
        {
            return $"<{reader.Name}> is not allowed: only SVG drawing elements are (this one belongs to {(reader.NamespaceURI.Length == 0 ? "no namespace" : reader.NamespaceURI)}). Save the file as plain SVG.";
        }

        if (_refused.TryGetValue(reader.LocalName, out var why))
        {
            return why;
        }

        return _allowed.Contains(reader.LocalName) ? null : $"<{reader.LocalName}> is not an element the site accepts in SVG images (shapes, text, gradients, markers, masks and simple filters are).";
    }

    private static void CheckAttributes(XmlReader reader, IXmlLineInfo lines, List<(int Line, string Message)> problems)
    {
        if (!reader.MoveToFirstAttribute())
        {
            return;
        }

        do
        {
            var line = lines.LineNumber;
            if (reader.NamespaceURI == XmlnsNamespace)
            {
                // Declaring a namespace is inert; an element or attribute that uses one is judged on its own.
                continue;
            }

            var name = reader.Name;
            var local = reader.LocalName;
            var value = reader.Value;
            if (local.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add((line, $"The event attribute {name}=\"…\" is not allowed: images on this site may not run code."));
                continue;
            }

            if (local.Equals("href", StringComparison.OrdinalIgnoreCase) && (reader.NamespaceURI.Length == 0 || reader.NamespaceURI == XlinkNamespace))
            {
                if (!value.TrimStart().StartsWith('#'))
                {
                    problems.Add((line, $"{name}=\"{Clip(value)}\" points outside the image: only references to its own parts (#id) are allowed."));
                }

                continue;
            }

            if (CssProblem(value) is { } css)
            {
                problems.Add((line, $"The attribute {name}: {css}"));
            }
        }
        while (reader.MoveToNextAttribute());

        reader.MoveToElement();
    }

    /// <summary>
    /// Why CSS (a <c>style</c> element, a style attribute or a presentation attribute) could load something
    /// or run code, or null. Escapes are refused outright: <c>\75rl(</c> is <c>url(</c> to a browser.
    /// </summary>
    internal static string? CssProblem(string css)
    {
        if (css.Contains('\\', StringComparison.Ordinal))
        {
            return "CSS escapes (\\) are not allowed: they can hide what a rule loads.";
        }

        if (css.Contains("@import", StringComparison.OrdinalIgnoreCase) || css.Contains("@font-face", StringComparison.OrdinalIgnoreCase))
        {
            return "@import and @font-face are not allowed: they load other files.";
        }

        if (css.Contains("javascript:", StringComparison.OrdinalIgnoreCase) || css.Contains("expression(", StringComparison.OrdinalIgnoreCase)
            || css.Contains("-moz-binding", StringComparison.OrdinalIgnoreCase) || css.Contains("behavior:", StringComparison.OrdinalIgnoreCase))
        {
            return "script in CSS is not allowed.";
        }

        foreach (Match match in CssFunction().Matches(css))
        {
            var function = match.Groups["function"].Value.ToLowerInvariant();
            if (function != "url")
            {
                return $"{function}() is not allowed: it loads other files.";
            }

            if (!match.Groups["target"].Value.StartsWith('#'))
            {
                return $"url({Clip(match.Groups["target"].Value)}) points outside the image: only url(#id) is allowed.";
            }
        }

        return null;
    }

    private static (int, int)? RootSize(XmlReader reader)
    {
        var width = Pixels(reader.GetAttribute("width"));
        var height = Pixels(reader.GetAttribute("height"));
        if (width is > 0 && height is > 0)
        {
            return (width.Value, height.Value);
        }

        var parts = (reader.GetAttribute("viewBox") ?? "").Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 4
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
            && w > 0 && h > 0 && w < 100_000 && h < 100_000)
        {
            return ((int)Math.Ceiling(w), (int)Math.Ceiling(h));
        }

        return null;
    }

    /// <summary>A length in CSS pixels ("640", "640px"); null for percentages and other units, which depend on where the image is shown.</summary>
    private static int? Pixels(string? value)
    {
        var text = (value ?? "").Trim();
        if (text.EndsWith("px", StringComparison.Ordinal))
        {
            text = text[..^2];
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0 && number < 100_000
            ? (int)Math.Ceiling(number)
            : null;
    }

    /// <summary>The 1-based line where <paramref name="marker"/> first appears in the text (1 when it does not).</summary>
    private static int LineOf(byte[] bytes, string marker)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    // After the prolog (XML declaration, comments, a DOCTYPE, whitespace), the name of the first element.
    // The groups are atomic so a file that is not SVG fails fast instead of backtracking.
    [GeneratedRegex(@"^(?>\s*(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>))*\s*<(?<name>[A-Za-z_][\w.:-]*)", RegexOptions.Singleline)]
    private static partial Regex FirstElement();

    [GeneratedRegex(@"(?<![\w-])(?<function>url|image|image-set|-webkit-image-set|cross-fade|src|element)\s*\(\s*['""]?\s*(?<target>[^'"")\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CssFunction();
}
