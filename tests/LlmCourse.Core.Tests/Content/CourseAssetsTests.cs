using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class CourseAssetsTests
{
    private const string Folder = "07-fine-tuning";

    private static AssetCheck Inspect(string name, byte[] bytes) =>
        CourseAssets.Inspect(new ContentAsset(CourseAssets.PathIn(Folder, name), bytes));

    private static void AssertRefused(AssetCheck check, int line, string fragment)
    {
        Assert.Null(check.Asset);
        Assert.True(
            check.Errors.Any(e => e.Line == line && e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase)),
            $"Expected line {line} containing '{fragment}', got:\n{string.Join('\n', check.Errors)}");
    }

    [Fact]
    public void Inspect_Png_ReadsItsSizeAndGivesAHashedUrl()
    {
        var bytes = TestImages.Png(3, 2);

        var check = Inspect("chart.png", bytes);

        Assert.True(check.Ok, string.Join('\n', check.Errors));
        var asset = check.Asset!;
        Assert.Equal((AssetFormat.Png, 3, 2), (asset.Format, asset.Width, asset.Height));
        Assert.Equal("image/png", asset.ContentType);
        Assert.Matches("^[0-9a-f]{16}$", asset.Hash);
        Assert.Equal($"/assets/{asset.Hash}/chart.png", asset.Url);
        Assert.Equal(Folder, asset.Folder);
        Assert.Same(bytes, asset.Bytes);
    }

    [Fact]
    public void Inspect_SameBytesUnderTwoNames_ShareTheHash_OtherBytesDoNot()
    {
        var a = Inspect("a.png", TestImages.Png(3, 2)).Asset!;
        var b = Inspect("b.png", TestImages.Png(3, 2)).Asset!;
        var c = Inspect("a.png", TestImages.Png(3, 2, red: 0)).Asset!;

        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Url, b.Url);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    public static TheoryData<string, byte[], int, int> WebpHeaders => new()
    {
        { "lossless (VP8L)", TestImages.WebpLossless(640, 360), 640, 360 },
        { "extended (VP8X)", TestImages.WebpExtended(1200, 800), 1200, 800 },
        { "lossy (VP8)", TestImages.WebpLossy(320, 240), 320, 240 },
    };

    [Theory]
    [MemberData(nameof(WebpHeaders))]
    public void Inspect_Webp_ReadsTheSizeOfEachBitstream(string kind, byte[] bytes, int width, int height)
    {
        var check = Inspect("photo.webp", bytes);

        Assert.True(check.Ok, kind + ": " + string.Join('\n', check.Errors));
        Assert.Equal((AssetFormat.Webp, width, height, "image/webp"), (check.Asset!.Format, check.Asset.Width, check.Asset.Height, check.Asset.ContentType));
    }

    [Theory]
    [InlineData("viewBox=\"0 0 640 360\"", 640, 360)]
    [InlineData("viewBox=\"0,0,99.5,10\"", 100, 10)]
    [InlineData("width=\"300\" height=\"150px\" viewBox=\"0 0 600 300\"", 300, 150)]
    [InlineData("width=\"100%\" viewBox=\"0 0 640 360\"", 640, 360)]
    public void Inspect_Svg_TakesItsSizeFromWidthHeightOrViewBox(string rootAttributes, int width, int height)
    {
        var check = Inspect("diagram.svg", TestImages.Svg(rootAttributes: rootAttributes));

        Assert.True(check.Ok, string.Join('\n', check.Errors));
        Assert.Equal((AssetFormat.Svg, width, height, "image/svg+xml"), (check.Asset!.Format, check.Asset.Width, check.Asset.Height, check.Asset.ContentType));
    }

    [Fact]
    public void Inspect_SvgWithoutAnySize_IsRefused()
    {
        AssertRefused(Inspect("diagram.svg", TestImages.Svg(rootAttributes: "")), 1, "viewBox");
    }

    public static TheoryData<string, string, byte[], string> WrongTypes => new()
    {
        { "PNG bytes named .svg", "x.svg", TestImages.Png(2, 2), "holds a PNG image: name it .png" },
        { "WebP bytes named .png", "x.png", TestImages.WebpLossless(2, 2), "holds a WebP image: name it .webp" },
        { "SVG named .png", "x.png", TestImages.Svg(), "holds an SVG image: name it .svg" },
        { "GIF named .png", "x.png", TestImages.Gif(), "not a PNG image" },
        { "JPEG named .webp", "x.webp", TestImages.Jpeg(), "not a WebP image" },
        { "HTML named .svg", "x.svg", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "not an SVG image" },
        { "plain text named .svg", "x.svg", Encoding.UTF8.GetBytes("just some words"), "not an SVG image" },
        { "PNG signature with no header", "x.png", TestImages.Png(2, 2)[..12], "damaged" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Inspect_ContentThatIsNotWhatTheNameSays_IsRefused(string problem, string name, byte[] bytes, string message)
    {
        var check = Inspect(name, bytes);

        Assert.False(check.Ok, problem);
        AssertRefused(check, 1, message);
    }

    [Fact]
    public void Inspect_OneByteOverTheLimit_IsRefused_AtTheLimit_IsAccepted()
    {
        AssertRefused(Inspect("big.png", TestImages.Png(4, 4, padTo: CourseAssets.MaxBytes + 1)), 1, "limit is 1,048,576");
        Assert.True(Inspect("big.png", TestImages.Png(4, 4, padTo: CourseAssets.MaxBytes)).Ok);
    }

    [Fact]
    public void Inspect_EmptyFile_IsRefused()
    {
        AssertRefused(Inspect("x.png", []), 1, "empty");
    }

    [Theory]
    [InlineData(CourseAssets.MaxSide + 1, 10)]
    [InlineData(10, CourseAssets.MaxSide + 1)]
    public void Inspect_PngWiderOrTallerThanTheLimit_IsRefused(int width, int height)
    {
        // The header alone decides: a tiny file can still claim a huge bitmap that a phone would have to allocate.
        var header = TestImages.Png(1, 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(16), (uint)width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(20), (uint)height);

        AssertRefused(Inspect("x.png", header), 1, $"limit is {CourseAssets.MaxSide}");
    }

    // Payloads from the OWASP XSS filter evasion cheat sheet and PortSwigger's XSS cheat sheet (SVG vectors),
    // plus XXE (OWASP XML External Entity Prevention cheat sheet) and external-load vectors; each names the
    // line the problem is on (the body starts on line 2).
    public static TheoryData<string, string, int, string> UnsafeSvg => new()
    {
        { "script element", "<script>alert(1)</script>", 2, "<script> is not allowed" },
        { "script in CDATA with a prefix", "<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\"><![CDATA[alert(1)]]></svg:script>", 2, "<script> is not allowed" },
        { "onload on the root", "", 1, "onload" },
        { "onclick on a shape, reported on the attribute's line", "<rect width=\"1\" height=\"1\"\n  onclick=\"alert(1)\"/>", 3, "onclick" },
        { "upper-case event attribute", "<g ONMOUSEOVER=\"alert(1)\"/>", 2, "ONMOUSEOVER" },
        { "external href on use", "<use href=\"https://evil.example/sprite.svg#icon\"/>", 2, "points outside the image" },
        { "xlink:href to javascript", "<use xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"javascript:alert(1)\"/>", 2, "points outside the image" },
        { "foreignObject with HTML", "<foreignObject width=\"10\" height=\"10\"><body xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"https://evil.example\"/></body></foreignObject>", 2, "<foreignObject> is not allowed" },
        { "image with a data URL", "<image href=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\" width=\"1\" height=\"1\"/>", 2, "<image> is not allowed" },
        { "link to javascript", "<a href=\"javascript:alert(1)\"><text>x</text></a>", 2, "<a> is not allowed" },
        { "set rewriting an href", "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>", 2, "<set> is not allowed" },
        { "animate", "<animate attributeName=\"x\" values=\"0;1\" dur=\"1s\"/>", 2, "<animate> is not allowed" },
        { "HTML iframe in the XHTML namespace", "<iframe xmlns=\"http://www.w3.org/1999/xhtml\" src=\"https://evil.example\"/>", 2, "only SVG drawing elements" },
        { "unknown element", "<blink>x</blink>", 2, "not an element the site accepts" },
        { "style with @import", "<style>@import url(https://evil.example/x.css);</style>", 2, "@import" },
        { "style with an external url()", "<style>rect { fill: url(https://evil.example/p.svg#g); }</style>", 2, "points outside the image" },
        { "style hiding url() behind an escape", "<style>rect { background: \\75rl(https://evil.example) }</style>", 2, "escapes" },
        { "style attribute with image-set()", "<rect style=\"fill: image-set('https://evil.example/a.png' 1x)\"/>", 2, "image-set()" },
        { "presentation attribute with an external url()", "<rect fill=\"url(//evil.example/g.svg#x)\" width=\"1\" height=\"1\"/>", 2, "points outside the image" },
        { "script in CSS", "<rect style=\"width: expression(alert(1))\"/>", 2, "script in CSS" },
        { "stylesheet processing instruction", "<?xml-stylesheet href=\"https://evil.example/x.css\"?><g/>", 2, "processing instruction" },
    };

    [Theory]
    [MemberData(nameof(UnsafeSvg))]
    public void Inspect_UnsafeSvg_IsRefusedWithItsLine(string vector, string body, int line, string message)
    {
        var root = vector == "onload on the root" ? "viewBox=\"0 0 10 10\" onload=\"alert(1)\"" : "viewBox=\"0 0 10 10\"";

        var check = Inspect("diagram.svg", TestImages.Svg(body, root));

        Assert.False(check.Ok, vector);
        AssertRefused(check, line, message);
    }

    [Fact]
    public void Inspect_SvgWithAnEntityDeclaration_IsRefusedWithoutReadingIt()
    {
        // XXE: the entity would read a local file into the picture. DTDs are prohibited, so nothing is resolved.
        var svg = Encoding.UTF8.GetBytes($"<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<svg xmlns=\"{TestImages.SvgNamespace}\" viewBox=\"0 0 10 10\"><text>&xxe;</text></svg>");

        AssertRefused(Inspect("diagram.svg", svg), 2, "DOCTYPE");
    }

    [Fact]
    public void Inspect_SvgRootWithoutTheSvgNamespace_IsRefused()
    {
        AssertRefused(Inspect("diagram.svg", Encoding.UTF8.GetBytes("<svg viewBox=\"0 0 10 10\"><rect/></svg>")), 1, "xmlns");
    }

    [Fact]
    public void Inspect_SafeSvgWithLocalReferences_IsAccepted()
    {
        const string body = """
            <defs>
              <marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker>
              <linearGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#000"/></linearGradient>
            </defs>
            <style>text { font-family: system-ui, sans-serif; } .arrow { marker-end: url(#head); }</style>
            <title>A safe drawing</title>
            <rect width="10" height="10" fill="url(#g)" style="stroke: url('#g')"/>
            <use href="#head"/>
            <text x="1" y="5">Hello <tspan font-weight="700">world</tspan></text>
            """;

        var check = Inspect("diagram.svg", TestImages.Svg(body, "viewBox=\"0 0 10 10\" role=\"img\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""));

        Assert.True(check.Ok, string.Join('\n', check.Errors));
    }

    [Fact]
    public void Inspect_TheCourseDiagrams_AreAllAccepted()
    {
        var root = RepoContent();
        var images = ContentDirectory.ReadAssets(root);

        Assert.Contains(images, i => i.Path.EndsWith("/images/llm-layers.svg", StringComparison.Ordinal));
        Assert.True(images.Count >= 4, "The course's four diagrams should be in content/weeks/*/images/.");
        foreach (var image in images)
        {
            var check = CourseAssets.Inspect(image);
            Assert.True(check.Ok, image.Path + ": " + string.Join('\n', check.Errors));
            Assert.Equal(AssetFormat.Svg, check.Asset!.Format);
        }
    }

    [Theory]
    [InlineData("llm-layers.svg", null)]
    [InlineData("photo_2.webp", null)]
    [InlineData("../../x.svg", "not a plain file name")]
    [InlineData("images/x.svg", "not a plain file name")]
    [InlineData("..\\x.png", "not a plain file name")]
    [InlineData("C:x.png", "not a plain file name")]
    [InlineData("..", "not a plain file name")]
    [InlineData("", "no name")]
    [InlineData("diagram.gif", "use SVG, PNG or WebP")]
    [InlineData("diagram.svg.html", "use SVG, PNG or WebP")]
    [InlineData("Slide 3 Diagram.PNG", "like slide-3-diagram.png")]
    [InlineData("-leading-dash.png", "lower-case letters")]
    public void NameProblem_FileName_FollowsTheNamingRule(string name, string? problem)
    {
        var found = CourseAssets.NameProblem(name);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.NotNull(found);
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("weeks/07-fine-tuning/diagram.png")]
    [InlineData("images/diagram.png")]
    [InlineData("weeks/07-fine-tuning/images/deeper/diagram.png")]
    public void Inspect_ImageOutsideAWeeksImagesFolder_IsRefused(string path)
    {
        var check = CourseAssets.Inspect(new ContentAsset(path, TestImages.Png(2, 2)));

        AssertRefused(check, 1, "images/ folder");
    }

    [Fact]
    public void ReadImage_Upload_ChecksNameAndContentWithoutWriting()
    {
        var ok = ContentUpload.ReadImage("chart.png", TestImages.Png(5, 4), Folder);
        var traversal = ContentUpload.ReadImage("../../x.svg", TestImages.Svg(), Folder);
        var unsafeSvg = ContentUpload.ReadImage("x.svg", TestImages.Svg("<script>alert(1)</script>"), Folder);
        var badFolder = ContentUpload.ReadImage("x.svg", TestImages.Svg(), "../07-fine-tuning");

        Assert.True(ok.Ok);
        Assert.Equal($"weeks/{Folder}/images/chart.png", ok.Asset!.Path);
        Assert.Contains(traversal.Problems, p => p.Contains("not a plain file name", StringComparison.Ordinal));
        Assert.Contains(unsafeSvg.Problems, p => p.StartsWith("x.svg, line 2:", StringComparison.Ordinal) && p.Contains("<script>", StringComparison.Ordinal));
        Assert.Contains(badFolder.Problems, p => p.Contains("not a week folder", StringComparison.Ordinal));
        Assert.All([traversal, unsafeSvg, badFolder], r => Assert.Null(r.Asset));
    }

    [Fact]
    public void ReadAssets_ReadsOnlyWeekImagesFolders_AndCapsOversizedFiles()
    {
        var root = Directory.CreateTempSubdirectory("llmcourse-assets-").FullName;
        try
        {
            var images = Path.Combine(root, "weeks", "07-fine-tuning", "images");
            Directory.CreateDirectory(images);
            File.WriteAllBytes(Path.Combine(images, "a.png"), TestImages.Png(2, 2));
            File.WriteAllBytes(Path.Combine(images, "big.png"), new byte[CourseAssets.MaxBytes + 5000]);
            File.WriteAllBytes(Path.Combine(images, ".DS_Store"), [1, 2, 3]);
            File.WriteAllBytes(Path.Combine(root, "weeks", "07-fine-tuning", "beside.png"), TestImages.Png(2, 2));
            Directory.CreateDirectory(Path.Combine(root, "images"));
            File.WriteAllBytes(Path.Combine(root, "images", "top.png"), TestImages.Png(2, 2));

            var assets = ContentDirectory.ReadAssets(root);

            Assert.Equal(["weeks/07-fine-tuning/images/a.png", "weeks/07-fine-tuning/images/big.png"], assets.Select(a => a.Path));
            Assert.Equal(TestImages.Png(2, 2), assets[0].Bytes);
            Assert.False(ContentDirectory.IsTruncated(assets[0]));
            Assert.Equal(CourseAssets.MaxBytes + 1, assets[1].Bytes.Length);
            Assert.True(ContentDirectory.IsTruncated(assets[1]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal static string RepoContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCourse.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("LlmCourse.sln not found above the test binary.");
    }
}
