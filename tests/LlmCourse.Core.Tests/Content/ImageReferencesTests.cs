using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>Images in the course's Markdown: resolved once when a file is parsed, and checked before a week is published.</summary>
public sealed class ImageReferencesTests
{
    private const string Folder = "07-fine-tuning";
    private const string LecturePath = "weeks/07-fine-tuning/01-lecture.md";
    private const string DeckPath = "weeks/07-fine-tuning/02-cards.md";
    private const string ImagePath = "weeks/07-fine-tuning/images/layers.svg";

    private static readonly byte[] _layers = TestImages.Svg();

    private static string Lecture(string slideBody) => $"""
        ---
        kind: lecture
        title: Lecture
        ---
        ## A slide

        {slideBody}

        ### Transcript

        Words.
        """;

    private static List<ContentFile> Course(string slideBody, string? deck = null)
    {
        List<ContentFile> files =
        [
            new("course.md", "---\ntitle: Course\n---\n"),
            new($"weeks/{Folder}/week.md", "---\nnumber: 7\ntitle: Fine-tuning\n---\nIntro.\n"),
            new(LecturePath, Lecture(slideBody)),
            new("weeks/02-other/week.md", "---\nnumber: 2\ntitle: Other\n---\n"),
        ];
        if (deck is not null)
        {
            files.Add(new ContentFile(DeckPath, deck));
        }

        return files;
    }

    private static Slide FirstSlide(CourseSnapshot snapshot) => snapshot.FindWeek(7)!.Items.OfType<Lecture>().Single().Slides[0];

    private static IReadOnlyList<ContentError> Problems(CourseSnapshot snapshot) =>
        PublishValidator.ValidateWeek(snapshot, 7, DateTimeOffset.UnixEpoch, _ => DateTimeOffset.MinValue);

    [Fact]
    public void Load_RelativeImage_IsRewrittenToItsHashedUrlWithSize()
    {
        var snapshot = new CourseLoader().Load(Course("![The layers of a model](images/layers.svg)"), [new ContentAsset(ImagePath, _layers)]);

        var asset = snapshot.Assets[ImagePath];
        Assert.Equal(
            $"<p><img src=\"/assets/{asset.Hash}/layers.svg\" width=\"200\" height=\"100\" loading=\"lazy\" decoding=\"async\" alt=\"The layers of a model\" /></p>",
            FirstSlide(snapshot).BodyHtml);
        var lecture = snapshot.FindWeek(7)!.Items.Single();
        Assert.Equal([new ImageReference(7, "The layers of a model", "images/layers.svg", ImagePath, true)], lecture.Images);
        Assert.Empty(snapshot.Errors);
        Assert.Empty(Problems(snapshot));
    }

    [Theory]
    [InlineData("./images/layers.svg")]
    [InlineData("../07-fine-tuning/images/layers.svg")]
    [InlineData("images/layers.svg?v=2#part")]
    [InlineData("images/lay%65rs.svg")]
    public void Load_EquivalentRelativeAddresses_FindTheSameImage(string address)
    {
        var snapshot = new CourseLoader().Load(Course($"![Layers]({address})"), [new ContentAsset(ImagePath, _layers)]);

        Assert.Contains(snapshot.Assets[ImagePath].Url, FirstSlide(snapshot).BodyHtml, StringComparison.Ordinal);
        Assert.Empty(Problems(snapshot));
    }

    [Fact]
    public void Load_MissingImage_ShowsItsAltText_AndPublishingNamesFileAndLine()
    {
        var snapshot = new CourseLoader().Load(Course("Before.\n\n![The layers](images/nowhere.svg)"), [new ContentAsset(ImagePath, _layers)]);

        Assert.Equal("<p>Before.</p>\n<p>The layers</p>", FirstSlide(snapshot).BodyHtml);
        Fixtures.HasError(Problems(snapshot), LecturePath, 9, "images/nowhere.svg does not exist");
    }

    [Fact]
    public void Publish_ImageWithoutAltText_IsRefusedWithFileAndLine()
    {
        var snapshot = new CourseLoader().Load(Course("![](images/layers.svg)"), [new ContentAsset(ImagePath, _layers)]);

        // It still shows (the file is sound); only publishing insists on a description.
        Assert.Contains("alt=\"\"", FirstSlide(snapshot).BodyHtml, StringComparison.Ordinal);
        Fixtures.HasError(Problems(snapshot), LecturePath, 7, "no alt text");
    }

    [Theory]
    [InlineData("![Chart](https://example.com/chart.png)", "not stored with the course")]
    [InlineData("![Chart](//example.com/chart.png)", "not stored with the course")]
    [InlineData("![Chart](/assets/0123456789abcdef/chart.png)", "not stored with the course")]
    [InlineData("![Chart](../02-other/images/layers.svg)", "not in this week's images/ folder")]
    [InlineData("![Chart](layers.svg)", "not in this week's images/ folder")]
    [InlineData("![Chart](../../../etc/passwd)", "not in this week's images/ folder")]
    public void Publish_ImageNotInTheWeeksImagesFolder_IsRefused(string markdown, string message)
    {
        var snapshot = new CourseLoader().Load(
            Course(markdown),
            [new ContentAsset(ImagePath, _layers), new ContentAsset("weeks/02-other/images/layers.svg", _layers)]);

        Assert.DoesNotContain("<img", FirstSlide(snapshot).BodyHtml, StringComparison.Ordinal);
        Fixtures.HasError(Problems(snapshot), LecturePath, 7, message);
    }

    [Fact]
    public void Load_RefusedImage_IsReportedOnItsOwnFileAndLine_AndBlocksPublishing()
    {
        var svg = TestImages.Svg("<rect width=\"1\" height=\"1\"/>\n<script>alert(1)</script>");

        var snapshot = new CourseLoader().Load(Course("![Layers](images/layers.svg)"), [new ContentAsset(ImagePath, svg)]);

        Assert.Empty(snapshot.Assets);
        Fixtures.HasError(snapshot.Errors, ImagePath, 3, "<script> is not allowed");
        var problems = Problems(snapshot);
        Fixtures.HasError(problems, ImagePath, 3, "<script>");
        Fixtures.HasError(problems, LecturePath, 7, "was refused");
    }

    [Fact]
    public void Load_ImageReplacedByARefusedVersion_KeepsServingTheLastGoodOne()
    {
        var loader = new CourseLoader();
        var first = loader.Load(Course("![Layers](images/layers.svg)"), [new ContentAsset(ImagePath, _layers)]);

        var second = loader.Load(Course("![Layers](images/layers.svg)"), [new ContentAsset(ImagePath, TestImages.Svg("<g onload=\"alert(1)\"/>"))], first);

        Assert.Equal(first.Assets[ImagePath].Hash, second.Assets[ImagePath].Hash);
        Assert.Contains(first.Assets[ImagePath].Url, FirstSlide(second).BodyHtml, StringComparison.Ordinal);
        Fixtures.HasError(second.Errors, ImagePath, 2, "onload");
    }

    [Fact]
    public void Load_ChangedImage_ReparsesOnlyItsWeek_AndChangesTheRevision()
    {
        var loader = new CourseLoader();
        var files = Course("![Layers](images/layers.svg)");
        var first = loader.Load(files, [new ContentAsset(ImagePath, _layers)]);
        var parsed = loader.FilesParsed;

        var same = loader.Load(files, [new ContentAsset(ImagePath, (byte[])_layers.Clone())], first);
        Assert.Equal(parsed, loader.FilesParsed);
        Assert.Equal(first.Revision, same.Revision);

        var edited = TestImages.Svg("<circle r=\"5\"/>");
        var second = loader.Load(files, [new ContentAsset(ImagePath, edited)], same);

        // The image, week.md and the lecture of week 7 are parsed again; course.md and week 2 are not.
        Assert.Equal(parsed + 3, loader.FilesParsed);
        Assert.NotEqual(first.Revision, second.Revision);
        Assert.NotEqual(first.Assets[ImagePath].Url, second.Assets[ImagePath].Url);
        Assert.Contains(second.Assets[ImagePath].Url, FirstSlide(second).BodyHtml, StringComparison.Ordinal);
        Assert.Equal(first.FindWeek(7)!.Items[0].Revision, second.FindWeek(7)!.Items[0].Revision);
    }

    [Fact]
    public void Load_WithoutImages_KeepsTheRevisionItHadBefore()
    {
        var files = Course("No pictures.");

        Assert.Equal(new CourseLoader().Load(files).Revision, new CourseLoader().Load(files, []).Revision);
    }

    [Fact]
    public void Deck_ImageOnTheBack_RendersButStaysOutOfTheAnswerText()
    {
        const string deck = """
            ---
            kind: deck
            title: Cards
            ---
            ## What do sampling parameters do? {#sampling}

            They shape the next-token choice.

            ![Bars of next-token probabilities](images/layers.svg)

            Short answer: Shape the next-token choice
            """;

        var snapshot = new CourseLoader().Load(Course("Slide.", deck), [new ContentAsset(ImagePath, _layers)]);

        var card = snapshot.FindWeek(7)!.Items.OfType<Deck>().Single().Cards.Single();
        Assert.Contains($"<img src=\"{snapshot.Assets[ImagePath].Url}\"", card.AnswerHtml, StringComparison.Ordinal);
        Assert.Equal("They shape the next-token choice.", card.AnswerText);
        Assert.Equal("Shape the next-token choice", card.ShortAnswer);
    }

    [Fact]
    public void Publish_ImageInWeekIntroduction_IsCheckedToo()
    {
        var files = Course("Slide.").Select(f => f.Path == $"weeks/{Folder}/week.md" ? f with { Text = "---\nnumber: 7\ntitle: Fine-tuning\n---\nIntro.\n\n![](images/layers.svg)\n" } : f).ToList();

        var snapshot = new CourseLoader().Load(files, [new ContentAsset(ImagePath, _layers)]);

        Assert.Contains(snapshot.Assets[ImagePath].Url, snapshot.FindWeek(7)!.IntroHtml, StringComparison.Ordinal);
        Fixtures.HasError(Problems(snapshot), $"weeks/{Folder}/week.md", 7, "no alt text");
    }

    [Fact]
    public void FindAssets_ByHashAndName_AndWeekOf_NameTheOwningWeek()
    {
        var snapshot = new CourseLoader().Load(Course("Slide."), [new ContentAsset(ImagePath, _layers)]);
        var asset = snapshot.Assets[ImagePath];

        Assert.Equal([asset], snapshot.FindAssets(asset.Hash, "layers.svg"));
        Assert.Empty(snapshot.FindAssets(asset.Hash, "other.svg"));
        Assert.Empty(snapshot.FindAssets("0000000000000000", "layers.svg"));
        Assert.Equal(7, snapshot.WeekOf(asset)!.Number);
    }

    [Fact]
    public void Load_TheRealCourse_ShowsItsDiagramsWithAltText()
    {
        var root = CourseAssetsTests.RepoContent();

        var snapshot = new CourseLoader().Load(ContentDirectory.ReadFiles(root), ContentDirectory.ReadAssets(root));

        Assert.Empty(snapshot.Errors);
        var lecture = snapshot.FindWeek(7)!.Items.OfType<Lecture>().Single();
        var layers = snapshot.Assets.Values.Single(a => a.Name == "llm-layers.svg");
        Assert.Contains($"src=\"{layers.Url}\"", lecture.Slides[2].BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("glosser", lecture.Markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Week 8", lecture.Slides[^1].BodyHtml + lecture.Slides[^1].TranscriptHtml, StringComparison.OrdinalIgnoreCase);
        foreach (var week in snapshot.Course.Weeks)
        {
            Assert.Empty(PublishValidator.ValidateWeek(snapshot, week.Number, DateTimeOffset.UnixEpoch, _ => DateTimeOffset.MinValue));
        }

        var images = snapshot.Course.Weeks.SelectMany(w => w.Items).SelectMany(i => i.Images).ToList();
        Assert.True(images.Count >= 4, "The lecture and the flashcards show the course's four diagrams.");
        Assert.All(images, i => Assert.True(i.Found && i.Alt.Length >= 20, $"{i.Source}: found {i.Found}, alt '{i.Alt}'"));
    }
}
