namespace LlmCourse.Core.Content;

/// <summary>What <c>course.md</c> gives.</summary>
internal sealed record CourseHeader(string Title, string Tagline, string OverviewHtml);

/// <summary>What a <c>week.md</c> gives; <paramref name="NumberLine"/> is where a clash of numbers is reported.</summary>
internal sealed record WeekHeader(int Number, int NumberLine, string Title, string Summary, string IntroHtml, bool Published, DateTimeOffset? ReleaseAt)
{
    /// <summary>The images the introduction shows.</summary>
    public IReadOnlyList<ImageReference> Images { get; init; } = [];
}

/// <summary>Parsers for the two files that are not items: <c>course.md</c> and <c>week.md</c>.</summary>
internal static class HeaderParsers
{
    private static readonly string[] _courseKeys = ["title", "tagline"];
    private static readonly string[] _weekKeys = ["number", "title", "summary", "published", "release"];

    public static (CourseHeader? Header, IReadOnlyList<ContentError> Errors) ParseCourse(ContentFile file)
    {
        var document = SourceDocument.Parse(file);
        var frontMatter = FrontMatter.Read(document);
        frontMatter.RejectUnknownKeys(_courseKeys);
        var title = frontMatter.RequiredString("title");
        var tagline = frontMatter.String("tagline") ?? "";
        if (document.HasErrors || title is null)
        {
            return (null, document.Errors);
        }

        return (new CourseHeader(title, tagline, CourseMarkdown.RenderBlocks(document.Ast)), []);
    }

    /// <param name="assets">The images of the week, by content path (none when null).</param>
    public static (WeekHeader? Header, IReadOnlyList<ContentError> Errors) ParseWeek(ContentFile file, IReadOnlyDictionary<string, CourseAsset>? assets = null)
    {
        var document = SourceDocument.Parse(file, assets);
        var frontMatter = FrontMatter.Read(document);
        frontMatter.RejectUnknownKeys(_weekKeys);
        var number = frontMatter.Int("number");
        if (number is null && frontMatter.Loaded && !frontMatter.Has("number"))
        {
            document.AddError(frontMatter.LineOf("number"), "Front matter lacks the required key 'number'.");
        }
        else if (number is < 0)
        {
            document.AddError(frontMatter.ValueLine("number"), "'number' must not be negative.");
        }

        var title = frontMatter.RequiredString("title");
        var summary = frontMatter.String("summary") ?? "";
        var published = frontMatter.Bool("published") ?? true;
        var release = frontMatter.Instant("release");
        if (document.HasErrors || number is null || title is null)
        {
            return (null, document.Errors);
        }

        var header = new WeekHeader(number.Value, frontMatter.ValueLine("number"), title, summary, CourseMarkdown.RenderBlocks(document.Ast), published, release)
        {
            Images = document.Images,
        };
        return (header, []);
    }
}
