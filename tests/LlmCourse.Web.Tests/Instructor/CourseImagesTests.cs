using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Core.Tests.Content;
using LlmCourse.Web.Assets;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>
/// Course images end to end: served at content-hashed URLs with long caching and a CSP that forbids script,
/// refused to anyone who may not see their week, uploaded and previewed by instructors (a bad upload changes
/// nothing), and carried byte for byte by export and import.
/// </summary>
public sealed partial class CourseImagesTests : IDisposable
{
    private const string Week7 = "07-fine-tuning-large-language-models";
    private const string Week9Folder = "09-extra";
    private const string Chart9 = "weeks/09-extra/images/chart.png";

    private readonly PublishingApp _app = new();

    private CourseStore Store => _app.Factory.Services.GetRequiredService<CourseStore>();

    [Fact]
    public async Task Slide3_ShowsTheLayersDiagram_ServedWithImmutableCachingAndAStrictPolicy()
    {
        var anonymous = TestAccounts.NewClient(_app.Factory);
        var slide = await anonymous.GetStringAsync("/weeks/7/lecture/slides/3");

        var match = LayersImage().Match(slide);
        Assert.True(match.Success, "slide 3 has no <img> of llm-layers.svg with alt text:\n" + slide);
        Assert.DoesNotContain("glosser", slide, StringComparison.OrdinalIgnoreCase);
        var response = await anonymous.GetAsync(match.Groups["url"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AssetEndpoints.PublicCaching, Single(response, "Cache-Control"));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Content, "weeks", Week7, "images", "llm-layers.svg"));
        Assert.Equal(onDisk, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ContentRules.Hash(onDisk), match.Groups["hash"].Value);
    }

    [Fact]
    public async Task Asset_ForASignedInLearner_KeepsItsLongCaching()
    {
        var learner = await TestAccounts.RegisterAsync(_app.Factory);
        var url = Store.Current.Assets.Values.Single(a => a.Name == "llm-layers.svg").Url;

        var response = await learner.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AssetEndpoints.PublicCaching, Single(response, "Cache-Control"));

        // Pages of signed-in learners stay uncached: only the image is exempt.
        Assert.Contains("no-store", (await learner.GetAsync("/weeks/7/lecture/slides/3")).Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_AskedAgainWithItsEtag_IsNotModified()
    {
        var client = TestAccounts.NewClient(_app.Factory);
        var url = Store.Current.Assets.Values.Single(a => a.Name == "llm-layers.svg").Url;
        var first = await client.GetAsync(url);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("unknown hash", "/assets/0000000000000000/llm-layers.svg")]
    [InlineData("right hash, other name", "/assets/{hash}/sampling-parameters.svg")]
    [InlineData("right hash, name in capitals", "/assets/{hash}/LLM-LAYERS.SVG")]
    [InlineData("right hash, no name", "/assets/{hash}/")]
    [InlineData("a path instead of a name", "/assets/{hash}/..%2F..%2Fweek.md")]
    [InlineData("a listing", "/assets/")]
    public async Task Asset_NotExactlyAStoredImage_Is404(string why, string url)
    {
        var hash = Store.Current.Assets.Values.Single(a => a.Name == "llm-layers.svg").Hash;

        var response = await TestAccounts.NewClient(_app.Factory).GetAsync(url.Replace("{hash}", hash, StringComparison.Ordinal));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{why}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Asset_OfAnUnpublishedWeek_IsRefusedToLearners_PrivateToInstructors_AndPublicOncePublished()
    {
        var png = TestImages.Png(6, 4);
        await AddWeek9Async("![A chart of the results](images/chart.png)\n", (Chart9, png));
        var url = Store.Current.Assets[Chart9].Url;
        var anonymous = TestAccounts.NewClient(_app.Factory);
        var learner = await TestAccounts.RegisterAsync(_app.Factory);
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync(url)).StatusCode);
        var forInstructor = await instructor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, forInstructor.StatusCode);
        Assert.Equal(AssetEndpoints.PrivateCaching, Single(forInstructor, "Cache-Control"));
        Assert.Equal(png, await forInstructor.Content.ReadAsByteArrayAsync());

        // Scheduled: still hidden until the release instant, then served to everyone.
        var publishing = (Func<IServiceProvider, Task<PublishOutcome>> act) => _app.WithServiceAsync(act);
        var scheduled = await publishing(s => s.GetRequiredService<PublishingService>().ScheduleAsync(9, _app.Clock.GetUtcNow().AddHours(1), "test"));
        Assert.True(scheduled.Done, string.Join("\n", scheduled.Problems));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);

        _app.Clock.Advance(TimeSpan.FromHours(2));
        var released = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(AssetEndpoints.PublicCaching, Single(released, "Cache-Control"));
    }

    [Fact]
    public async Task Upload_GoodPng_OnTheImagesPage_LandsAndThePreviewShowsIt()
    {
        await AddWeek9Async("No picture yet.\n");
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var png = TestImages.Png(12, 8);

        var response = await PostImageAsync(instructor, "/instructor/weeks/9/images?handler=Upload", "/instructor/weeks/9/images", "upload", "chart.png", png);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(png, await StoredBytesAsync(Chart9));
        var asset = Store.Current.Assets[Chart9];
        var page = await instructor.GetStringAsync("/instructor/weeks/9/images");
        Assert.Contains("Uploaded images/chart.png", page, StringComparison.Ordinal);
        Assert.Contains($"src=\"{asset.Url}\"", page, StringComparison.Ordinal);
        Assert.Contains("PNG · 12 × 8", page, StringComparison.Ordinal);

        var preview = await PreviewAsync(instructor, "---\nkind: notes\ntitle: Zebra notes\n---\n![A chart of the results](images/chart.png)\n");
        Assert.Contains($"<img src=\"{asset.Url}\" width=\"12\" height=\"8\"", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("editor-problems\"><ul", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_GoodSvgFromTheEditor_KeepsTheUnsavedText_AndPreviewsTheImage()
    {
        await AddWeek9Async("Saved text.\n");
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var editUrl = "/instructor/edit?path=" + Uri.EscapeDataString(PublishingApp.Notes9);
        var baseHash = BaseHash().Match(await instructor.GetStringAsync(editUrl)).Groups[1].Value;
        const string unsaved = "---\nkind: notes\ntitle: Zebra notes\n---\nUnsaved words.\n\n![How the steps connect](images/flow.svg)\n";
        var svg = TestImages.Svg();

        var response = await PostImageAsync(instructor, "/instructor/edit?handler=UploadImage", editUrl, "image", "flow.svg", svg, new()
        {
            ["path"] = PublishingApp.Notes9,
            ["BaseHash"] = baseHash,
            ["Text"] = unsaved,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var asset = Store.Current.Assets["weeks/09-extra/images/flow.svg"];
        Assert.Contains("Uploaded <code>images/flow.svg</code>", html, StringComparison.Ordinal);
        Assert.Contains("Unsaved words.", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{asset.Url}\" width=\"200\" height=\"100\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"How the steps connect\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsaved words.", Store.Files[PublishingApp.Notes9], StringComparison.Ordinal);
        Assert.Equal(svg, await StoredBytesAsync("weeks/09-extra/images/flow.svg"));
    }

    public static TheoryData<string, string, byte[], string> BadImages => new()
    {
        { "GIF named .png", "chart.png", TestImages.Gif(), "not a PNG image" },
        { "a .gif", "chart.gif", TestImages.Gif(), "use SVG, PNG or WebP" },
        { "HTML named .svg", "page.svg", Encoding.UTF8.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>"), "not an SVG image" },
        { "too big", "big.png", TestImages.Png(4, 4, padTo: (CourseAssets.MaxBytes * 3) / 2), "the limit is 1,048,576" },
        { "script in SVG", "x.svg", TestImages.Svg("<script>alert(document.cookie)</script>"), "&lt;script&gt; is not allowed" },
        { "onload in SVG", "x.svg", TestImages.Svg("", "viewBox=\"0 0 10 10\" onload=\"alert(1)\""), "onload" },
        { "external href in SVG", "x.svg", TestImages.Svg("<use href=\"https://evil.example/s.svg#i\"/>"), "points outside the image" },
        { "foreignObject in SVG", "x.svg", TestImages.Svg("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>"), "foreignObject" },
        { "path traversal", "../../x.svg", TestImages.Svg(), "not a plain file name" },
        { "path into another week", "../07-fine-tuning-large-language-models/images/llm-layers.svg", TestImages.Svg(), "not a plain file name" },
        { "empty file", "x.png", [], "Choose an image file" },
    };

    [Theory]
    [MemberData(nameof(BadImages))]
    public async Task Upload_BadImage_IsRefusedClearly_AndChangesNothing(string why, string fileName, byte[] bytes, string message)
    {
        await AddWeek9Async("Text.\n");
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await CountsAsync();

        var response = await PostImageAsync(instructor, "/instructor/weeks/9/images?handler=Upload", "/instructor/weeks/9/images", "upload", fileName, bytes);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        var layers = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Content, "weeks", Week7, "images", "llm-layers.svg"));
        Assert.Equal(layers, await StoredBytesAsync($"weeks/{Week7}/images/llm-layers.svg"));
    }

    [Fact]
    public async Task Upload_BadImageFromTheEditor_SaysWhy_KeepsTheText_AndChangesNothing()
    {
        await AddWeek9Async("Text.\n");
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var editUrl = "/instructor/edit?path=" + Uri.EscapeDataString(PublishingApp.Notes9);
        var before = await CountsAsync();

        var response = await PostImageAsync(instructor, "/instructor/edit?handler=UploadImage", editUrl, "image", "x.svg", TestImages.Svg("<script>alert(1)</script>"), new()
        {
            ["path"] = PublishingApp.Notes9,
            ["BaseHash"] = "",
            ["Text"] = "---\nkind: notes\ntitle: Zebra notes\n---\nKeep me.\n",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains("x.svg, line 2: &lt;script&gt; is not allowed", html, StringComparison.Ordinal);
        Assert.Contains("Keep me.", html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Upload_WithoutAntiforgeryToken_OrAsALearner_IsRefused()
    {
        await AddWeek9Async("Text.\n");
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var learner = await TestAccounts.RegisterAsync(_app.Factory);
        var before = await CountsAsync();

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(2, 2)), "upload", "chart.png" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await instructor.PostAsync("/instructor/weeks/9/images?handler=Upload", form)).StatusCode);
        }

        var token = await TestAccounts.AntiforgeryTokenAsync(learner, "/");
        using (var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(TestImages.Png(2, 2)), "upload", "chart.png" } })
        {
            var response = await learner.PostAsync("/instructor/weeks/9/images?handler=Upload", form);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.OK, (await learner.GetAsync("/instructor/weeks/9/images")).StatusCode);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Delete_ImageStillShown_IsRefused_UnusedImage_IsDeleted()
    {
        await AddWeek9Async("![A chart of the results](images/chart.png)\n", (Chart9, TestImages.Png(2, 2)), ("weeks/09-extra/images/spare.png", TestImages.Png(3, 3)));
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);

        var refused = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9/images?handler=Delete", new() { ["name"] = "chart.png" }, formUrl: "/instructor/weeks/9/images");
        Assert.Contains("still shown by 01-zebra-notes.md line 5", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await StoredBytesAsync(Chart9));

        var deleted = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9/images?handler=Delete", new() { ["name"] = "spare.png" }, formUrl: "/instructor/weeks/9/images");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await StoredBytesAsync("weeks/09-extra/images/spare.png"));
        Assert.False(Store.Current.Assets.ContainsKey("weeks/09-extra/images/spare.png"));
    }

    public static TheoryData<string, string, int, string> ImageProblems => new()
    {
        { "missing alt text", "Intro.\n\n![](images/chart.png)\n", 7, "no alt text" },
        { "missing image", "Intro.\n\n![A chart](images/nowhere.png)\n", 7, "images/nowhere.png does not exist" },
        { "image from the web", "![A chart](https://example.com/chart.png)\n", 5, "not stored with the course" },
    };

    [Theory]
    [MemberData(nameof(ImageProblems))]
    public async Task Publish_WeekWithAnImageProblem_IsRefusedWithFileAndLine(string why, string body, int line, string message)
    {
        await AddWeek9Async(body, (Chart9, TestImages.Png(2, 2)));
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);

        var page = await (await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Publish", [], formUrl: "/instructor/weeks/9")).Content.ReadAsStringAsync();

        Assert.Contains("was not published", page, StringComparison.Ordinal);
        var problems = await _app.WithServiceAsync(s => Task.FromResult(s.GetRequiredService<PublishingService>().Validate(9, _app.Clock.GetUtcNow())));
        Assert.True(problems.Any(p => p.File == PublishingApp.Notes9 && p.Line == line && p.Message.Contains(message, StringComparison.Ordinal)), why + ":\n" + string.Join("\n", problems));
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.NewClient(_app.Factory).GetAsync("/weeks/9")).StatusCode);
    }

    [Fact]
    public async Task Publish_WeekWhoseImagesAreDescribed_IsAccepted()
    {
        await AddWeek9Async("![A chart of the results](images/chart.png)\n", (Chart9, TestImages.Png(2, 2)));

        var outcome = await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));

        Assert.True(outcome.Done, string.Join("\n", outcome.Problems));
        Assert.Equal(HttpStatusCode.OK, (await TestAccounts.NewClient(_app.Factory).GetAsync(Store.Current.Assets[Chart9].Url)).StatusCode);
    }

    [Fact]
    public async Task ExportThenImport_KeepsEveryImageByteForByte()
    {
        var png = TestImages.Png(9, 7, padTo: 40_000);
        await AddWeek9Async("![A chart of the results](images/chart.png)\n", (Chart9, png));
        var folder = Path.Combine(Path.GetTempPath(), "llmcourse-tests", "export-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A stale image in the target folder goes, as stale Markdown does.
            Directory.CreateDirectory(Path.Combine(folder, "weeks", Week7, "images"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "weeks", Week7, "images", "stale.png"), TestImages.Png(1, 1));
            var output = new StringWriter();
            Assert.Equal(0, await ContentCommands.RunAsync(_app.Factory.Services, ["content", "export", folder], output, output));

            Assert.False(File.Exists(Path.Combine(folder, "weeks", Week7, "images", "stale.png")));
            Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(folder, "weeks", Week9Folder, "images", "chart.png")));
            foreach (var name in new[] { "llm-layers.svg", "fine-tuning-workflow.svg", "supervised-vs-unsupervised.svg", "sampling-parameters.svg" })
            {
                Assert.Equal(
                    await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Content, "weeks", Week7, "images", name)),
                    await File.ReadAllBytesAsync(Path.Combine(folder, "weeks", Week7, "images", name)));
            }

            using var other = new PublishingApp();
            _ = other.Factory.Services;
            Assert.Equal(0, await ContentCommands.RunAsync(other.Factory.Services, ["content", "import", folder], output, output));
            var imported = other.Factory.Services.GetRequiredService<CourseStore>();
            Assert.Equal(Store.Current.Revision, imported.Current.Revision);
            Assert.Equal(Store.AssetFiles.Keys.Order(), imported.AssetFiles.Keys.Order());
            foreach (var (path, asset) in Store.AssetFiles)
            {
                Assert.Equal(asset.Bytes, imported.AssetFiles[path].Bytes);
            }

            Assert.Equal(Store.Current.Assets[Chart9].Url, imported.Current.Assets[Chart9].Url);
            var repository = other.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<ContentRepository>();
            Assert.Equal(0, await repository.ImportAsync(ContentDirectory.ReadFiles(folder), ContentDirectory.ReadAssets(folder), "test", ""));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Import_FolderWithAnUnsafeImage_NamesTheProblem_AndChangesNothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "llmcourse-tests", "import-" + Guid.NewGuid().ToString("N"));
        try
        {
            RepoPaths.CopyTree(RepoPaths.Content, folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "weeks", Week7, "images", "evil.svg"), TestImages.Svg("<script>alert(1)</script>"));
            await File.WriteAllTextAsync(Path.Combine(folder, "course.md"), "---\ntitle: Changed title\n---\n");
            var before = await CountsAsync();
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await ContentCommands.RunAsync(_app.Factory.Services, ["content", "import", folder], output, error);

            Assert.Equal(1, code);
            Assert.Contains($"weeks/{Week7}/images/evil.svg:2: <script> is not allowed", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("nothing imported", error.ToString(), StringComparison.Ordinal);
            Assert.Equal(before, await CountsAsync());
            Assert.NotEqual("Changed title", Store.Current.Course.Title);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ContentFolder_ImageEdited_IsImported_AndPagesGetTheNewUrl()
    {
        var client = _app.Factory.CreateClient();
        var before = LayersImage().Match(await client.GetStringAsync("/weeks/7/lecture/slides/3")).Groups["url"].Value;
        var file = Path.Combine(_app.ContentDir, "weeks", Week7, "images", "llm-layers.svg");
        var edited = (await File.ReadAllTextAsync(file)).Replace("Input layer</text>", "Input layer (edited)</text>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, edited);

        var after = before;
        for (var i = 0; i < 30 && after == before; i++)
        {
            await Task.Delay(100);
            after = LayersImage().Match(await client.GetStringAsync("/weeks/7/lecture/slides/3")).Groups["url"].Value;
        }

        Assert.NotEqual(before, after);
        Assert.Contains("Input layer (edited)", await client.GetStringAsync(after), StringComparison.Ordinal);
        Assert.Equal(ContentRepository.FolderActor, (await _app.WithServiceAsync(s => s.GetRequiredService<AppDbContext>().ContentAssets.SingleAsync(a => a.Path.EndsWith("/llm-layers.svg")))).UpdatedBy);
    }

    [Fact]
    public async Task OtherInstance_ServesAnImageUploadedOnThisOne()
    {
        using var second = new SharedDatabaseFactory(_app.Database);
        var secondClient = second.CreateClient();
        await AddWeek9Async("![A chart of the results](images/chart.png)\n", (Chart9, TestImages.Png(5, 5)));
        await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));
        var url = Store.Current.Assets[Chart9].Url;

        var status = HttpStatusCode.NotFound;
        for (var i = 0; i < 30 && status != HttpStatusCode.OK; i++)
        {
            status = (await secondClient.GetAsync(url)).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>A draft week 9 whose notes have <paramref name="notesBody"/> (line 5 onwards), with images.</summary>
    private async Task AddWeek9Async(string notesBody, params (string Path, byte[] Bytes)[] images)
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContentRepository>().ApplyAsync(
            [
                new ContentChange(PublishingApp.Week9, "---\nnumber: 9\ntitle: Extra week\npublished: false\n---\nAn extra week.\n"),
                new ContentChange(PublishingApp.Notes9, $"---\nkind: notes\ntitle: Zebra notes\n---\n{notesBody}"),
            ],
            [.. images.Select(i => new AssetChange(i.Path, i.Bytes))],
            "test@example.com",
            "edit",
            "test",
            "");
    }

    private static async Task<HttpResponseMessage> PostImageAsync(
        HttpClient client, string url, string formUrl, string field, string fileName, byte[] bytes, Dictionary<string, string>? fields = null)
    {
        var token = await TestAccounts.AntiforgeryTokenAsync(client, formUrl);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        // Set by hand: the framework would quote and encode the name, and a browser sends it as typed.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"", FileName = $"\"{fileName}\"" };
        form.Add(file);
        return await client.PostAsync(url, form);
    }

    private async Task<string> PreviewAsync(HttpClient instructor, string text)
    {
        var editUrl = "/instructor/edit?path=" + Uri.EscapeDataString(PublishingApp.Notes9);
        var response = await TestAccounts.PostFormAsync(instructor, "/instructor/edit?handler=Preview", new()
        {
            ["path"] = PublishingApp.Notes9, ["BaseHash"] = "", ["Text"] = text,
        }, formUrl: editUrl);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<byte[]?> StoredBytesAsync(string path) =>
        _app.WithServiceAsync(async s => (await s.GetRequiredService<AppDbContext>().ContentAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Path == path))?.Bytes);

    private Task<(int Assets, int Files, int Audit, string Revision)> CountsAsync() =>
        _app.WithServiceAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            return (await db.ContentAssets.CountAsync(), await db.ContentFiles.CountAsync(), await db.PublishingAudit.CountAsync(), s.GetRequiredService<CourseStore>().Current.Revision);
        });

    /// <summary>A header as the server sent it (the typed accessors reorder Cache-Control's directives).</summary>
    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.NonValidated.TryGetValues(header, out var values) ? string.Join(", ", values) : "(missing)";

    [GeneratedRegex("<img src=\"(?<url>/assets/(?<hash>[0-9a-f]{16})/llm-layers\\.svg)\" width=\"480\" height=\"540\" loading=\"lazy\" decoding=\"async\" alt=\"Diagram of a large language model[^\"]+\" />")]
    private static partial Regex LayersImage();

    [GeneratedRegex("name=\"BaseHash\" value=\"([0-9a-f]+)\"")]
    private static partial Regex BaseHash();

    private sealed class SharedDatabaseFactory(TestDatabase database) : CourseAppFactory(database)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Content:PollInterval", "00:00:00.200")];
    }

    public void Dispose() => _app.Dispose();
}
